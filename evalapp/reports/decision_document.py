"""The result decision (quyết định phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP) and its
annex as plain data, and its PDF. A draft prints with a "DỰ THẢO" mark, a blank number and a
blank date; the wording of Điều 2 (certificates and their validity) comes from the rulebook and
appears only when the round's level recognises star classes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.common.pdf import render_document
from evalapp.councils.models import Council
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.reports.formats import day_words, place_date
from evalapp.reports.recognition import annex_label
from evalapp.reports.session_report import full_address
from evalapp.results.models import FinalResult, ResultDecision
from evalapp.rules import load_rulebook


@dataclass(frozen=True)
class AnnexRow:
    position: int
    product: str
    producer: str
    address: str
    class_label: str
    score: object


@dataclass(frozen=True)
class DecisionFacts:
    is_draft: bool
    issuing_body: str
    number: str  # "123/QĐ-UBND", or "…/QĐ-UBND" on a draft
    place_date: str
    date_words: str
    year: int
    rulebook_title: str
    rulebook_reference: str
    council: str
    council_decision: str
    recognises: tuple[int, ...]
    certificate_min_stars: int
    validity_months: int
    signer_name: str
    signer_title: str
    annex: tuple[AnnexRow, ...]
    # The ministry's decision (26/2026 Điều 7.4.e): signed by the Minister, not for a committee.
    by_ministry: bool = False

    @property
    def minister_signs(self) -> bool:
        return self.signer_title.strip().casefold() == "bộ trưởng"

    @property
    def chair_signs(self) -> bool:
        """The chair signs for the committee himself; anyone else signs on the chair's behalf."""
        return self.signer_title.strip().casefold() == "chủ tịch"


def annex_rows(decision: ResultDecision) -> tuple[AnnexRow, ...]:
    """The decision's results, best first; under a rulebook that decides only what it
    recognises (26/2026 Điều 4.1.a), only the classes the round's level recognises."""
    rulebook = load_rulebook(decision.round.rulebook_code)
    level = rulebook.level(decision.round.level_code)
    query = select(FinalResult).where(FinalResult.decision_id == decision.id)
    if rulebook.certificate.recognised_only:
        query = query.where(FinalResult.stars.in_(level.recognises if level else ()))
    query = query.options(
        selectinload(FinalResult.dossier).selectinload(Dossier.product),
        selectinload(FinalResult.dossier)
        .selectinload(Dossier.organisation)
        .selectinload(Organisation.commune),
    ).order_by(FinalResult.stars.desc().nulls_last(), FinalResult.score.desc(), FinalResult.id)
    return tuple(
        AnnexRow(
            position,
            result.dossier.product.name,
            result.dossier.organisation.name,
            full_address(result.dossier.organisation),
            annex_label(result),
            result.score,
        )
        for position, result in enumerate(db.session.scalars(query), start=1)
    )


def council_basis(decision: ResultDecision) -> tuple[str, str]:
    return round_council_basis(decision.round_id)


def round_council_basis(round_id: int) -> tuple[str, str]:
    """The round's council and the decision that set it up, as the basis of a document."""
    council = db.session.scalar(select(Council).where(Council.round_id == round_id))
    if council is None:
        return "", ""
    return council.name, f"{council.decision_number} {day_words(council.decision_date)}"


def decision_facts(decision: ResultDecision) -> DecisionFacts:
    rulebook = load_rulebook(decision.round.rulebook_code)
    level = rulebook.level(decision.round.level_code)
    signed_on: date | None = None if not decision.is_issued else decision.signed_on
    council, council_decision = council_basis(decision)
    return DecisionFacts(
        is_draft=not decision.is_issued,
        issuing_body=decision.issuing_body,
        number=decision.number
        if decision.is_issued
        else ("…/QĐ-BNNMT" if decision.round.level_code == "central" else "…/QĐ-UBND"),
        place_date=place_date(decision.place, signed_on),
        date_words=day_words(signed_on),
        year=decision.round.year,
        rulebook_title=rulebook.title.vi,
        rulebook_reference=rulebook.reference,
        council=council,
        council_decision=council_decision,
        recognises=level.recognises if level else (),
        certificate_min_stars=rulebook.certificate.min_stars,
        validity_months=rulebook.certificate.validity_months,
        signer_name=decision.signer_name,
        signer_title=decision.signer_title,
        annex=annex_rows(decision),
        by_ministry=decision.round.level_code == "central",
    )


def decision_pdf(decision: ResultDecision) -> bytes:
    with force_locale("vi"):
        return render_document("reports/decision_pdf.html", facts=decision_facts(decision))
