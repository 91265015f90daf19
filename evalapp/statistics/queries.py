"""Every figure is one `GROUP BY` in the database: nothing is counted by loading rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select, true

from evalapp.certificates.models import Certificate, CertificateStatus
from evalapp.certificates.queries import EXPIRING, expiring_condition, status_condition
from evalapp.common.i18n import current_language, localised
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.rules import list_rulebooks
from evalapp.units.models import AdministrativeUnit, UnitLevel

CLASSES = (3, 4, 5)  # certificates are issued from 3★ (26/2026 Điều 4.1, 4.3)


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


def crosstab(unit, year: int | None, label, *joins) -> Crosstab:
    """Certificates counted by `label` (a column or expression, reached through `joins`) and
    star class, in one `GROUP BY`."""
    query = select(label, Certificate.stars, func.count())
    for target, on in joins:
        query = query.join(target, on)
    query = query.where(*filtered(unit, year)).group_by(label, Certificate.stars).order_by(label)
    table = Crosstab()
    for value, stars, count in db.session.execute(query):
        table.add(str(value), stars, count)
    return table


def by_year(unit, year: int | None = None) -> Crosstab:
    return crosstab(unit, year, Certificate.year)


def by_group(unit, year: int | None = None) -> Crosstab:
    group = func.coalesce(func.nullif(Certificate.group_name, ""), Certificate.group_code)
    return crosstab(unit, year, group)


def subgroup_names() -> dict[tuple[str, str], str]:
    """(rulebook code, subgroup code) → the subgroup's name in the user's language."""
    language = current_language()
    return {
        (rulebook.code, subgroup.code): f"{subgroup.code} {localised(subgroup.name, language)}"
        for rulebook in list_rulebooks()
        for group in rulebook.groups
        for subgroup in group.subgroups
    }


def by_subgroup(unit, year: int | None = None) -> Crosstab:
    """By the product subgroup the dossier was filed under, in its rulebook's words; one
    `GROUP BY` on (rulebook, subgroup, class), named afterwards."""
    query = (
        select(Certificate.rulebook_code, Dossier.class_code, Certificate.stars, func.count())
        .join(Dossier, Dossier.id == Certificate.dossier_id)
        .where(*filtered(unit, year))
        .group_by(Certificate.rulebook_code, Dossier.class_code, Certificate.stars)
    )
    names = subgroup_names()
    table = Crosstab()
    for rulebook_code, subgroup, stars, count in db.session.execute(query):
        table.add(names.get((rulebook_code, subgroup), subgroup), stars, count)
    table.rows = dict(sorted(table.rows.items()))
    return table


def by_commune(unit, year: int | None = None) -> Crosstab:
    """By the producer's commune as the organisation records it today."""
    return crosstab(
        unit,
        year,
        AdministrativeUnit.name,
        (Organisation, Organisation.id == Certificate.organisation_id),
        (AdministrativeUnit, AdministrativeUnit.id == Organisation.commune_id),
    )


def by_status(unit, today: date, year: int | None = None) -> list[tuple[str, int]]:
    """How many are valid (of which expiring within the lead of the certificate list), expired,
    revoked and superseded on `today`: the list's own SQL conditions, counted in one query."""
    valid, *others = CertificateStatus
    statuses = (valid, EXPIRING, *others)
    counts = [
        func.count(Certificate.id).filter(
            expiring_condition(today) if status == EXPIRING else status_condition(status, today)
        )
        for status in statuses
    ]
    found = db.session.execute(select(*counts).where(*filtered(unit, year))).one()
    return [(status, count or 0) for status, count in zip(statuses, found, strict=True)]


def years(unit) -> list[int]:
    query = select(Certificate.year).where(scope(unit)).distinct().order_by(Certificate.year.desc())
    return list(db.session.scalars(query))
