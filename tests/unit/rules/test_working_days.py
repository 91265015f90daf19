"""Working days in Vietnam and the 15-working-day period of the commune (26/2026 Điều 7.2),
counted by hand against the official calendar of days off."""

from datetime import date, timedelta

import pytest

from evalapp.rules.working_days import (
    add_working_days,
    deadline_after_receipt,
    is_working_day,
    working_days_between,
)


@pytest.mark.parametrize(
    ("day", "working"),
    [
        (date(2026, 3, 6), True),  # Friday
        (date(2026, 3, 7), False),  # Saturday
        (date(2026, 3, 8), False),  # Sunday
        (date(2026, 1, 1), False),  # Tết Dương lịch
        *[(date(2026, 2, d), False) for d in range(16, 21)],  # Tết Nguyên đán 16–20/2/2026
        (date(2026, 2, 13), True),
        (date(2026, 2, 23), True),
        (date(2026, 4, 27), False),  # Giỗ Tổ Hùng Vương falls on Sunday 26/4: off on Monday
        (date(2026, 4, 30), False),
        (date(2026, 5, 1), False),
        (date(2026, 8, 31), False),  # day off moved from Saturday 22/8/2026
        (date(2026, 8, 22), True),  # ... which is a working Saturday
        (date(2026, 9, 1), False),
        (date(2026, 9, 2), False),
        (date(2026, 9, 3), True),
    ],
)
def test_working_days_follow_the_calendar_of_days_off(day, working):
    assert is_working_day(day) is working


@pytest.mark.parametrize(
    ("received", "deadline"),
    [
        # Monday: days 1–15 are Tue 3/3 … Mon 23/3 (three full weeks less one day).
        (date(2026, 3, 2), date(2026, 3, 23)),
        # Friday and the Saturday after it: counting starts on Monday 9/3 for both.
        (date(2026, 3, 6), date(2026, 3, 27)),
        (date(2026, 3, 7), date(2026, 3, 27)),
        # Friday before Tết: 16–20/2 are off, day 1 is Monday 23/2.
        (date(2026, 2, 13), date(2026, 3, 13)),
        # Filed on the eve of Tết (a day off) : the same first day, 23/2.
        (date(2026, 2, 16), date(2026, 3, 13)),
        # 27/4 (Giỗ Tổ observed), 30/4 and 1/5 are skipped.
        (date(2026, 4, 22), date(2026, 5, 18)),
        # Saturday 22/8 is worked; 31/8, 1/9 and 2/9 are off.
        (date(2026, 8, 21), date(2026, 9, 15)),
        # Across New Year: 1/1/2027 is off.
        (date(2026, 12, 23), date(2027, 1, 14)),
        (date(2025, 12, 31), date(2026, 1, 22)),
    ],
)
def test_the_commune_period_ends_on_the_fifteenth_working_day_after_receipt(received, deadline):
    assert deadline_after_receipt(received, 15) == deadline
    assert working_days_between(received, deadline) == 15
    # The day before the deadline is still inside the period, by exactly one working day.
    assert working_days_between(received, deadline - timedelta(days=1)) == 14


def test_the_day_of_receipt_is_not_counted():
    assert add_working_days(date(2026, 3, 2), 1) == date(2026, 3, 3)
    assert add_working_days(date(2026, 3, 2), 0) == date(2026, 3, 2)


def test_working_days_between_counts_after_start_up_to_end():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 6)) == 0
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 8)) == 0  # the weekend
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9)) == 1
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1  # Tết
    assert working_days_between(date(2026, 2, 23), date(2026, 2, 13)) == -1
    assert working_days_between(date(2026, 12, 31), date(2027, 1, 4)) == 1


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 2), -1)
