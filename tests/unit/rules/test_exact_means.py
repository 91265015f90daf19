"""The exact-sum means (issue 17) give what the Fraction-per-value means gave, bit for bit: the
same `Decimal` (digits and exponent) for any values, and the same `ProductResult` (every
average, the class, the class-changing sheets of the O(n) leave-one-out) for any council on any
shipped sheet. The reference below is the code as it was before."""

from __future__ import annotations

import statistics
from decimal import Decimal
from fractions import Fraction
from math import floor

from hypothesis import given, settings
from hypothesis import strategies as st

from evalapp.rules import aggregate, classify_sheets, list_rulebooks, list_sheets, score_sheet
from evalapp.rules.aggregation import (
    CriterionStats,
    ProductResult,
    Verdict,
    _check,
    _farthest,
    classify,
)
from evalapp.rules.numbers import mean_half_up


def reference_round(value, places: int = 2) -> Decimal:
    exact = Fraction(value) * 10**places
    magnitude = floor(abs(exact) + Fraction(1, 2))
    return Decimal(magnitude if exact >= 0 else -magnitude).scaleb(-places)


def reference_mean(values, places: int = 2) -> Decimal:
    items = [Fraction(value) for value in values]
    if not items:
        raise ValueError("mean of no values")
    return reference_round(sum(items) / len(items), places)


def reference_verdict(rulebook, sheet, scores, dismissed=()) -> Verdict:
    from types import MappingProxyType

    places = rulebook.council.decimals
    averages = {
        leaf.code: reference_mean((s.points[leaf.code] for s in scores), places)
        for leaf in sheet.leaves
    }
    score = reference_mean((s.total for s in scores), places)
    parts = {p.code: reference_mean((s.parts[p.code] for s in scores), places) for p in sheet.parts}
    classification = classify(rulebook, sheet, scores, averages, score, dismissed)
    return Verdict(score, MappingProxyType(parts), classification)


def reference_aggregate(rulebook, sheet, scores, dismissed=()) -> ProductResult:
    _check(sheet, scores)
    dismissed, places = tuple(dismissed), rulebook.council.decimals
    totals = tuple(s.total for s in scores)
    verdict = reference_verdict(rulebook, sheet, scores, dismissed)
    full = verdict.classification
    changed = []
    for index in range(len(scores) if len(scores) >= 2 else 0):
        rest = [s for i, s in enumerate(scores) if i != index]
        other = reference_verdict(rulebook, sheet, rest, dismissed).classification
        if (other.outcome, other.stars) != (full.outcome, full.stars):
            changed.append(index)
    criteria = []
    for leaf in sheet.leaves:
        values = [s.points[leaf.code] for s in scores]
        low, high = min(values), max(values)
        average = reference_mean(values, places)
        criteria.append(
            CriterionStats(leaf.code, leaf.part, leaf.max_points, average, high - low, low, high)
        )
    spread = max(totals) - min(totals)
    return ProductResult(
        rulebook=rulebook.code,
        sheet=sheet.code,
        member_count=len(totals),
        totals=totals,
        score=verdict.score,
        part_scores=verdict.part_scores,
        classification=full,
        earns_certificate=(full.stars or 0) >= rulebook.certificate.min_stars,
        spread=spread,
        needs_rescoring=spread > rulebook.council.max_spread,
        median=reference_round(statistics.median(totals), places),
        stdev=reference_round(statistics.pstdev(totals), places),
        farthest=_farthest(totals),
        criteria=tuple(criteria),
        class_changing_sheets=tuple(changed),
    )


def same(a, b) -> bool:
    """Equal, and printed alike (a Decimal's exponent included)."""
    return a == b and repr(a) == repr(b)


# --- the means -----------------------------------------------------------------------------------

decimals = st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**6), max_value=10**6)
numbers = st.one_of(decimals, st.integers(-(10**9), 10**9), st.fractions(max_denominator=1000))


@settings(max_examples=800, deadline=None)
@given(st.lists(numbers, min_size=1, max_size=20), st.integers(0, 6))
def test_a_mean_is_the_same_decimal_as_before(values, places):
    assert same(mean_half_up(values, places), reference_mean(values, places))


@settings(max_examples=800, deadline=None)
@given(
    st.lists(st.integers(-100000, 100000), min_size=1, max_size=15),
    st.integers(0, 4),
    st.integers(0, 3),
)
def test_a_mean_on_a_tie_rounds_as_before(hundredths, exponent, places):
    """Values on a grid where exact halves (…5 at the rounding digit) are frequent."""
    values = [Decimal(h).scaleb(-exponent) for h in hundredths]
    assert same(mean_half_up(values, places), reference_mean(values, places))


# --- whole councils on every shipped sheet -------------------------------------------------------

SHEETS = [(book, sheet) for book in list_rulebooks() for sheet in list_sheets(book.code)]


@st.composite
def council(draw):
    """A shipped sheet and 1–12 members' choices, every level drawn (knock-outs, stops), often
    the same few levels so that classes sit on their boundaries; some findings dismissed."""
    book, sheet = draw(st.sampled_from(SHEETS))
    count = draw(st.integers(1, 12))
    narrow = draw(st.booleans())
    scores = []
    for _ in range(count):
        choices = {}
        for leaf in sheet.leaves:
            levels = leaf.levels[-2:] if narrow else leaf.levels
            choices[leaf.code] = draw(st.sampled_from(levels)).code
        score = score_sheet(sheet, choices)
        if score.is_complete:
            scores.append(score)
    codes = sorted({c for s in scores for c in (*s.knockouts, *((s.stop,) if s.stop else ()))})
    dismissed = draw(st.lists(st.sampled_from(codes), unique=True)) if codes else []
    return book, sheet, scores, dismissed


@settings(max_examples=150, deadline=None)
@given(council())
def test_an_aggregate_is_the_same_as_before(drawn):
    book, sheet, scores, dismissed = drawn
    if not scores:
        return
    assert same(
        aggregate(book, sheet, scores, dismissed),
        reference_aggregate(book, sheet, scores, dismissed),
    )
    assert same(
        classify_sheets(book, sheet, scores, dismissed),
        reference_verdict(book, sheet, scores, tuple(dismissed)),
    )
