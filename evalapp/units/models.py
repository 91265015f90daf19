"""Administrative units (central, province, district, commune) and the offices that own data."""

from __future__ import annotations

import enum

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.columns import enum_column
from evalapp.extensions import db


class UnitLevel(enum.StrEnum):
    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"  # kept for rounds run under the rules before 01/07/2025
    COMMUNE = "commune"


# A unit may sit only under a unit of one of these levels.
ALLOWED_PARENT_LEVELS = {
    UnitLevel.CENTRAL: set(),
    UnitLevel.PROVINCE: {UnitLevel.CENTRAL},
    UnitLevel.DISTRICT: {UnitLevel.PROVINCE},
    UnitLevel.COMMUNE: {UnitLevel.PROVINCE, UnitLevel.DISTRICT},
}


class AdministrativeUnit(db.Model):
    __tablename__ = "administrative_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[UnitLevel] = mapped_column(enum_column(UnitLevel, 16))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    is_demo: Mapped[bool] = mapped_column(default=False)

    parent: Mapped[AdministrativeUnit | None] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list[AdministrativeUnit]] = relationship(back_populates="parent")
    offices: Mapped[list[Office]] = relationship(back_populates="unit")

    def __str__(self) -> str:
        return self.name

    def lineage(self) -> list[AdministrativeUnit]:
        """This unit and its ancestors, nearest first."""
        units, unit = [], self
        while unit is not None:
            units.append(unit)
            unit = unit.parent
        return units

    def is_within(self, other: AdministrativeUnit) -> bool:
        return any(unit.id == other.id for unit in self.lineage())


class Office(db.Model):
    """A body within a unit (standing office, People's Committee, department) that owns data."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(default=False)

    unit: Mapped[AdministrativeUnit] = relationship(back_populates="offices")

    def __str__(self) -> str:
        return self.name
