"""Reads for the producer pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import aliased, selectinload
from wtforms import SelectChoice

from evalapp.auth.models import User
from evalapp.common.i18n import current_language
from evalapp.common.search import folded_match
from evalapp.extensions import db
from evalapp.producers.models import DisputeState, Organisation, Product, TaxCodeDispute
from evalapp.rules import load_rulebook
from evalapp.units.models import AdministrativeUnit, UnitLevel


def province_name(unit: AdministrativeUnit, units: dict[int, AdministrativeUnit]) -> str | None:
    while unit is not None and unit.level is not UnitLevel.PROVINCE:
        unit = units.get(unit.parent_id)
    return unit.name if unit is not None else None


def ancestor_ids(unit: AdministrativeUnit, units: dict[int, AdministrativeUnit]) -> set[int]:
    ids = set()
    while unit is not None:
        ids.add(unit.id)
        unit = units.get(unit.parent_id)
    return ids


# Above this many communes, a list of all of them is unusable: the province is chosen first.
COMMUNES_IN_ONE_LIST = 300


def commune_choices(
    within: AdministrativeUnit | None = None, province_id: int | None = None
) -> list[SelectChoice]:
    """Active communes grouped by province (one query), optionally only those within a unit
    and of one province. With no province chosen and more communes than one list can show
    (the 3,321 official ones), none: the province is chosen first."""
    units = {unit.id: unit for unit in db.session.scalars(select(AdministrativeUnit))}
    communes = [
        unit
        for unit in units.values()
        if unit.level is UnitLevel.COMMUNE
        and unit.is_active
        and (within is None or within.id in ancestor_ids(unit, units))
        and (province_id is None or province_id in ancestor_ids(unit, units))
    ]
    if province_id is None and len(communes) > COMMUNES_IN_ONE_LIST:
        return []
    rows = sorted((province_name(c, units) or "", c.name, c.id) for c in communes)
    return [
        SelectChoice(identifier, name, optgroup=province) for province, name, identifier in rows
    ]


def province_choices(within: AdministrativeUnit | None = None) -> list[SelectChoice]:
    """The provinces a producer's commune may be in: all, or the one of `within`."""
    if within is not None and within.level is not UnitLevel.CENTRAL:
        province = within.province()
        return [SelectChoice(province.id, province.name)] if province else []
    provinces = db.session.scalars(
        select(AdministrativeUnit)
        .where(AdministrativeUnit.level == UnitLevel.PROVINCE, AdministrativeUnit.is_active)
        .order_by(AdministrativeUnit.search_name)
    )
    return [SelectChoice(unit.id, unit.name) for unit in provinces]


def classification_choices(rulebook_code: str) -> list[SelectChoice]:
    """A rulebook's classes as options grouped by product group (a group without listed
    subgroups is one option)."""
    language = current_language()
    return [
        SelectChoice(
            (subgroup or group).code,
            (subgroup.full_name if subgroup else group.name).get(language),
            optgroup=group.name.get(language),
        )
        for group, subgroup in load_rulebook(rulebook_code).classes()
    ]


def subgroup_label(product: Product) -> str:
    found = load_rulebook(product.rulebook_code).product_class(product.subgroup_code)
    if found is None:
        return product.subgroup_code
    group, subgroup = found
    return (subgroup or group).name.get(current_language())


def organisations_within(unit: AdministrativeUnit, text: str | None):
    """A select of the organisations whose commune lies within `unit`, by name."""
    unit_ids = [unit.id, *descendant_ids(unit)]
    query = (
        select(Organisation)
        .where(Organisation.commune_id.in_(unit_ids))
        .options(selectinload(Organisation.commune))
        .order_by(Organisation.name)
    )
    if text:
        query = query.where(folded_match(text, Organisation.search_text))
    return query


def descendant_ids(unit: AdministrativeUnit) -> list[int]:
    rows = db.session.execute(select(AdministrativeUnit.id, AdministrativeUnit.parent_id)).all()
    children: dict[int, list[int]] = {}
    for identifier, parent_id in rows:
        children.setdefault(parent_id, []).append(identifier)
    found, frontier = [], [unit.id]
    while frontier:
        frontier = [child for parent in frontier for child in children.get(parent, [])]
        found += frontier
    return found


def members_of(organisation: Organisation) -> list[User]:
    return db.session.scalars(
        select(User).where(User.organisation_id == organisation.id).order_by(User.full_name)
    ).all()


def products_of(organisation: Organisation) -> list[Product]:
    return db.session.scalars(
        select(Product)
        .where(Product.organisation_id == organisation.id)
        .options(selectinload(Product.photos))
        .order_by(Product.name)
    ).all()


def open_disputes_within(unit: AdministrativeUnit) -> list[TaxCodeDispute]:
    """Open tax-code disputes about organisations whose commune lies within `unit`."""
    holder = aliased(Organisation)
    return db.session.scalars(
        select(TaxCodeDispute)
        .join(holder, TaxCodeDispute.holder_id == holder.id)
        .where(
            TaxCodeDispute.state == DisputeState.OPEN,
            holder.commune_id.in_([unit.id, *descendant_ids(unit)]),
        )
        .options(selectinload(TaxCodeDispute.holder), selectinload(TaxCodeDispute.claimant))
        .order_by(TaxCodeDispute.filed_at)
    ).all()


def disputes_about(organisation: Organisation) -> list[TaxCodeDispute]:
    """Disputes where the organisation is the holder or the claimant, newest first."""
    return db.session.scalars(
        select(TaxCodeDispute)
        .where(
            (TaxCodeDispute.holder_id == organisation.id)
            | (TaxCodeDispute.claimant_id == organisation.id)
        )
        .order_by(TaxCodeDispute.filed_at.desc())
    ).all()
