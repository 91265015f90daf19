"""How administrative documents write units, dates and star classes (Nghị định 30/2020/NĐ-CP):
the issuing body in capitals, "<place>, ngày 05 tháng 9 năm 2021" with a leading zero for days
under 10 and for January and February."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask_babel import gettext as _

from evalapp.common.i18n import format_score

# Prefixes of unit names, longest first ("Thành phố Hà Nội" → "Hà Nội").
UNIT_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Tỉnh ", "Quận ", "Xã ", "Phường ")


def short_name(unit_name: str) -> str:
    """The place of a place-date line: the unit's name without its kind."""
    for prefix in UNIT_PREFIXES:
        if unit_name.casefold().startswith(prefix.casefold()):
            return unit_name[len(prefix) :].strip()
    return unit_name.strip()


def people_committee(unit_name: str) -> str:
    return "ỦY BAN NHÂN DÂN " + unit_name.strip().upper()


def day_words(day: date | None) -> str:
    """ "ngày 20 tháng 12 năm 2021", or the blanks of a draft when there is no date yet."""
    if day is None:
        return _("ngày ..... tháng ..... năm .......")
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return _("ngày %(d)s tháng %(m)s năm %(y)d", d=f"{day.day:02d}", m=month, y=day.year)


def place_date(place: str, day: date | None) -> str:
    return f"{place}, {day_words(day)}"


def score_text(value: Decimal | None) -> str:
    return "" if value is None else format_score(value)
