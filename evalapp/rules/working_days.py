"""Working days (ngày làm việc) in Vietnam, for deadlines the decisions count in working days.

A working day is a day that is neither a Saturday or Sunday nor a public holiday or substituted
day off, as the maintained `holidays` package lists them for Vietnam (`holidays.VN`: Tết, Giỗ Tổ
Hùng Vương, 30/4–1/5, Quốc khánh and the days off the Government moves around them). A Saturday
the Government makes a working day in exchange for a bridge day off (22/8/2026 for 31/8/2026)
is a working day, as `holidays` records it (`weekend_workdays`).

How a period "trong thời hạn N ngày làm việc kể từ ngày tiếp nhận" is counted: the day of
receipt is not counted and the period starts on the next day (Bộ luật Dân sự 2015 Điều 147.1:
"khi thời hạn được xác định bằng ngày … thì ngày đầu tiên của thời hạn không được tính"), which is
the usual administrative reading. The deadline is the N-th working day after the day of receipt,
and the act is on time on that day itself (Điều 148: the period ends at the end of its last day).
"""

from __future__ import annotations

import functools
from datetime import date, timedelta

import holidays


@functools.cache
def _calendar() -> holidays.HolidayBase:
    # Years are added as they are asked for (expand=True): no year is hard-coded here.
    return holidays.country_holidays("VN")


def is_working_day(day: date) -> bool:
    return _calendar().is_working_day(day)


def add_working_days(start: date, count: int) -> date:
    """The `count`-th working day after `start` (`start` itself not counted); `start` when
    `count` is 0."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count:
        day += timedelta(days=1)
        count -= is_working_day(day)
    return day


def working_days_between(start: date, end: date) -> int:
    """The working days after `start` up to and including `end`; negative when `end` is
    before `start` (the working days after `end` up to and including `start`)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(is_working_day(start + timedelta(days=n)) for n in range(1, (end - start).days + 1))


def deadline_after_receipt(received_on: date, working_days: int) -> date:
    """The last day of a period of `working_days` working days counted from the day of receipt
    (the day of receipt not counted: Bộ luật Dân sự 2015 Điều 147.1)."""
    return add_working_days(received_on, working_days)
