"""Verbs on administrative units and offices. Never commit."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.extensions import db
from evalapp.units.models import ALLOWED_PARENT_LEVELS, AdministrativeUnit, Office, UnitLevel
from evalapp.units.official import OfficialUnit, official_unit


class UnitError(Refusal):
    pass


def snapshot(unit: AdministrativeUnit) -> dict:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level.value,
        "parent_id": unit.parent_id,
        "is_active": unit.is_active,
        "official_code": unit.official_code,
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


def check_official_code(code: str, level: UnitLevel, unit) -> OfficialUnit | None:
    """The official unit behind a typed official code (QĐ 19/2025/QĐ-TTg), or None for none.
    Only provinces and communes have one; the code must be in the official list, at that
    level, and not taken by another unit."""
    code = code.strip()
    if not code:
        return None
    if level not in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
        raise UnitError(
            _("Chỉ đơn vị cấp tỉnh và cấp xã có mã đơn vị hành chính chính thức."),
            field="official_code",
        )
    official = official_unit(level, code)
    if official is None:
        raise UnitError(
            _(
                "Mã %(code)s không có trong danh mục đơn vị hành chính %(level)s chính thức "
                "(Quyết định 19/2025/QĐ-TTg).",
                code=code,
                level=_("cấp tỉnh") if level is UnitLevel.PROVINCE else _("cấp xã"),
            ),
            field="official_code",
        )
    other = db.session.scalar(
        select(AdministrativeUnit).where(AdministrativeUnit.official_code == official.code)
    )
    if other is not None and other is not unit:
        raise UnitError(
            _(
                "Mã chính thức %(code)s đã được gán cho đơn vị %(name)s.",
                code=official.code,
                name=other.name,
            ),
            field="official_code",
        )
    return official


def save_unit(
    unit: AdministrativeUnit | None,
    *,
    code: str,
    name: str,
    level: UnitLevel,
    parent,
    is_active: bool = True,
    is_demo: bool = False,
    official_code: str = "",
) -> AdministrativeUnit:
    """Create a unit (when `unit` is None) or change one, keeping the hierarchy consistent. An
    official code brings the official division type with it."""
    code = code.strip()
    check_code_free(code, unit)
    check_placement(unit, level, parent)
    official = check_official_code(official_code, level, unit)
    before = snapshot(unit) if unit is not None else None
    if unit is None:
        unit = AdministrativeUnit(is_demo=is_demo)
        db.session.add(unit)
    unit.code, unit.name, unit.level = code, name.strip(), level
    unit.parent, unit.is_active = parent, is_active
    unit.official_code = official.code if official else None
    unit.division_type = official.division_type if official else None
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
