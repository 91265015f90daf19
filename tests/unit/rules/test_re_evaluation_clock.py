"""The 45 days of a re-evaluation (26/2026 Điều 7.6.g), counted as Bộ luật Dân sự Điều 147–148."""

from datetime import date, timedelta

import pytest

from evalapp.rules import load_rulebook, re_evaluation_clock, re_evaluation_deadline

RULES = load_rulebook("26-2026")
RECEIVED = date(2026, 11, 15)


def test_the_day_of_receipt_is_not_counted():
    assert re_evaluation_deadline(RECEIVED, 45) == date(2026, 12, 30)


@pytest.mark.parametrize(
    ("day_after_receipt", "days_left", "overdue"),
    [(44, 1, False), (45, 0, False), (46, -1, True)],
)
def test_boundary_days(day_after_receipt, days_left, overdue):
    clock = re_evaluation_clock(RECEIVED, RULES, RECEIVED + timedelta(days=day_after_receipt))
    assert clock.deadline == date(2026, 12, 30)
    assert (clock.days_left, clock.overdue) == (days_left, overdue)
    assert clock.overdue_days == (1 if overdue else 0)


def test_the_period_runs_across_the_year_end():
    assert re_evaluation_deadline(date(2026, 12, 20), 45) == date(2027, 2, 3)


def test_a_leap_year_has_29_february():
    assert re_evaluation_deadline(date(2028, 1, 20), 45) == date(2028, 3, 5)
    assert re_evaluation_deadline(date(2027, 1, 20), 45) == date(2027, 3, 6)


def test_rulebooks_before_26_2026_set_no_limit():
    assert re_evaluation_clock(RECEIVED, load_rulebook("148-2023"), RECEIVED) is None
