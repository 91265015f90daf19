"""Reads of the public pages: a certificate by its public id or number, and the registry.

The registry's search is a SQL condition served by an index on the certificates' folded names
(`common.search.folded_match`), and its pages are read by keyset (`registry.paging`): page 300
costs what page 1 does.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import partial

from sqlalchemy import Select, and_, false, func, or_, select

from evalapp.certificates.models import Certificate, CertificateStatus
from evalapp.certificates.queries import status_condition
from evalapp.certificates.services import certificate_number
from evalapp.common.i18n import localised
from evalapp.common.search import folded_match
from evalapp.common.text import fold
from evalapp.dossiers.drafting import certificate_by_number as dossiers_certificate_by_number
from evalapp.dossiers.drafting import renewable_certificates
from evalapp.extensions import db
from evalapp.registry import paging
from evalapp.rules import list_rulebooks
from evalapp.units.models import AdministrativeUnit, UnitLevel

PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{8,32}")
PER_PAGE = 30
#: Counted exactly up to here, then shown as "more than": a count costs what it counts, and a
#: page must cost the same whatever the size of the registry (every match stays on the pages).
COUNT_LIMIT = 10_000


def certificate_by_public_id(public_id: str) -> Certificate | None:
    """None for an unknown id, and without a query for one that cannot be an id at all."""
    if not PUBLIC_ID.fullmatch(public_id or ""):
        return None
    return db.session.scalar(select(Certificate).where(Certificate.public_id == public_id))


def normalise_number(text: str) -> str:
    """A typed certificate number compared as printed: spaces dropped, upper case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFC", text or "")).upper()


@dossiers_certificate_by_number.answer
def certificate_by_number(text: str) -> Certificate | None:
    wanted = normalise_number(text)
    if not wanted or len(wanted) > 60:
        return None
    stored = func.upper(func.replace(Certificate.number, " ", ""))
    return db.session.scalar(select(Certificate).where(stored == wanted).limit(1))


@renewable_certificates.answer
def certificates_to_renew(organisation_id: int) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(
                Certificate.organisation_id == organisation_id,
                Certificate.superseded_by_id.is_(None),
                Certificate.revoked_on.is_(None),
            )
            .order_by(Certificate.expires_on)
        )
    )


# --- the registry ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProductGroupChoice:
    """One product group as the public sees it: the same name in several rulebooks is one
    choice (the codes differ: group 4 is textiles in 1048/2019, handicrafts in 148/2023)."""

    key: str
    name: str
    codes: tuple[tuple[str, str], ...]  # (rulebook code, group code)


def product_groups() -> list[ProductGroupChoice]:
    found: dict[str, tuple[str, list]] = {}
    for rulebook in list_rulebooks():
        for group in rulebook.groups:
            name = localised(group.name)
            key = re.sub(r"[^a-z0-9]+", "-", fold(str(group.name.vi))).strip("-")
            found.setdefault(key, (name, []))[1].append((rulebook.code, group.code))
    return [ProductGroupChoice(key, name, tuple(codes)) for key, (name, codes) in found.items()]


def provinces() -> list[str]:
    """The provinces named on certificates, read by skipping through the index on the name
    (one index probe per province, however many certificates each holds)."""
    column = Certificate.province_name
    first = select(func.min(column)).scalar_subquery()
    found = select(first.label("name")).cte("found", recursive=True)
    following = select(func.min(column)).where(column > found.c.name).scalar_subquery()
    found = found.union_all(select(following).where(found.c.name.is_not(None)))
    query = select(found.c.name).where(found.c.name.is_not(None)).order_by(found.c.name)
    return list(db.session.scalars(query))


@dataclass(frozen=True)
class RegistryFilter:
    q: str = ""
    province: str = ""
    group: str = ""  # a `ProductGroupChoice.key`
    stars: int | None = None
    status: CertificateStatus | None = None


def registry_query(criteria: RegistryFilter, today: date) -> Select:
    """Certificates matching `criteria`, unordered (`paging` orders them)."""
    query = select(Certificate)
    if criteria.province:
        query = query.where(Certificate.province_name == criteria.province)
    group = next((g for g in product_groups() if g.key == criteria.group), None)
    if group is not None:  # an unknown key (hand-edited) filters nothing out
        codes = group.codes
        query = query.where(
            or_(
                false(),
                *(
                    and_(Certificate.rulebook_code == rulebook, Certificate.group_code == code)
                    for rulebook, code in codes
                ),
            )
        )
    if criteria.stars:
        query = query.where(Certificate.stars == criteria.stars)
    if criteria.status:
        query = query.where(status_condition(criteria.status, today))
    return query.where(folded_match(criteria.q, Certificate.search_text))


def registry_count(query: Select) -> int:
    """The number of matches, exact up to `COUNT_LIMIT` (`COUNT_LIMIT + 1` beyond)."""
    matches = query.with_only_columns(Certificate.id).order_by(None).limit(COUNT_LIMIT + 1)
    return db.session.scalar(select(func.count()).select_from(matches.subquery()))


def registry_page(
    criteria: RegistryFilter,
    today: date,
    cursor: str | None = None,
    per_page: int = PER_PAGE,
    counted: bool = True,
):
    """The register's page at `cursor`. `counted=False` (the API, which shows no total) skips
    counting the matches, the dearest part of a page past the first; `total` is then 0."""
    query = registry_query(criteria, today)
    if criteria.status:  # one part only: the other is empty by the filter
        part = 0 if criteria.status is CertificateStatus.VALID else 1
        parts = {part: query}
    else:
        valid = status_condition(CertificateStatus.VALID, today)
        parts = {0: query.where(valid), 1: query.where(~valid)}
    count = partial(registry_count, query) if counted else lambda: 0
    return paging.page_of(parts, count, cursor, criteria, per_page, COUNT_LIMIT)


def example_certificate_number(today: date) -> str:
    """A number as certificates are numbered (`certificates.services.certificate_number`), for
    the lookup's hint: the first province's code, this year, sequence 1 ("NB-2026-0001")."""
    code = db.session.scalar(
        select(AdministrativeUnit.code)
        .where(AdministrativeUnit.level == UnitLevel.PROVINCE)
        .order_by(AdministrativeUnit.id)
        .limit(1)
    )
    return certificate_number(code or "NB", today.year, 1)
