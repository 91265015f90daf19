"""Properties of classification under 26/2026 that hold for any choices on any of its 26 sheets:
the class never exceeds the score's band nor the starred options met, and it is monotonic in
each member's choices."""

from hypothesis import given, settings
from hypothesis import strategies as st

from evalapp.rules import Outcome, aggregate, list_sheets, load_rulebook, score_sheet

R26 = load_rulebook("26-2026")
SHEETS = list_sheets("26-2026")


MEMBERS = st.integers(min_value=1, max_value=5)


@st.composite
def council(draw, members=MEMBERS):
    """A sheet and each member's choice of one level per leaf (knock-outs and stops included)."""
    sheet = draw(st.sampled_from(SHEETS))
    count = draw(members)
    choices = [
        {leaf.code: draw(st.sampled_from(leaf.levels)).code for leaf in sheet.leaves}
        for _ in range(count)
    ]
    return sheet, choices


def rank(result) -> int:
    return result.stars if result.outcome is Outcome.CLASSIFIED else 0


@settings(max_examples=300, deadline=None)
@given(council())
def test_the_class_never_exceeds_the_band_nor_the_starred_cap(drawn):
    sheet, choices = drawn
    result = aggregate(R26, sheet, [score_sheet(sheet, c) for c in choices])
    if result.outcome is not Outcome.CLASSIFIED:
        return
    assert result.stars <= result.classification.band.stars
    for requirement in sheet.star_minima:
        if requirement.stars <= result.stars:
            assert result.criterion(requirement.criterion).average >= requirement.min_points
    assert result.earns_certificate is (result.stars >= 3)


@settings(max_examples=300, deadline=None)
@given(council(), st.data())
def test_raising_one_members_choice_never_lowers_the_class(drawn, data):
    sheet, choices = drawn
    member = data.draw(st.integers(min_value=0, max_value=len(choices) - 1))
    leaf = data.draw(st.sampled_from(sheet.leaves))
    current = leaf.level(choices[member][leaf.code])
    higher = [
        lv for lv in leaf.levels if lv.points > current.points and not (lv.knockout or lv.stop)
    ]
    if current.knockout or current.stop or not higher:
        return
    raised = [dict(c) for c in choices]
    raised[member][leaf.code] = data.draw(st.sampled_from(higher)).code
    before = aggregate(R26, sheet, [score_sheet(sheet, c) for c in choices])
    after = aggregate(R26, sheet, [score_sheet(sheet, c) for c in raised])
    assert after.score >= before.score
    assert rank(after) >= rank(before)
