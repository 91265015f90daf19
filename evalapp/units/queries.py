"""Lists of administrative units and offices for forms."""

from sqlalchemy import select
from wtforms import SelectChoice

from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, Office


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
