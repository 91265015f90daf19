from sqlalchemy import or_, select
from wtforms import SelectChoice

from evalapp.auth.models import Role, RoleGrant, User
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, Office


def users_matching(text: str | None, role: str | None):
    query = select(User).order_by(User.full_name)
    if text:
        pattern = f"%{text.strip().lower()}%"
        query = query.where(or_(User.email.like(pattern), User.full_name.ilike(pattern)))
    if role:
        query = query.where(User.role_grants.any(RoleGrant.role == Role(role)))
    return query


def unit_choices(blank_label) -> list[SelectChoice]:
    units = db.session.scalars(select(AdministrativeUnit).order_by(AdministrativeUnit.code))
    return [SelectChoice("", blank_label)] + [
        SelectChoice(unit.id, f"{unit.name} ({unit.code})") for unit in units
    ]


def office_choices(blank_label) -> list[SelectChoice]:
    offices = db.session.execute(
        select(Office.id, Office.name, AdministrativeUnit.name)
        .join(Office.unit)
        .order_by(AdministrativeUnit.code, Office.name)
    )
    return [SelectChoice("", blank_label)] + [
        SelectChoice(oid, f"{name} — {unit}") for oid, name, unit in offices
    ]
