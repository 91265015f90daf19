"""Verbs on administrative units and offices. Never commit."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.extensions import db
from evalapp.units.models import ALLOWED_PARENT_LEVELS, AdministrativeUnit, Office, UnitLevel


class UnitError(Refusal):
    pass


def snapshot(unit: AdministrativeUnit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level.value,
        "parent_id": unit.parent_id,
        "is_active": unit.is_active,
    }


def check_placement(unit: AdministrativeUnit | None, level: UnitLevel, parent) -> None:
    allowed = ALLOWED_PARENT_LEVELS[level]
    if parent is None and allowed:
        raise UnitError(_("Đơn vị cấp này phải trực thuộc một đơn vị cấp trên."), field="parent")
    if parent is not None and parent.level not in allowed:
        raise UnitError(_("Đơn vị cấp này không thể trực thuộc đơn vị đã chọn."), field="parent")
    if unit is not None and parent is not None and parent.is_within(unit):
        raise UnitError(
            _("Một đơn vị không thể trực thuộc chính nó hoặc đơn vị cấp dưới của nó."),
            field="parent",
        )


def check_code_free(code: str, unit: AdministrativeUnit | None) -> None:
    other = db.session.scalar(select(AdministrativeUnit).where(AdministrativeUnit.code == code))
    if other is not None and other is not unit:
        raise UnitError(_("Mã đơn vị %(code)s đã được dùng.", code=code), field="code")


def save_unit(
    unit: AdministrativeUnit | None,
    *,
    code: str,
    name: str,
    level: UnitLevel,
    parent,
    is_active: bool = True,
    is_demo: bool = False,
) -> AdministrativeUnit:
    """Create a unit (when `unit` is None) or change one, keeping the hierarchy consistent."""
    code = code.strip()
    check_code_free(code, unit)
    check_placement(unit, level, parent)
    before = snapshot(unit) if unit is not None else None
    if unit is None:
        unit = AdministrativeUnit(is_demo=is_demo)
        db.session.add(unit)
    unit.code, unit.name, unit.level = code, name.strip(), level
    unit.parent, unit.is_active = parent, is_active
    db.session.flush()
    audit.record(
        "unit.created" if before is None else "unit.updated",
        unit,
        before=before,
        after=snapshot(unit),
    )
    return unit


def save_office(
    office: Office | None, *, unit: AdministrativeUnit, name: str, is_demo: bool = False
) -> Office:
    before = {"name": office.name} if office is not None else None
    if office is None:
        office = Office(unit=unit, is_demo=is_demo)
        db.session.add(office)
    office.name = name.strip()
    db.session.flush()
    audit.record(
        "office.created" if before is None else "office.updated",
        office,
        before=before,
        after={"name": office.name, "unit_id": unit.id},
    )
    return office
