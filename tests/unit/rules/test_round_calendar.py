"""The Điều 5 calendar of 26/2026: the cut-off a proposal goes to and the warnings, checked by
hand at every boundary ("trước ngày 30": the 30th itself is out) and across the year end."""

import json
from datetime import date
from decimal import Decimal

import pytest

from evalapp.rules import DataFormatError, load_rulebook, parse_rulebook
from evalapp.rules.round_calendar import (
    cut_off_for,
    cut_offs_of_year,
    deadline_warning,
    has_calendar,
)

from .support import rulebook_data

RULEBOOK = "26-2026"


def summary(cut_off):
    return (cut_off.year, cut_off.number, cut_off.proposal_before, cut_off.decision_before)


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Điều 5.1: round 1 for proposals before 30/4, decided before 30/6.
        (date(2027, 1, 1), (2027, 1, date(2027, 4, 30), date(2027, 6, 30))),
        (date(2027, 4, 29), (2027, 1, date(2027, 4, 30), date(2027, 6, 30))),
        # 30/4 itself is not "trước ngày 30 tháng 4": round 2.
        (date(2027, 4, 30), (2027, 2, date(2027, 10, 30), date(2027, 12, 30))),
        (date(2027, 5, 1), (2027, 2, date(2027, 10, 30), date(2027, 12, 30))),
        (date(2027, 10, 29), (2027, 2, date(2027, 10, 30), date(2027, 12, 30))),
        # From 30/10 the proposal waits for round 1 of the next year.
        (date(2027, 10, 30), (2028, 1, date(2028, 4, 30), date(2028, 6, 30))),
        (date(2027, 12, 31), (2028, 1, date(2028, 4, 30), date(2028, 6, 30))),
    ],
)
def test_province_cut_offs(day, expected):
    assert summary(cut_off_for(RULEBOOK, "province", day)) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # Điều 5.2: round 1 for proposals before 30/7, decided before 30/9.
        (date(2027, 1, 30), (2027, 1, date(2027, 7, 30), date(2027, 9, 30))),
        (date(2027, 7, 29), (2027, 1, date(2027, 7, 30), date(2027, 9, 30))),
        # Round 2: proposals before 30/1 of the next year, decided before 30/3 of that year.
        (date(2027, 7, 30), (2027, 2, date(2028, 1, 30), date(2028, 3, 30))),
        (date(2027, 12, 31), (2027, 2, date(2028, 1, 30), date(2028, 3, 30))),
        (date(2028, 1, 1), (2027, 2, date(2028, 1, 30), date(2028, 3, 30))),
        (date(2028, 1, 29), (2027, 2, date(2028, 1, 30), date(2028, 3, 30))),
        # 30/1 itself is out: round 1 of the same year.
        (date(2028, 1, 30), (2028, 1, date(2028, 7, 30), date(2028, 9, 30))),
        (date(2027, 1, 29), (2026, 2, date(2027, 1, 30), date(2027, 3, 30))),
    ],
)
def test_ministry_cut_offs_cross_the_year_end(day, expected):
    assert summary(cut_off_for(RULEBOOK, "central", day)) == expected


def test_every_day_of_a_leap_year_goes_to_the_first_cut_off_after_it():
    for level in ("province", "central"):
        day = date(2028, 1, 1)
        while day.year == 2028:
            cut_off = cut_off_for(RULEBOOK, level, day)
            assert day <= cut_off.last_proposal_day < cut_off.proposal_before
            earlier = [
                other
                for year in (2026, 2027, 2028)
                for other in cut_offs_of_year(RULEBOOK, level, year)
                if day < other.proposal_before < cut_off.proposal_before
            ]
            assert earlier == []
            day = date.fromordinal(day.toordinal() + 1)


def test_last_days_are_the_29th():
    cut_off = cut_off_for(RULEBOOK, "province", date(2027, 3, 1))
    assert cut_off.last_proposal_day == date(2027, 4, 29)
    assert cut_off.last_decision_day == date(2027, 6, 29)


def test_no_calendar_for_other_levels_or_rulebooks():
    assert not has_calendar(RULEBOOK, "commune")
    assert not has_calendar("1048-2019", "province")
    assert has_calendar(RULEBOOK, "province") and has_calendar(RULEBOOK, "central")
    assert cut_off_for(RULEBOOK, "commune", date(2027, 1, 1)) is None
    assert cut_offs_of_year("148-2023", "province", 2027) == []


@pytest.mark.parametrize(
    ("today", "proposed", "kind", "days_left"),
    [
        (date(2027, 3, 30), False, "proposal", 31),  # one day too far: no warning
        (date(2027, 3, 31), False, "proposal", 30),
        (date(2027, 4, 29), False, "proposal", 1),  # the last day to propose
        (date(2027, 4, 30), False, "proposal", 0),  # missed
        (date(2027, 5, 10), False, "proposal", -10),
        (date(2027, 5, 31), True, "decision", 30),
        (date(2027, 6, 29), True, "decision", 1),
        (date(2027, 6, 30), True, "decision", 0),
    ],
)
def test_warnings_at_the_boundaries(today, proposed, kind, days_left):
    cut_off = cut_off_for(RULEBOOK, "province", date(2027, 1, 1))
    warning = deadline_warning(cut_off, today, proposed=proposed)
    if days_left > 30:
        assert warning is None
        return
    assert (warning.kind, warning.days_left, warning.missed) == (kind, days_left, days_left <= 0)
    expected = date(2027, 4, 30) if kind == "proposal" else date(2027, 6, 30)
    assert warning.deadline == expected


def test_the_calendar_is_the_rulebook_data_with_its_article():
    levels = {level.code: level for level in load_rulebook(RULEBOOK).levels}
    assert levels["province"].rounds_article == "Điều 5.1"
    assert levels["central"].rounds_article == "Điều 5.2"
    assert [(r.proposals_before, r.decided_before) for r in levels["province"].rounds] == [
        ((4, 30), (6, 30)),
        ((10, 30), (12, 30)),
    ]
    assert [r.next_year for r in levels["central"].rounds] == [False, True]
    assert levels["commune"].rounds == ()


@pytest.mark.parametrize("month_day", ["02-29", "13-01", "04-31", "30/04", ""])
def test_a_calendar_day_that_is_not_in_every_year_is_refused(month_day):
    data = rulebook_data(RULEBOOK)
    province = next(level for level in data["levels"] if level["code"] == "province")
    province["rounds"] = [{"number": 1, "proposals_before": month_day, "decided_before": "06-30"}]
    with pytest.raises(DataFormatError, match="month-day"):
        parse_rulebook(json.loads(json.dumps(data, default=str), parse_float=Decimal))
