"""Test data builders. Every builder flushes, so the object has an id; tests commit when they need to."""

from __future__ import annotations

import itertools

from evalapp.auth import services as accounts
from evalapp.auth.models import Role, User
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, Office, UnitLevel

_sequence = itertools.count(1)


def make_unit(
    name: str | None = None,
    level: UnitLevel = UnitLevel.PROVINCE,
    parent=None,
    code: str | None = None,
) -> AdministrativeUnit:
    number = next(_sequence)
    if parent is None and level is not UnitLevel.CENTRAL:
        parent = (
            make_unit("Trung ương", UnitLevel.CENTRAL)
            if level is UnitLevel.PROVINCE
            else (make_unit(level=UnitLevel.PROVINCE))
        )
    unit = AdministrativeUnit(
        code=code or f"U{number}", name=name or f"Đơn vị thử {number}", level=level, parent=parent
    )
    db.session.add(unit)
    db.session.flush()
    return unit


def make_office(unit: AdministrativeUnit, name: str | None = None) -> Office:
    office = Office(unit=unit, name=name or f"Văn phòng {unit.name}")
    db.session.add(office)
    db.session.flush()
    return office


def make_user(
    *roles: Role,
    email: str | None = None,
    full_name: str | None = None,
    unit: AdministrativeUnit | None = None,
    password: str | None = None,
    **fields,
) -> User:
    from tests.conftest import TEST_PASSWORD

    number = next(_sequence)
    if unit is None and set(roles) - {Role.PRODUCER, Role.ADMIN}:
        unit = make_unit()
    user = accounts.create_user(
        email or f"nguoidung{number}@vi-du.vn",
        full_name or f"Người dùng Thử {number}",
        password or TEST_PASSWORD,
        set(roles),
        unit=unit,
    )
    for name, value in fields.items():
        setattr(user, name, value)
    db.session.commit()
    return user
