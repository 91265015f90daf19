"""A product from 90 points at the province (26/2026 Điều 7.3.e, second paragraph): the chair of
the provincial People's Committee approves the result (a decision of its own kind, not a
recognition: the province never recognises 5★, Điều 4.1.b), then the province sends the ministry
its proposal letter with the bundle of Điều 6.3.a through `results.forwarding` (a new dossier at
the central unit's open round). Services never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.services import record_event
from evalapp.extensions import db
from evalapp.proposals.models import FiveStarProposal
from evalapp.reports.formats import people_committee, short_name
from evalapp.results.forwarding import forward_result
from evalapp.results.models import FinalResult, Forwarding, ResultState
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import five_star_proposal, load_rulebook


class ProposalsError(Refusal):
    pass


@dataclass(frozen=True)
class ApprovalValues:
    approval_number: str
    approved_on: date | None
    signer_name: str
    signer_title: str = "Chủ tịch"


def proposable(result: FinalResult) -> bool:
    return five_star_proposal(load_rulebook(result.rulebook_code), result.level_code, result.score)


def candidates(round_: EvaluationRound) -> list[FinalResult]:
    """The round's results in force from the forwarding score (90 points under 26/2026)."""
    query = select(FinalResult).where(
        FinalResult.round_id == round_.id, FinalResult.state == ResultState.FINALISED
    )
    return [r for r in db.session.scalars(query.order_by(FinalResult.id)) if proposable(r)]


def check_proposable(result: FinalResult) -> None:
    if not result.is_current:
        raise ProposalsError(_("Kết quả này đã được mở lại; hãy chốt lại trước khi phê duyệt."))
    if not proposable(result):
        raise ProposalsError(
            _(
                "Chỉ sản phẩm được Hội đồng cấp tỉnh đánh giá đạt từ 90 điểm trở lên (có tiềm năng "
                "đạt 5 sao) mới được Chủ tịch UBND cấp tỉnh phê duyệt kết quả và đề nghị Bộ Nông "
                "nghiệp và Môi trường đánh giá (26/2026/QĐ-TTg, Điều 7.3.e)."
            )
        )


def check_day(day: date | None, field: str, today: date) -> date:
    if day is None:
        raise ProposalsError(_("Vui lòng nhập ngày ký."), field=field)
    if day > today:
        raise ProposalsError(_("Ngày ký không được ở tương lai."), field=field)
    return day


def check_approvable(
    result: FinalResult, values: ApprovalValues, today: date | None = None
) -> tuple[str, date]:
    """The decision's number (stripped) and signing date if the result may be approved with
    them, or why not."""
    today = today or local_today()
    check_proposable(result)
    if result.five_star_proposal is not None:
        raise ProposalsError(_("Kết quả này đã được phê duyệt."))
    number = values.approval_number.strip()
    if not number:
        raise ProposalsError(_("Vui lòng nhập số quyết định."), field="approval_number")
    approved_on = check_day(values.approved_on, "approved_on", today)
    if db.session.scalar(
        select(FiveStarProposal.id).where(
            FiveStarProposal.unit_id == result.round.unit_id,
            FiveStarProposal.approval_number == number,
        )
    ):
        raise ProposalsError(
            _("Số quyết định %(number)s đã được dùng.", number=number), field="approval_number"
        )
    return number, approved_on


def approve(
    result: FinalResult, values: ApprovalValues, actor: User, today: date | None = None
) -> FiveStarProposal:
    """Record the chair's approval decision (number unique in the unit, signing date)."""
    number, approved_on = check_approvable(result, values, today)
    unit = result.round.unit
    proposal = FiveStarProposal(
        result=result,
        unit=unit,
        approval_number=number,
        approved_on=approved_on,
        issuing_body=people_committee(unit.name),
        place=short_name(unit.name),
        signer_name=values.signer_name.strip(),
        signer_title=values.signer_title.strip() or "Chủ tịch",
        approved_by_id=actor.id,
        approved_at=utcnow(),
        is_demo=result.is_demo,
    )
    db.session.add(proposal)
    db.session.flush()
    db.session.expire(result, ["five_star_proposal"])
    record_event(result.dossier, "result_approved", actor, details={"number": number})
    audit.record("result.approved", result, actor=actor, after={"number": number})
    return proposal


def check_sendable(
    proposal: FiveStarProposal,
    letter_number: str,
    letter_on: date | None,
    today: date | None = None,
) -> tuple[str, date]:
    """The letter's number (stripped) and date if the proposal may be sent with them, or why not."""
    today = today or local_today()
    if proposal.is_sent:
        raise ProposalsError(_("Đã gửi văn bản đề nghị lên Bộ Nông nghiệp và Môi trường."))
    number = (letter_number or "").strip()
    if not number:
        raise ProposalsError(_("Vui lòng nhập số văn bản đề nghị."), field="letter_number")
    letter_on = check_day(letter_on, "letter_on", today)
    if letter_on < proposal.approved_on:
        raise ProposalsError(
            _("Văn bản đề nghị không thể trước quyết định phê duyệt kết quả."), field="letter_on"
        )
    check_proposable(proposal.result)
    return number, letter_on


def send_to_ministry(
    proposal: FiveStarProposal,
    letter_number: str,
    letter_on: date | None,
    actor: User,
    round_: EvaluationRound | None = None,
    today: date | None = None,
) -> Forwarding:
    """The proposal letter and the bundle go to the ministry's OCOP office: the product is
    forwarded to the central unit's open round (`results.forwarding`)."""
    number, letter_on = check_sendable(proposal, letter_number, letter_on, today)
    forwarding = forward_result(proposal.result, round_, actor)
    proposal.letter_number, proposal.letter_on = number, letter_on
    proposal.forwarding, proposal.sent_by_id, proposal.sent_at = forwarding, actor.id, utcnow()
    db.session.flush()
    audit.record(
        "result.proposed_to_ministry",
        proposal.result,
        actor=actor,
        after={"letter": number, "dossier_id": forwarding.dossier_id},
    )
    return forwarding


def proposal_of_dossier(dossier: Dossier) -> FiveStarProposal | None:
    """The proposal that brought `dossier` to the ministry, if it came that way."""
    return db.session.scalar(
        select(FiveStarProposal)
        .join(Forwarding, Forwarding.id == FiveStarProposal.forwarding_id)
        .where(Forwarding.dossier_id == dossier.id)
    )
