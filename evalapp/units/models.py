"""Administrative units (central, province, district, commune) and the offices that own data."""

from __future__ import annotations

import enum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from evalapp.common import caching
from evalapp.common.columns import enum_column
from evalapp.common.text import fold
from evalapp.extensions import db


class UnitLevel(enum.StrEnum):
    CENTRAL = "central"
    PROVINCE = "province"
    DISTRICT = "district"  # kept for rounds run under the rules before 01/07/2025
    COMMUNE = "commune"


class DivisionType(enum.StrEnum):
    """The official kind of a unit since 01/07/2025 (tỉnh, thành phố trung ương; xã, phường,
    đặc khu)."""

    PROVINCE = "province"
    CENTRAL_CITY = "central_city"
    COMMUNE = "commune"
    WARD = "ward"
    SPECIAL_ZONE = "special_zone"

    @property
    def label(self) -> str:
        return str(DIVISION_LABELS[self])


DIVISION_LABELS = {
    DivisionType.PROVINCE: _l("Tỉnh"),
    DivisionType.CENTRAL_CITY: _l("Thành phố trực thuộc trung ương"),
    DivisionType.COMMUNE: _l("Xã"),
    DivisionType.WARD: _l("Phường"),
    DivisionType.SPECIAL_ZONE: _l("Đặc khu"),
}


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
    # The code of the official list (QĐ 19/2025/QĐ-TTg): a province's 2 digits ("37"), a
    # commune's 5 ("14464"), zero-padded as printed. None for hand-entered units and districts.
    official_code: Mapped[str | None] = mapped_column(String(5), unique=True)
    division_type: Mapped[DivisionType | None] = mapped_column(enum_column(DivisionType, 16))
    # The name folded for search ("xa gia vien"), kept in step with `name`.
    search_name: Mapped[str] = mapped_column(String(200), default="", index=True)

    parent: Mapped[AdministrativeUnit | None] = relationship(
        remote_side=[id], back_populates="children"
    )
    children: Mapped[list[AdministrativeUnit]] = relationship(back_populates="parent")
    offices: Mapped[list[Office]] = relationship(back_populates="unit")

    def __str__(self) -> str:
        return self.name

    @validates("name")
    def _fold_name(self, key: str, name: str) -> str:
        self.search_name = fold(name)
        return name

    def lineage(self) -> list[AdministrativeUnit]:
        """This unit and its ancestors, nearest first."""
        units, unit = [], self
        while unit is not None:
            units.append(unit)
            unit = unit.parent
        return units

    def is_within(self, other: AdministrativeUnit) -> bool:
        return any(unit.id == other.id for unit in self.lineage())

    def province(self) -> AdministrativeUnit | None:
        """The nearest unit of province level, this one included."""
        return next((u for u in self.lineage() if u.level is UnitLevel.PROVINCE), None)


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


# The lookup's example number uses the first province's code.
caching.watch(caching.CERTIFICATES, AdministrativeUnit)
