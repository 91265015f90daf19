"""Forwarding to the next level, who recognises which class, quorum, certificate dates."""

import calendar
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evalapp.rules import (
    CertificateRules,
    CouncilRules,
    add_months,
    certificate_expiry,
    forwarding,
    load_rulebook,
    quorum_met,
    recognising_level,
    reminder_date,
)

D = Decimal


@pytest.mark.parametrize(
    ("code", "level", "score", "to", "forwarded"),
    [
        ("1048-2019", "district", "49.99", "province", False),
        ("1048-2019", "district", "50.00", "province", True),
        ("1048-2019", "province", "89.99", "central", False),
        ("1048-2019", "province", "90.00", "central", True),
        ("1048-2019", "central", "100", None, False),
        ("148-2023", "district", "50.00", "province", False),
        ("148-2023", "district", "69.99", "province", False),
        ("148-2023", "district", "70.00", "province", True),
        ("148-2023", "province", "89.99", "central", False),
        ("148-2023", "province", "90", "central", True),
        ("148-1489-2025", "province", "89.99", "central", False),
        ("148-1489-2025", "province", "90.00", "central", True),
    ],
)
def test_forwarding_score(code, level, score, to, forwarded):
    decision = forwarding(load_rulebook(code), level, D(score))
    assert (decision.level, decision.to, decision.forwarded) == (level, to, forwarded)


def test_1489_commune_forwards_every_complete_dossier_without_a_score():
    decision = forwarding(load_rulebook("148-1489-2025"), "commune", None)
    assert decision.forwarded and decision.to == "province" and decision.minimum is None


def test_no_score_is_not_forwarded_where_a_score_is_needed():
    assert not forwarding(load_rulebook("148-2023"), "district", None).forwarded


def test_an_excluded_product_is_never_forwarded():
    book = load_rulebook("148-1489-2025")
    assert not forwarding(book, "province", D(95), excluded=True).forwarded
    assert not forwarding(book, "commune", None, excluded=True).forwarded


def test_forwarding_from_an_unknown_level():
    with pytest.raises(LookupError, match="district"):
        forwarding(load_rulebook("148-1489-2025"), "district", D(80))


@pytest.mark.parametrize(
    ("code", "stars", "level"),
    [
        ("1048-2019", 2, None),
        ("1048-2019", 3, "province"),
        ("1048-2019", 4, "province"),
        ("1048-2019", 5, "central"),
        ("148-2023", 3, "district"),
        ("148-2023", 4, "province"),
        ("148-2023", 5, "central"),
        ("148-1489-2025", 3, "province"),
        ("148-1489-2025", 4, "province"),
        ("148-1489-2025", 5, "central"),
    ],
)
def test_recognising_level(code, stars, level):
    found = recognising_level(load_rulebook(code), stars)
    assert (found.code if found else None) == level


@pytest.mark.parametrize(
    ("members", "present", "chair", "met"),
    [
        (9, 7, True, True),  # 7/9 = 0.78
        (9, 6, True, False),  # 6/9 = 0.67
        (8, 6, True, True),  # exactly 3/4
        (8, 6, False, False),  # the chair is required
        (4, 3, True, True),
        (0, 0, True, False),
    ],
)
def test_quorum(members, present, chair, met):
    assert quorum_met(CouncilRules(), members, present, chair) is met


def test_quorum_without_the_chair_rule():
    assert quorum_met(CouncilRules(chair_required=False), 8, 6, False)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2021, 12, 15), 36, date(2024, 12, 15)),
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2023, 2, 28), 12, date(2024, 2, 28)),
        (date(2021, 11, 30), 2, date(2022, 1, 30)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


THIRTY_SIX = CertificateRules(validity_months=36)
ONE_MONTH = CertificateRules(validity_months=1)


@pytest.mark.parametrize(
    ("issued", "rules", "last_day"),
    [
        # Điều 147–148 BLDS 2015: the period ends with the corresponding day, inclusive.
        (date(2021, 12, 20), THIRTY_SIX, date(2024, 12, 20)),
        (date(2021, 12, 15), THIRTY_SIX, date(2024, 12, 15)),
        (date(2023, 6, 1), THIRTY_SIX, date(2026, 6, 1)),
        # 29 February: the last month has no corresponding day in a common year, then has one.
        (date(2024, 2, 29), THIRTY_SIX, date(2027, 2, 28)),
        (date(2024, 2, 29), CertificateRules(validity_months=48), date(2028, 2, 29)),
        (date(2023, 2, 28), THIRTY_SIX, date(2026, 2, 28)),
        (date(2025, 2, 28), THIRTY_SIX, date(2028, 2, 28)),  # not moved to the leap day
        # 31st days and 30-day months.
        (date(2026, 5, 31), THIRTY_SIX, date(2029, 5, 31)),
        (date(2026, 8, 31), THIRTY_SIX, date(2029, 8, 31)),
        (date(2026, 11, 30), THIRTY_SIX, date(2029, 11, 30)),
        (date(2026, 3, 31), CertificateRules(validity_months=2), date(2026, 5, 31)),
        (date(2026, 3, 31), CertificateRules(validity_months=3), date(2026, 6, 30)),
        (date(2026, 4, 30), ONE_MONTH, date(2026, 5, 30)),
        # Month ends: 31/01 + 1 month is 28/02, or 29/02 in a leap year.
        (date(2025, 1, 31), ONE_MONTH, date(2025, 2, 28)),
        (date(2024, 1, 31), ONE_MONTH, date(2024, 2, 29)),
        (date(2024, 1, 30), ONE_MONTH, date(2024, 2, 29)),
        (date(2025, 12, 31), ONE_MONTH, date(2026, 1, 31)),
        (date(2025, 12, 31), THIRTY_SIX, date(2028, 12, 31)),
    ],
)
def test_certificate_expiry_by_the_civil_code(issued, rules, last_day):
    assert certificate_expiry(issued, rules) == last_day


def test_certificate_is_valid_36_months_and_reminded_30_days_before():
    rules = load_rulebook("148-2023").certificate
    expiry = certificate_expiry(date(2021, 12, 20), rules)
    assert expiry == date(2024, 12, 20)
    assert reminder_date(expiry, rules) == date(2024, 11, 20)


@pytest.mark.parametrize("code", ["1048-2019", "148-2023", "148-1489-2025"])
def test_every_rulebook_gives_36_months(code):
    assert load_rulebook(code).certificate.validity_months == 36


@settings(max_examples=500, deadline=None)
@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)),
    st.integers(min_value=1, max_value=120),
)
def test_certificate_expiry_properties(issued, months):
    expiry = certificate_expiry(issued, CertificateRules(validity_months=months))
    assert expiry > issued
    assert (expiry.year - issued.year) * 12 + expiry.month - issued.month == months
    last_of_month = calendar.monthrange(expiry.year, expiry.month)[1]
    assert expiry.day == min(issued.day, last_of_month)
