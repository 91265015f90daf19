"""Mẫu 02 Phần III (26/2026 Phụ lục III): the producer's self-assessment criterion by criterion.

For each leaf criterion of the product's sheet, in the sheet's order: the option the producer
expects (kept in `Dossier.self_assessment`), a description of the result and the documents of
this dossier that prove it (`SelfAssessmentClaim`), and, for an upgrade or a re-evaluation
(Điều 6.1.b–c), what changed since the product was recognised. One document may prove several
criteria; a criterion may cite several documents.

`part_three_rows` gives the rows in sheet order for every page and document that shows them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.common.i18n import format_number, localised
from evalapp.dossiers.models import (
    Dossier,
    DossierDocument,
    RegistrationType,
    SelfAssessmentClaim,
    claim_evidence,
)
from evalapp.dossiers.rules import sheet_of
from evalapp.extensions import db
from evalapp.rulebooks.sheet_form import FIELD_PREFIX, answer_codes
from evalapp.rules import CriteriaSheet

# The longest description, and the longest "changed since recognition", of one criterion.
DESCRIPTION_MAX = 2000
CHANGES_MAX = 2000

DESCRIPTION_PREFIX = "d-"
EVIDENCE_PREFIX = "e-"
CHANGES_PREFIX = "k-"
CHOICE_PREFIX = FIELD_PREFIX  # the chosen option (`rulebooks.sheet_form.field_name`)
PREFIXES = (CHOICE_PREFIX, DESCRIPTION_PREFIX, EVIDENCE_PREFIX, CHANGES_PREFIX)


def description_name(code: str) -> str:
    return DESCRIPTION_PREFIX + code


def evidence_name(code: str) -> str:
    return EVIDENCE_PREFIX + code


def changes_name(code: str) -> str:
    return CHANGES_PREFIX + code


def with_changes(dossier: Dossier) -> bool:
    """An upgrade or a re-evaluation says what changed since recognition (26/2026 Điều
    6.1.b–c); a first registration has nothing to compare with."""
    return dossier.registration_type is not RegistrationType.FIRST_TIME


@dataclass(frozen=True)
class ClaimInput:
    """One criterion's claim as typed (document ids as posted, so a refused form shows them
    again)."""

    description: str = ""
    changes: str = ""
    document_ids: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.description or self.changes or self.document_ids)


def typed(value: str | None) -> str:
    """A textarea's text, with the browser's CRLF line ends counted as one character."""
    return (value or "").replace("\r\n", "\n").strip()


def claims_from(formdata, sheet: CriteriaSheet) -> tuple[dict[str, ClaimInput], list[str]]:
    """Every leaf criterion's claim as posted, and the codes of posted fields that name no
    criterion of `sheet` (a form built for another sheet, or forged)."""
    claims = {
        leaf.code: ClaimInput(
            typed(formdata.get(description_name(leaf.code))),
            typed(formdata.get(changes_name(leaf.code))),
            tuple(dict.fromkeys(v.strip() for v in formdata.getlist(evidence_name(leaf.code)))),
        )
        for leaf in sheet.leaves
    }
    known = {prefix: set(claims) for prefix in PREFIXES}
    known[CHOICE_PREFIX] = set(answer_codes(sheet))  # with the exclusion line, if any
    unknown = {
        key[len(prefix) :]
        for key in formdata
        for prefix in PREFIXES
        if key.startswith(prefix) and key[len(prefix) :] not in known[prefix]
    }
    return claims, sorted(unknown)


def shown(value: str, limit: int = 20) -> str:
    """A posted value named in a message, cut short (a forged post may send anything)."""
    return value if len(value) <= limit else value[:limit] + "…"


def claim_problems(
    dossier: Dossier,
    sheet: CriteriaSheet,
    choices: Mapping[str, str],
    claims: Mapping[str, ClaimInput],
    unknown: Iterable[str] = (),
) -> list[str]:
    """What stops the self-assessment from being saved, one message per problem, naming the
    criterion: a criterion not on the sheet, an option the criterion does not have, a text
    over its limit, a document that is not among this dossier's current files."""
    problems = [
        _("Tiêu chí “%(code)s” không có trong phiếu đánh giá của sản phẩm.", code=shown(code))
        for code in unknown
    ]
    documents = {str(document.id) for document in dossier.current_documents()}
    for leaf in sheet.leaves:
        chosen = choices.get(leaf.code)
        if chosen and leaf.level(chosen) is None:
            problems.append(
                _(
                    "Tiêu chí %(code)s không có phương án “%(level)s” trong phiếu đánh giá.",
                    code=leaf.code,
                    level=shown(chosen),
                )
            )
        claim = claims.get(leaf.code, ClaimInput())
        problems += too_long(leaf.code, claim)
        problems += [
            _(
                "Tiêu chí %(code)s: tài liệu minh chứng số %(id)s không thuộc hồ sơ này.",
                code=leaf.code,
                id=shown(document_id),
            )
            for document_id in claim.document_ids
            if document_id not in documents
        ]
    return problems


def too_long(code: str, claim: ClaimInput) -> list[str]:
    problems = []
    if len(claim.description) > DESCRIPTION_MAX:
        problems.append(
            _(
                "Tiêu chí %(code)s: phần mô tả dài %(n)s ký tự, vượt quá %(max)s ký tự.",
                code=code,
                n=format_number(len(claim.description)),
                max=format_number(DESCRIPTION_MAX),
            )
        )
    if len(claim.changes) > CHANGES_MAX:
        problems.append(
            _(
                "Tiêu chí %(code)s: phần thay đổi so với khi được công nhận dài %(n)s ký tự, "
                "vượt quá %(max)s ký tự.",
                code=code,
                n=format_number(len(claim.changes)),
                max=format_number(CHANGES_MAX),
            )
        )
    return problems


def save_claims(dossier: Dossier, sheet: CriteriaSheet, claims: Mapping[str, ClaimInput]) -> int:
    """Write the checked claims (`claim_problems` found none): one row per criterion that has a
    description, evidence or changes; an emptied criterion's row goes. A first registration
    keeps whatever "changed since recognition" text an earlier upgrade draft had, unshown.
    Returns how many documents are cited."""
    existing = {claim.criterion_code: claim for claim in dossier.claims}
    documents = {str(document.id): document for document in dossier.current_documents()}
    leaves = {leaf.code for leaf in sheet.leaves}
    for code, claim in existing.items():
        if code not in leaves:
            dossier.claims.remove(claim)
    cited = 0
    for leaf in sheet.leaves:
        given = claims.get(leaf.code, ClaimInput())
        claim = existing.get(leaf.code)
        changes = given.changes if with_changes(dossier) else (claim.changes if claim else "")
        if given.is_empty and not changes:
            if claim is not None:
                dossier.claims.remove(claim)
            continue
        if claim is None:
            claim = SelfAssessmentClaim(criterion_code=leaf.code)
            dossier.claims.append(claim)
        claim.description, claim.changes = given.description, changes
        claim.documents = [documents[i] for i in given.document_ids]
        cited += len(claim.documents)
    return cited


# -- reads ---------------------------------------------------------------------------------------


def claims_of(dossier: Dossier) -> dict[str, SelfAssessmentClaim]:
    """The dossier's claims with their documents and files: two queries."""
    query = (
        select(SelfAssessmentClaim)
        .where(SelfAssessmentClaim.dossier_id == dossier.id)
        .options(selectinload(SelfAssessmentClaim.documents))
    )
    return {claim.criterion_code: claim for claim in db.session.scalars(query)}


def inputs_of(dossier: Dossier) -> dict[str, ClaimInput]:
    """The saved claims as the form shows them."""
    return {
        code: ClaimInput(
            claim.description, claim.changes, tuple(str(d.id) for d in claim.documents)
        )
        for code, claim in claims_of(dossier).items()
    }


@dataclass(frozen=True)
class Evidence:
    document_id: int
    name: str
    item_code: str
    is_current: bool


@dataclass(frozen=True)
class PartThreeRow:
    """One line of Mẫu 02 Phần III. `option` and `points` are None where no option is chosen;
    `changes` is "" for a first registration."""

    code: str
    name: str
    level_code: str | None
    option: str | None
    points: Decimal | None
    description: str
    evidence: tuple[Evidence, ...]
    changes: str

    @property
    def evidence_names(self) -> tuple[str, ...]:
        return tuple(evidence.name for evidence in self.evidence)

    @property
    def is_blank(self) -> bool:
        return self.option is None and not (self.description or self.evidence or self.changes)


def evidence_of(documents: Iterable[DossierDocument]) -> tuple[Evidence, ...]:
    return tuple(
        Evidence(document.id, document.file.original_name, document.item_code, document.is_current)
        for document in documents
    )


def part_three_rows(dossier: Dossier, sheet: CriteriaSheet | None = None) -> list[PartThreeRow]:
    """Mẫu 02 Phần III of `dossier`, one row per leaf criterion in the sheet's order (none when
    the product's class has no sheet). Two queries, whatever the number of criteria."""
    sheet = sheet or sheet_of(dossier)
    if sheet is None:
        return []
    claims = claims_of(dossier)
    choices = dossier.self_assessment or {}
    rows = []
    for leaf in sheet.leaves:
        level = leaf.level(choices.get(leaf.code) or "")
        claim = claims.get(leaf.code)
        rows.append(
            PartThreeRow(
                code=leaf.code,
                name=localised(leaf.name),
                level_code=level.code if level else None,
                option=localised(level.text) if level else None,
                points=level.points if level else None,
                description=claim.description if claim else "",
                evidence=evidence_of(claim.documents) if claim else (),
                changes=claim.changes if claim and with_changes(dossier) else "",
            )
        )
    return rows


def claims_by_criterion(dossier: Dossier, sheet: CriteriaSheet) -> dict[str, PartThreeRow]:
    """The rows that say something (an option, a description, evidence), by criterion code: what
    the council's pages show under each criterion."""
    return {row.code: row for row in part_three_rows(dossier, sheet) if not row.is_blank}


def criteria_citing(dossier: Dossier, sheet: CriteriaSheet | None) -> dict[int, list[str]]:
    """For each document of the dossier cited as evidence, the criteria citing it, in the
    sheet's order. One query."""
    query = (
        select(claim_evidence.c.document_id, SelfAssessmentClaim.criterion_code)
        .join(SelfAssessmentClaim, SelfAssessmentClaim.id == claim_evidence.c.claim_id)
        .where(SelfAssessmentClaim.dossier_id == dossier.id)
    )
    order = {leaf.code: index for index, leaf in enumerate(sheet.leaves if sheet else ())}
    cited: dict[int, list[str]] = {}
    for document_id, code in db.session.execute(query):
        cited.setdefault(document_id, []).append(code)
    return {
        document_id: sorted(codes, key=lambda code: (order.get(code, len(order)), code))
        for document_id, codes in cited.items()
    }


def carry_claims(origin: Dossier, dossier: Dossier, copies: Mapping[int, DossierDocument]) -> None:
    """A dossier carried to the next level (`results.forwarding`) keeps the claims, each citing
    the copies of its current documents (`copies`: origin document id → copy)."""
    for claim in claims_of(origin).values():
        dossier.claims.append(
            SelfAssessmentClaim(
                criterion_code=claim.criterion_code,
                description=claim.description,
                changes=claim.changes,
                documents=[copies[d.id] for d in claim.documents if d.id in copies],
            )
        )
