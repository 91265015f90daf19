"""Lists of administrative units and offices for forms, and the commune search."""

from __future__ import annotations

import unicodedata

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased, selectinload
from wtforms import SelectChoice

from evalapp.common.text import fold
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, Office, UnitLevel

SEARCH_LIMIT = 20
LEVEL_ORDER = {
    UnitLevel.CENTRAL: 0,
    UnitLevel.PROVINCE: 1,
    UnitLevel.DISTRICT: 2,
    UnitLevel.COMMUNE: 3,
}


def unit_choices(blank_label, province_id: int | None = None) -> list[SelectChoice]:
    """The units a staff account may belong to: without a province, the central and provincial
    units; with one, that province, its districts and its communes (never all 3,321 communes)."""
    query = select(AdministrativeUnit)
    if province_id is None:
        query = query.where(AdministrativeUnit.level.in_([UnitLevel.CENTRAL, UnitLevel.PROVINCE]))
    else:
        query = query.where(or_(AdministrativeUnit.id == province_id, within_province(province_id)))
    units = sorted(db.session.scalars(query), key=lambda u: (LEVEL_ORDER[u.level], u.code))
    return [SelectChoice("", blank_label)] + [
        SelectChoice(unit.id, f"{unit.name} ({unit.code})") for unit in units
    ]


def parent_choices(blank_label) -> list[SelectChoice]:
    """The units another may sit under: every level but the commune (ALLOWED_PARENT_LEVELS),
    so the 3,321 communes do not fill the list."""
    units = db.session.scalars(
        select(AdministrativeUnit)
        .where(AdministrativeUnit.level != UnitLevel.COMMUNE)
        .order_by(AdministrativeUnit.code)
    )
    return [SelectChoice("", blank_label)] + [
        SelectChoice(unit.id, f"{unit.name} ({unit.code})") for unit in units
    ]


def units_listed(text: str = "", level: UnitLevel | None = None):
    """The administrator's list: units whose name holds every typed word (accents aside) or
    whose own or official code is the text, optionally of one level."""
    query = select(AdministrativeUnit).options(
        selectinload(AdministrativeUnit.offices), selectinload(AdministrativeUnit.parent)
    )
    words = fold(text).split()
    if words:
        by_name = [AdministrativeUnit.search_name.contains(w, autoescape=True) for w in words]
        query = query.where(
            or_(
                and_(*by_name),
                AdministrativeUnit.code == text.strip(),
                AdministrativeUnit.official_code == text.strip(),
            )
        )
    if level is not None:
        query = query.where(AdministrativeUnit.level == level)
    return query.order_by(AdministrativeUnit.code)


def office_choices(blank_label) -> list[SelectChoice]:
    offices = db.session.execute(
        select(Office.id, Office.name, AdministrativeUnit.name)
        .join(Office.unit)
        .order_by(AdministrativeUnit.code, Office.name)
    )
    return [SelectChoice("", blank_label)] + [
        SelectChoice(oid, f"{name} — {unit}") for oid, name, unit in offices
    ]


def within_province(province_id: int):
    """A condition: the unit sits under the province, directly or under one of its districts."""
    district = aliased(AdministrativeUnit)
    districts = select(district.id).where(district.parent_id == province_id)
    return or_(
        AdministrativeUnit.parent_id == province_id,
        AdministrativeUnit.parent_id.in_(districts),
    )


def search_communes(
    text: str, province_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[AdministrativeUnit]:
    """Active communes whose name holds every typed word, accents and case aside ("gia vien"
    and "Gia Viễn" find "Xã Gia Viễn"), or whose official code starts with the typed digits;
    optionally only those of one province. Their parents are loaded for the province's name."""
    words = fold(text).split()
    if not words:
        return []
    query = select(AdministrativeUnit).where(
        AdministrativeUnit.level == UnitLevel.COMMUNE, AdministrativeUnit.is_active
    )
    if len(words) == 1 and words[0].isdigit():
        query = query.where(AdministrativeUnit.official_code.startswith(words[0]))
    else:
        for word in words:
            query = query.where(AdministrativeUnit.search_name.contains(word, autoescape=True))
    if province_id is not None:
        query = query.where(within_province(province_id))
    parents = selectinload(AdministrativeUnit.parent).selectinload(AdministrativeUnit.parent)
    found = db.session.scalars(
        query.options(parents).order_by(AdministrativeUnit.search_name).limit(limit * 5)
    )
    typed = " ".join(unicodedata.normalize("NFC", text).lower().split())
    # Names that hold the text as typed, accents included, come first: "Gia Viễn" puts
    # "Xã Gia Viễn" before "Phường Gia Viên".
    ranked = sorted(found, key=lambda unit: typed not in unit.name.lower())
    return ranked[:limit]


def provinces() -> list[AdministrativeUnit]:
    return list(
        db.session.scalars(
            select(AdministrativeUnit)
            .where(AdministrativeUnit.level == UnitLevel.PROVINCE, AdministrativeUnit.is_active)
            .order_by(AdministrativeUnit.search_name)
        )
    )
