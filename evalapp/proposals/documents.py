"""The approval decision of the chair of the provincial People's Committee (quyết định phê duyệt
kết quả đánh giá, 26/2026 Điều 7.3.e) and the province's proposal letter to the ministry (văn bản
đề nghị Bộ Nông nghiệp và Môi trường đánh giá, phân hạng sản phẩm OCOP 5 sao, Điều 6.3.a), as
PDFs printed in Vietnamese."""

from __future__ import annotations

from flask_babel import force_locale

from evalapp.common.pdf import render_document
from evalapp.proposals.bundle import bundle_items
from evalapp.proposals.models import FiveStarProposal
from evalapp.reports.decision_document import round_council_basis
from evalapp.reports.formats import day_words, place_date
from evalapp.reports.session_report import full_address
from evalapp.results.wording import class_label
from evalapp.rules import load_rulebook


def common_facts(proposal: FiveStarProposal) -> dict:
    result = proposal.result
    organisation = result.dossier.organisation
    rulebook = load_rulebook(result.rulebook_code)
    council = round_council_basis(result.round_id)
    return {
        "issuing_body": proposal.issuing_body,
        "rulebook_title": rulebook.title.vi,
        "reference": rulebook.reference,
        "council": council[0],
        "council_decision": council[1],
        "product": result.dossier.product.name,
        "producer": organisation.name,
        "address": full_address(organisation),
        "score": result.score,
        "class_label": class_label(result.outcome, result.stars),
        "year": result.round.year,
        "unit_name": proposal.unit.name,
        "signer_name": proposal.signer_name,
        "approval_number": proposal.approval_number,
        "approval_day": day_words(proposal.approved_on),
    }


def approval_pdf(proposal: FiveStarProposal) -> bytes:
    facts = common_facts(proposal) | {
        "number": proposal.approval_number,
        "place_date": place_date(proposal.place, proposal.approved_on),
    }
    with force_locale("vi"):
        return render_document("proposals/approval_pdf.html", facts=facts)


def letter_pdf(proposal: FiveStarProposal) -> bytes:
    facts = common_facts(proposal) | {
        "number": proposal.letter_number or "…",
        "place_date": place_date(proposal.place, proposal.letter_on),
        "bundle": bundle_items(proposal),
    }
    with force_locale("vi"):
        return render_document("proposals/letter_pdf.html", facts=facts)
