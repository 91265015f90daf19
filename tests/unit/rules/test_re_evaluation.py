"""The re-evaluation filing window (26/2026 Điều 7.6.a) and the late filing of Điều 12.3."""

from datetime import date, timedelta

import pytest

from evalapp.rules import (
    extension_limit,
    filing_window,
    is_late_filing,
    late_filing_covered,
    load_rulebook,
    may_file_on,
)

RULES = load_rulebook("26-2026")
EXPIRY = date(2027, 12, 12)


def before(days: int, expiry: date = EXPIRY) -> date:
    return expiry - timedelta(days=days)


def test_window_of_the_brief_example():
    window = filing_window(EXPIRY, RULES)
    assert (window.opens_on, window.closes_on) == (date(2027, 6, 15), date(2027, 8, 14))


@pytest.mark.parametrize(
    ("days_before", "allowed"),
    [(181, False), (180, True), (150, True), (120, True), (119, False), (0, False)],
)
def test_window_boundaries(days_before, allowed):
    assert filing_window(EXPIRY, RULES).contains(before(days_before)) is allowed
    assert may_file_on(EXPIRY, RULES, before(days_before)) is allowed


@pytest.mark.parametrize("code", ["1048-2019", "148-2023", "148-1489-2025"])
def test_earlier_rulebooks_set_no_window(code):
    rulebook = load_rulebook(code)
    assert filing_window(EXPIRY, rulebook) is None
    assert may_file_on(EXPIRY, rulebook, before(10))
    assert extension_limit(EXPIRY, rulebook) is None


# 26/2026 took effect on 22/5/2026: a window opening on or after that day is wholly under it.
FIRST_FULL = date(2026, 5, 22) + timedelta(days=180)  # 18/11/2026


def test_transition_covers_windows_opened_before_the_decision():
    assert late_filing_covered(FIRST_FULL - timedelta(days=1), RULES)
    assert not late_filing_covered(FIRST_FULL, RULES)


@pytest.mark.parametrize(
    ("days_before", "allowed", "late"),
    [
        (121, True, False),
        (120, True, False),
        (119, True, True),
        (0, True, True),
        (-1, False, False),
    ],
)
def test_late_filing_under_the_transition(days_before, allowed, late):
    expiry = date(2026, 9, 1)  # window 5/3/2026–4/5/2026, closed before 22/5/2026
    day = before(days_before, expiry)
    assert may_file_on(expiry, RULES, day) is allowed
    assert is_late_filing(expiry, RULES, day) is late


def test_no_late_filing_for_a_window_wholly_under_the_decision():
    assert not may_file_on(FIRST_FULL, RULES, before(119, FIRST_FULL))
    assert not is_late_filing(FIRST_FULL, RULES, before(119, FIRST_FULL))


def test_extension_ends_on_the_180th_day_after_expiry():
    assert extension_limit(date(2026, 9, 1), RULES) == date(2027, 2, 28)
