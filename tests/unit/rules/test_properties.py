"""Properties that hold for any choices and any scores."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalapp.rules import (
    Outcome,
    aggregate,
    list_rulebooks,
    list_sheets,
    load_rulebook,
    mean_half_up,
    round_half_up,
    score_sheet,
)

from .support import R1048, tiny_rulebook, tiny_scores, tiny_sheet

SHEETS = list_sheets(R1048)
RULEBOOK = load_rulebook(R1048)
TINY = tiny_rulebook()


@st.composite
def complete_choices(draw):
    """A sheet and one level per leaf, drawn from every level (knock-outs and stops too)."""
    sheet = draw(st.sampled_from(SHEETS))
    choices = {leaf.code: draw(st.sampled_from(leaf.levels)).code for leaf in sheet.leaves}
    return sheet, choices


@settings(max_examples=300, deadline=None)
@given(complete_choices())
def test_a_sheet_never_exceeds_its_part_maxima_or_100(drawn):
    sheet, choices = drawn
    score = score_sheet(sheet, choices)
    assert score.is_complete
    for part in RULEBOOK.parts:
        assert 0 <= score.parts[part.code] <= part.maximum
    assert 0 <= score.total <= 100
    assert score.total == sum(score.parts.values())


@settings(max_examples=50, deadline=None)
@given(st.lists(complete_choices(), min_size=1, max_size=5))
def test_an_aggregate_stays_within_bounds(drawn):
    sheet = drawn[0][0]
    scores = [score_sheet(sheet, choices) for other, choices in drawn if other is sheet]
    result = aggregate(RULEBOOK, sheet, scores)
    assert 0 <= result.score <= 100
    assert min(result.totals) <= result.score <= max(result.totals) + Decimal("0.005")
    assert result.needs_rescoring is (result.spread > 10)
    assert set(result.class_changing_sheets) <= set(range(len(scores)))
    if result.outcome is Outcome.CLASSIFIED:
        assert result.classification.band.contains(result.score)


scores_2dp = st.decimals(min_value=0, max_value=100, places=2)


def _stars(book, score):
    band = book.band_for(score)
    return 0 if band is None else band.stars


@given(scores_2dp, scores_2dp)
def test_star_class_is_monotonic_in_the_score(low, high):
    low, high = sorted((low, high))
    for book in (*list_rulebooks(), TINY):
        assert _stars(book, low) <= _stars(book, high)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(["0", "0.005", "0.994", "0.995"]), st.integers(0, 98), st.integers(0, 98))
def test_aggregated_class_is_monotonic_in_the_score(fraction, a, b):
    low, high = sorted((Decimal(a) + Decimal(fraction), Decimal(b) + Decimal(fraction)))
    low_result = aggregate(TINY, tiny_sheet(), tiny_scores(low))
    high_result = aggregate(TINY, tiny_sheet(), tiny_scores(high))
    assert (low_result.stars or 0) <= (high_result.stars or 0)


@given(st.decimals(min_value=-1000, max_value=1000, places=6))
def test_round_half_up_matches_the_decimal_module(value):
    assert round_half_up(value) == value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@given(st.lists(scores_2dp, min_size=1, max_size=15))
def test_mean_half_up_is_the_rounded_exact_mean(values):
    exact = sum(map(Fraction, values)) / len(values)
    rounded = mean_half_up(values)
    assert abs(Fraction(rounded) - exact) <= Fraction(1, 200)
    assert min(values) <= rounded <= max(values)


def test_mean_of_nothing_is_refused():
    with pytest.raises(ValueError, match="mean of no values"):
        mean_half_up([])
