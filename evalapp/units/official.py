"""The official list of administrative units since 01/07/2025 (QĐ 19/2025/QĐ-TTg): 34 provinces
and 3,321 communes, as the `vietnam_provinces` package holds them, in plain records."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from vietnam_provinces import Province, Ward

from evalapp.common.text import fold
from evalapp.units.models import DivisionType, UnitLevel

PROVINCE_DIGITS, COMMUNE_DIGITS = 2, 5
DIVISION_TYPES = {
    "tỉnh": DivisionType.PROVINCE,
    "thành phố trung ương": DivisionType.CENTRAL_CITY,
    "xã": DivisionType.COMMUNE,
    "phường": DivisionType.WARD,
    "đặc khu": DivisionType.SPECIAL_ZONE,
}
# A province's kind, dropped when names are compared ("Tỉnh Ninh Bình" is "Ninh Bình").
PREFIXES = re.compile(r"^(tinh|thanh pho) ")


@dataclass(frozen=True)
class OfficialUnit:
    code: str  # zero-padded, as printed: "01", "37", "00004", "14464"
    name: str  # "Ninh Bình", "Thành phố Hà Nội", "Xã Gia Viễn"
    level: UnitLevel
    division_type: DivisionType
    province_code: str | None  # a commune's province


def bare_name(name: str) -> str:
    """A name without accents, case or "Tỉnh"/"Thành phố": "Tỉnh Ninh Bình" → "ninh binh"."""
    return PREFIXES.sub("", fold(name))


@cache
def official_units() -> tuple[OfficialUnit, ...]:
    """The provinces first, then the communes, each in the order of their codes."""
    provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
    communes = sorted(Ward.iter_all(), key=lambda w: int(w.code))
    return tuple(
        OfficialUnit(
            f"{int(p.code):0{PROVINCE_DIGITS}d}",
            p.name,
            UnitLevel.PROVINCE,
            DIVISION_TYPES[p.division_type.value],
            None,
        )
        for p in provinces
    ) + tuple(
        OfficialUnit(
            f"{int(w.code):0{COMMUNE_DIGITS}d}",
            w.name,
            UnitLevel.COMMUNE,
            DIVISION_TYPES[w.division_type.value],
            f"{int(w.province_code):0{PROVINCE_DIGITS}d}",
        )
        for w in communes
    )


@cache
def official_by_code() -> dict[tuple[UnitLevel, str], OfficialUnit]:
    return {(unit.level, unit.code): unit for unit in official_units()}


def official_unit(level: UnitLevel, code: str) -> OfficialUnit | None:
    """The official unit of this level with this code; "1" finds province "01"."""
    digits = PROVINCE_DIGITS if level is UnitLevel.PROVINCE else COMMUNE_DIGITS
    if not code.isdigit() or len(code) > digits:
        return None
    return official_by_code().get((level, code.zfill(digits)))


def official_named(
    level: UnitLevel, name: str, province_code: str | None = None
) -> OfficialUnit | None:
    """The official province, or commune of the province `province_code`, of this name
    (accents, case and "Tỉnh"/"Thành phố" aside); None when there is none or several."""
    wanted = bare_name(name) if level is UnitLevel.PROVINCE else fold(name)
    found = [
        unit
        for unit in official_units()
        if unit.level is level
        and (province_code is None or unit.province_code == province_code)
        and (bare_name(unit.name) if level is UnitLevel.PROVINCE else fold(unit.name)) == wanted
    ]
    return found[0] if len(found) == 1 else None
