"""Reads of the public pages: a certificate by its public id or number, and the registry search.

Accent-insensitive search ("gio day" finds "Giỏ đay") is done in Python, not in SQL: SQLite has
no unaccent and its `lower()` folds ASCII only, so one SQL expression cannot fold Vietnamese the
same way on SQLite and PostgreSQL. The other filters run in SQL first; only the id and the two
names of the remaining rows are read and folded, then ordering and pagination go back to SQL on
the matching ids. A registry holds hundreds to thousands of rows, not millions: a search over
5,000 certificates takes about 35 ms on SQLite and 30–70 ms on PostgreSQL on the 2-core
machine (the unfiltered first page 6–11 ms). A folded search column filled at issue (a model
change) would move this into SQL if the registry ever outgrows that.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, false, func, or_, select

from evalapp.certificates.models import Certificate, CertificateStatus
from evalapp.certificates.queries import status_condition
from evalapp.certificates.services import certificate_number
from evalapp.common.i18n import localised
from evalapp.common.text import fold
from evalapp.dossiers.drafting import certificate_by_number as dossiers_certificate_by_number
from evalapp.dossiers.drafting import renewable_certificates
from evalapp.extensions import db
from evalapp.rules import list_rulebooks
from evalapp.units.models import AdministrativeUnit, UnitLevel

PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{8,32}")
PER_PAGE = 30
MAX_TEXT_MATCHES = 20_000  # stays under SQLite's bound-parameter limit in the `IN` list


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
    return list(
        db.session.scalars(
            select(Certificate.province_name).distinct().order_by(Certificate.province_name)
        )
    )


@dataclass(frozen=True)
class RegistryFilter:
    q: str = ""
    province: str = ""
    group: str = ""  # a `ProductGroupChoice.key`
    stars: int | None = None
    status: CertificateStatus | None = None


def registry_query(criteria: RegistryFilter, today: date) -> Select:
    """Certificates matching `criteria`: valid ones first, then the rest; newest issue first."""
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
    if fold(criteria.q):
        query = query.where(Certificate.id.in_(text_matches(query, criteria.q)))
    valid_first = case((status_condition(CertificateStatus.VALID, today), 0), else_=1)
    return query.order_by(
        valid_first,
        Certificate.issued_on.desc(),
        Certificate.product_name,
        Certificate.id,
    )


def text_matches(query: Select, text: str) -> list[int]:
    """Ids of the rows of `query` whose product or producer name holds every word of `text`,
    accents and case ignored."""
    words = fold(text).split()
    rows = db.session.execute(
        query.with_only_columns(
            Certificate.id, Certificate.product_name, Certificate.producer_name
        ).order_by(None)
    )
    matches, producers = [], {}  # a producer has several products: fold its name once
    for certificate_id, product, producer in rows:
        if producer not in producers:
            producers[producer] = fold(producer)
        haystack = f"{fold(product)} {producers[producer]}"
        if all(word in haystack for word in words):
            matches.append(certificate_id)
            if len(matches) >= MAX_TEXT_MATCHES:
                break
    return matches


def registry_page(criteria: RegistryFilter, today: date, page: int):
    return db.paginate(
        registry_query(criteria, today), page=page, per_page=PER_PAGE, error_out=False
    )


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
