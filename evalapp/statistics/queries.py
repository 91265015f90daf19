"""Every figure is one `GROUP BY` in the database: nothing is counted by loading rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, true

from evalapp.certificates.models import Certificate, CertificateStatus
from evalapp.certificates.queries import EXPIRING, expiring_condition, status_condition
from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.units.models import AdministrativeUnit, UnitLevel

CLASSES = (3, 4, 5)  # certificates are issued from 3★ (26/2026 Điều 3)


@dataclass
class Crosstab:
    """Counts of certificates by a row label and star class, with the totals."""

    rows: dict[str, dict[int, int]] = field(default_factory=dict)

    def add(self, label: str, stars: int, count: int) -> None:
        counts = self.rows.setdefault(label, {})
        counts[stars] = counts.get(stars, 0) + count

    @property
    def classes(self) -> list[int]:
        found = {stars for counts in self.rows.values() for stars in counts}
        return sorted(found | set(CLASSES))

    def total(self, label: str) -> int:
        return sum(self.rows[label].values())

    def column_total(self, stars: int) -> int:
        return sum(counts.get(stars, 0) for counts in self.rows.values())

    @property
    def grand_total(self) -> int:
        return sum(sum(counts.values()) for counts in self.rows.values())


def scope(unit) -> object:
    """The ministry (a central unit) sees every certificate; a province its own."""
    if unit.level is UnitLevel.CENTRAL:
        return true()
    return Certificate.unit_id == unit.id


def filtered(unit, year: int | None):
    conditions = [scope(unit)]
    if year:
        conditions.append(Certificate.year == year)
    return conditions


def by_year(unit, year: int | None = None) -> Crosstab:
    query = (
        select(Certificate.year, Certificate.stars, func.count())
        .where(*filtered(unit, year))
        .group_by(Certificate.year, Certificate.stars)
        .order_by(Certificate.year)
    )
    table = Crosstab()
    for issued_year, stars, count in db.session.execute(query):
        table.add(str(issued_year), stars, count)
    return table


def by_group(unit, year: int | None = None) -> Crosstab:
    group = func.coalesce(func.nullif(Certificate.group_name, ""), Certificate.group_code)
    query = (
        select(group, Certificate.stars, func.count())
        .where(*filtered(unit, year))
        .group_by(group, Certificate.stars)
        .order_by(group)
    )
    table = Crosstab()
    for name, stars, count in db.session.execute(query):
        table.add(name, stars, count)
    return table


def by_commune(unit, year: int | None = None) -> Crosstab:
    """By the producer's commune as the organisation records it today."""
    commune = AdministrativeUnit.name
    query = (
        select(commune, Certificate.stars, func.count())
        .join(Organisation, Organisation.id == Certificate.organisation_id)
        .join(AdministrativeUnit, AdministrativeUnit.id == Organisation.commune_id)
        .where(*filtered(unit, year))
        .group_by(commune, Certificate.stars)
        .order_by(commune)
    )
    table = Crosstab()
    for name, stars, count in db.session.execute(query):
        table.add(name, stars, count)
    return table


def by_status(unit, today: date, year: int | None = None) -> list[tuple[str, int]]:
    """How many are valid (of which expiring within the lead of the certificate list), expired,
    revoked and superseded on `today`: the list's own SQL conditions, one count each."""
    conditions = filtered(unit, year)
    counts = []
    valid, *others = CertificateStatus
    for status in (valid, EXPIRING, *others):
        condition = (
            expiring_condition(today) if status == EXPIRING else status_condition(status, today)
        )
        count = db.session.scalar(select(func.count(Certificate.id)).where(*conditions, condition))
        counts.append((status, count or 0))
    return counts


def years(unit) -> list[int]:
    query = select(Certificate.year).where(scope(unit)).distinct().order_by(Certificate.year.desc())
    return list(db.session.scalars(query))
