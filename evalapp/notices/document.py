"""The notice of one product's result as a PDF (thông báo kết quả đánh giá, phân hạng sản phẩm
OCOP, 26/2026 Điều 7.3.g, 7.4.g): to the commune's People's Committee and the producer (and, from
the ministry, to the proposing province), with the product's score and class and what follows
from it under the decision."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import force_locale
from flask_babel import gettext as _

from evalapp.common.pdf import render_document
from evalapp.notices.models import ResultNotice
from evalapp.notices.services import proposing_forwarding
from evalapp.reports.formats import day_words, people_committee, place_date
from evalapp.reports.recognition import recognisable
from evalapp.reports.services import MINISTRY_BODY
from evalapp.reports.session_report import full_address
from evalapp.results.wording import class_label
from evalapp.rules import five_star_proposal, load_rulebook


@dataclass(frozen=True)
class NoticeFacts:
    issuing_lines: tuple[str, ...]
    number: str
    place_date: str
    year: int
    rulebook_title: str
    recipients: tuple[str, ...]
    product: str
    producer: str
    address: str
    score: object
    class_label: str
    what_follows: str
    signer: str


def what_follows(notice: ResultNotice) -> str:
    """The sentence saying what the result means under the decision."""
    result = notice.result
    rulebook = load_rulebook(result.rulebook_code)
    level = result.round.level_code
    if recognisable(result, level) and result.stars and result.decision is not None:
        return _(
            "Sản phẩm được công nhận đạt %(stars)d sao theo Quyết định số %(number)s %(day)s và "
            "được cấp Giấy chứng nhận sản phẩm OCOP.",
            stars=result.stars,
            number=result.decision.number or "",
            day=day_words(result.decision.signed_on),
        )
    if five_star_proposal(rulebook, level, result.score) and result.five_star_proposal:
        approval = result.five_star_proposal
        return _(
            "Sản phẩm đạt từ 90 điểm, có tiềm năng đạt 5 sao: Chủ tịch UBND tỉnh đã phê duyệt kết "
            "quả đánh giá tại Quyết định số %(number)s %(day)s; UBND tỉnh đề nghị Bộ Nông nghiệp "
            "và Môi trường đánh giá, phân hạng sản phẩm OCOP 5 sao (%(reference)s, Điều 7.3.e).",
            number=approval.approval_number,
            day=day_words(approval.approved_on),
            reference=rulebook.reference,
        )
    if level == "central":
        return _(
            "Sản phẩm không đạt 90 điểm: Chủ tịch UBND cấp tỉnh có thể căn cứ vào kết quả đánh giá "
            "của Hội đồng cấp trung ương để xem xét, quyết định công nhận và cấp giấy chứng nhận "
            "cho sản phẩm OCOP đạt 3 sao, 4 sao hoặc tổ chức đánh giá và phân hạng sản phẩm theo "
            "thẩm quyền (%(reference)s, Điều 7.4.g).",
            reference=rulebook.reference,
        )
    if result.stars and result.stars < rulebook.certificate.min_stars:
        return _(
            "Sản phẩm đạt %(stars)d sao: đối với sản phẩm đạt 1 sao hoặc 2 sao, không ban hành "
            "quyết định công nhận và không cấp giấy chứng nhận (%(reference)s, Điều 4.1.a).",
            stars=result.stars,
            reference=rulebook.reference,
        )
    return _(
        "Sản phẩm không đạt hạng sao OCOP: không ban hành quyết định công nhận và không cấp giấy "
        "chứng nhận (%(reference)s, Điều 4.1.a).",
        reference=rulebook.reference,
    )


def notice_facts(notice: ResultNotice) -> NoticeFacts:
    result = notice.result
    organisation = result.dossier.organisation
    unit = result.round.unit
    central = result.round.level_code == "central"
    recipients = [f"UBND {organisation.commune.name}", organisation.name]
    if central:
        forwarding = proposing_forwarding(result)
        if forwarding is not None:
            recipients.insert(0, f"UBND {forwarding.from_unit.name}")
        lines = (MINISTRY_BODY, _("CƠ QUAN THAM MƯU QUẢN LÝ OCOP"))
        place = "Hà Nội"
    else:
        lines = (people_committee(unit.name), _("CƠ QUAN THAM MƯU QUẢN LÝ OCOP CẤP TỈNH"))
        place = unit.name.split(" ", 1)[-1]
    return NoticeFacts(
        issuing_lines=lines,
        number=notice.number,
        place_date=place_date(place, notice.sent_on),
        year=result.round.year,
        rulebook_title=load_rulebook(result.rulebook_code).title.vi,
        recipients=tuple(recipients),
        product=result.dossier.product.name,
        producer=organisation.name,
        address=full_address(organisation),
        score=result.score,
        class_label=class_label(result.outcome, result.stars),
        what_follows=what_follows(notice),
        signer=lines[1],
    )


def notice_pdf(notice: ResultNotice) -> bytes:
    with force_locale("vi"):
        return render_document("notices/notice_pdf.html", facts=notice_facts(notice))
