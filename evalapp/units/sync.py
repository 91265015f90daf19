"""Loading the official list of units (`flask units sync`). Never commits, never deletes.

A unit already entered by hand that is an official one (the same official code, else the same
level and name: "Tỉnh Ninh Bình" is "Ninh Bình", accents and case aside; a commune only within
its own province) gains the official code, type and parent instead of a duplicate: dossiers,
users and receipt codes keep pointing at it. Districts (abolished on 01/07/2025) stay as they are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import select

from evalapp.common import audit
from evalapp.common.text import fold
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, DivisionType, UnitLevel
from evalapp.units.official import OfficialUnit, bare_name, official_units


@dataclass
class SyncReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    ambiguous: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def unit_code_for(official: OfficialUnit, taken: set[str]) -> str:
    """A new unit's own `code` (receipt codes start with it): its official code, or "HC" and
    the official code when a hand-entered unit already uses that one."""
    code = official.code if official.code not in taken else f"HC{official.code}"
    taken.add(code)
    return code


def official_name(official: OfficialUnit) -> str:
    if official.division_type is DivisionType.PROVINCE:
        return f"Tỉnh {official.name}"
    return official.name


class Synchroniser:
    """One pass over the units table: read once, match in memory, write in two flushes."""

    def __init__(self) -> None:
        self.units = list(db.session.scalars(select(AdministrativeUnit)))
        self.by_id = {unit.id: unit for unit in self.units}
        self.by_code = {u.official_code: u for u in self.units if u.official_code}
        self.taken = {unit.code for unit in self.units}
        centrals = [u for u in self.units if u.level is UnitLevel.CENTRAL]
        self.central = centrals[0] if len(centrals) == 1 else None
        self.report = SyncReport()
        self.unclaimed = defaultdict(list)  # (level, province id or None, name) → units
        for unit in self.units:
            if unit.official_code is None and unit.level in (UnitLevel.PROVINCE, UnitLevel.COMMUNE):
                self.unclaimed[self.match_key(unit)].append(unit)

    def province_id_of(self, unit: AdministrativeUnit) -> int | None:
        while unit is not None and unit.level is not UnitLevel.PROVINCE:
            unit = self.by_id.get(unit.parent_id)
        return unit.id if unit is not None else None

    def match_key(self, unit: AdministrativeUnit) -> tuple:
        if unit.level is UnitLevel.PROVINCE:
            return (UnitLevel.PROVINCE, None, bare_name(unit.name))
        return (UnitLevel.COMMUNE, self.province_id_of(unit), fold(unit.name))

    def existing(self, official: OfficialUnit, province: AdministrativeUnit | None):
        unit = self.by_code.get(official.code)
        if unit is not None:
            return unit
        if official.level is UnitLevel.PROVINCE:
            key = (UnitLevel.PROVINCE, None, bare_name(official.name))
        else:
            key = (UnitLevel.COMMUNE, province.id, fold(official.name))
        candidates = self.unclaimed.get(key, [])
        if len(candidates) > 1:
            self.report.ambiguous.append(official.name)
        return candidates.pop(0) if candidates else None

    def place(self, official: OfficialUnit, parent: AdministrativeUnit | None):
        unit = self.existing(official, parent)
        if unit is None:
            unit = AdministrativeUnit(
                code=unit_code_for(official, self.taken),
                name=official_name(official),
                level=official.level,
                official_code=official.code,
                division_type=official.division_type,
                parent_id=parent.id if parent is not None else None,
            )
            db.session.add(unit)
            self.report.created += 1
            return unit
        wanted = (official.code, official.division_type, parent.id if parent else unit.parent_id)
        if (unit.official_code, unit.division_type, unit.parent_id) == wanted:
            self.report.unchanged += 1
            return unit
        unit.official_code, unit.division_type, unit.parent_id = wanted
        self.report.updated += 1
        return unit

    def run(self) -> SyncReport:
        officials = official_units()
        provinces = {
            o.code: self.place(o, self.central) for o in officials if o.level is UnitLevel.PROVINCE
        }
        db.session.flush()  # the new provinces' ids, for their communes
        for official in officials:
            if official.level is UnitLevel.COMMUNE:
                self.place(official, provinces[official.province_code])
        db.session.flush()
        return self.report


def sync_official_units() -> SyncReport:
    """Create the official provinces and communes that are missing, give matching units their
    official code, type and parent; how many were created, updated and left unchanged."""
    report = Synchroniser().run()
    if report.changed:
        audit.record(
            "units.synced",
            after={"created": report.created, "updated": report.updated},
            note="Danh mục đơn vị hành chính theo Quyết định 19/2025/QĐ-TTg",
        )
    return report
