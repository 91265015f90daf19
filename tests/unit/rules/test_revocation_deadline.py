"""26/2026 Điều 8.4: revocation within 15 (calendar) days of the conclusion, counted by Bộ luật
Dân sự 2015 Điều 147.1 (the day of the conclusion not counted) and 148.4 (a last day on a
weekend or public holiday moves to the next working day)."""

from datetime import date

import pytest

from evalapp.rules import load_rulebook, revocation_deadline


@pytest.mark.parametrize(
    ("concluded", "last"),
    [
        (date(2026, 3, 2), date(2026, 3, 17)),  # Monday → Tuesday, 15 days later
        (date(2026, 3, 6), date(2026, 3, 23)),  # → Saturday 21/03 → Monday 23/03
        (date(2026, 8, 17), date(2026, 9, 3)),  # → Wednesday 02/09 (National Day) → 03/09
    ],
)
def test_the_last_day_of_revocation(concluded, last):
    assert revocation_deadline(concluded, 15) == last


def test_the_2026_rulebook_regulates_revocation_the_older_ones_do_not():
    rules = load_rulebook("26-2026").certificate.revocation
    assert [g.point for g in rules.grounds] == [
        "Điều 8.1.a",
        "Điều 8.1.b",
        "Điều 8.1.c",
        "Điều 8.1.d",
        "Điều 8.1.đ",
        "Điều 8.1.e",
    ]
    assert rules.days == 15
    assert rules.authority("province").point == "Điều 8.2.a"
    assert rules.authority("central").point == "Điều 8.2.b"
    assert load_rulebook("1048-2019").certificate.revocation is None
