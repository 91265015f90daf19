"""Report verbs: the session's minutes and score table, and the result decision (drafted, edited,
issued). Services never commit; they raise `ReportsError` with a message for the user.

Issuing a decision publishes each result it approves through `results.services.publish_result`
(the dossier moves to PUBLISHED and the producer is told); a result sits in one decision only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import or_, select

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.councils.models import CouncilSession, SessionState
from evalapp.extensions import db
from evalapp.reports import documents
from evalapp.reports.formats import people_committee, short_name
from evalapp.reports.recognition import recognisable, recognition_message
from evalapp.reports.session_report import load_session, session_facts
from evalapp.results.models import (
    DecisionState,
    FinalResult,
    Forwarding,
    ResultDecision,
    ResultState,
)
from evalapp.results.services import ResultsError, publish_result
from evalapp.rounds.models import EvaluationRound


class ReportsError(Refusal):
    pass


# --- the session's documents ------------------------------------------------------------------


def require_closed(session: CouncilSession) -> None:
    if session.state is not SessionState.CLOSED:
        raise ReportsError(
            _(
                "Biên bản và bảng điểm chỉ lập được sau khi phiên họp kết thúc "
                "(để không ai thấy điểm của thành viên khác khi đang chấm)."
            )
        )


def minutes_pdf(session: CouncilSession, with_names: bool = False) -> bytes:
    """The minutes (biên bản họp hội đồng) of a closed session; members by number unless
    `with_names`."""
    require_closed(session)
    loaded = load_session(session.id)
    return documents.minutes_pdf(session_facts(loaded, with_names), with_names)


def score_table_xlsx(session: CouncilSession) -> bytes:
    """The score table of a closed session (members by number)."""
    require_closed(session)
    return documents.score_table_xlsx(session_facts(load_session(session.id)))


# --- the result decision ----------------------------------------------------------------------


@dataclass(frozen=True)
class DraftValues:
    """What the secretariat writes on a draft; `number` and `signed_on` may stay empty."""

    issuing_body: str
    place: str
    signer_name: str
    signer_title: str
    number: str = ""
    signed_on: date | None = None


MINISTRY_BODY = "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG"


def default_values(round_: EvaluationRound) -> DraftValues:
    if round_.level_code == "central":
        # 26/2026 Điều 7.4.e: the Minister of Agriculture and Environment decides.
        return DraftValues(
            issuing_body=MINISTRY_BODY, place="Hà Nội", signer_name="", signer_title="Bộ trưởng"
        )
    return DraftValues(
        issuing_body=people_committee(round_.unit.name),
        place=short_name(round_.unit.name),
        signer_name="",
        # The decision is printed in Vietnamese whatever the secretary's language.
        signer_title="Phó Chủ tịch",
    )


def candidate_results(round_: EvaluationRound, decision: ResultDecision | None = None):
    """The round's current results that no other decision holds (and not yet published), with
    the central council's results returned to the round (26/2026 Điều 7.4.g), each of a class
    the round's level recognises (`reports.recognition`)."""
    held = [FinalResult.decision_id.is_(None)]
    if decision is not None and decision.id is not None:
        held.append(FinalResult.decision_id == decision.id)
    query = (
        select(FinalResult)
        .where(
            or_(FinalResult.round_id == round_.id, FinalResult.id.in_(returned_ids(round_))),
            FinalResult.state == ResultState.FINALISED,
            FinalResult.published_at.is_(None),
            or_(*held),
        )
        .order_by(FinalResult.id)
    )
    return [
        result for result in db.session.scalars(query) if recognisable(result, round_.level_code)
    ]


def returned_ids(round_: EvaluationRound):
    """The results of the next level's council on the products this round proposed, once that
    level has notified its result (26/2026 Điều 7.4.g: below 90 points, the province may
    recognise 3★ or 4★ on the central council's result). A subquery of result ids."""
    origin = select(FinalResult.id).where(FinalResult.round_id == round_.id)
    forwarded = select(Forwarding.dossier_id).where(Forwarding.result_id.in_(origin))
    return select(FinalResult.id).where(
        FinalResult.dossier_id.in_(forwarded), FinalResult.notice.has()
    )


def returned_results(round_: EvaluationRound) -> list[FinalResult]:
    """The central council's results notified back to this round, decided or not."""
    query = select(FinalResult).where(
        FinalResult.id.in_(returned_ids(round_)), FinalResult.state == ResultState.FINALISED
    )
    return list(db.session.scalars(query.order_by(FinalResult.id)))


def check_recognisable(decision: ResultDecision, results: Iterable[FinalResult]) -> None:
    """A decision recognises only the classes its level recognises (26/2026 Điều 4.1)."""
    for result in results:
        message = recognition_message(result, decision.round.level_code)
        if message:
            raise ReportsError(message, field="results")


def decisions_of(round_: EvaluationRound) -> list[ResultDecision]:
    query = select(ResultDecision).where(ResultDecision.round_id == round_.id)
    return list(db.session.scalars(query.order_by(ResultDecision.id.desc())))


def check_number_free(decision: ResultDecision, number: str) -> None:
    taken = db.session.scalar(
        select(ResultDecision.id).where(
            ResultDecision.unit_id == decision.unit_id,
            ResultDecision.number == number,
            ResultDecision.id != (decision.id or 0),
        )
    )
    if taken is not None:
        raise ReportsError(
            _(
                "Số quyết định %(number)s đã được dùng cho một quyết định khác của đơn vị.",
                number=number,
            ),
            field="number",
        )


def apply_values(decision: ResultDecision, values: DraftValues) -> None:
    for name in ("issuing_body", "place", "signer_name", "signer_title"):
        text = getattr(values, name).strip()
        if name in {"issuing_body", "place"} and not text:
            raise ReportsError(_("Vui lòng nhập trường này."), field=name)
        setattr(decision, name, text)
    number = values.number.strip()
    if number:
        check_number_free(decision, number)
    decision.number, decision.signed_on = number or None, values.signed_on


def include_results(decision: ResultDecision, chosen: Iterable[FinalResult]) -> None:
    """The decision approves exactly `chosen`, each a candidate of its round; a result that
    stopped being one (reopened meanwhile) leaves the draft when it is saved."""
    chosen = list(chosen)
    check_recognisable(decision, chosen)
    allowed = {result.id for result in candidate_results(decision.round, decision)}
    if any(result.id not in allowed for result in chosen):
        raise ReportsError(
            _("Một kết quả đã chọn không còn hiệu lực hoặc đã thuộc một quyết định khác."),
            field="results",
        )
    wanted = {result.id for result in chosen}
    for result in list(decision.results):
        if result.id not in wanted:
            result.decision = None
    for result in chosen:
        result.decision = decision


def summary(decision: ResultDecision) -> dict:
    return {
        "number": decision.number,
        "signed_on": decision.signed_on.isoformat() if decision.signed_on else None,
        "signer": decision.signer_name,
        "results": sorted(result.id for result in decision.results),
    }


def create_draft(
    round_: EvaluationRound, values: DraftValues, chosen: Iterable[FinalResult], actor: User
) -> ResultDecision:
    """A new draft approving `chosen`, which may not be empty (a decision approves results)."""
    chosen = list(chosen)
    if not chosen:
        raise ReportsError(
            _("Hãy chọn ít nhất một kết quả để lập dự thảo quyết định."), field="results"
        )
    decision = ResultDecision(
        round=round_, unit=round_.unit, state=DecisionState.DRAFT, created_by_id=actor.id
    )
    db.session.add(decision)
    apply_values(decision, values)
    db.session.flush()
    include_results(decision, chosen)
    db.session.flush()
    audit.record("decision.drafted", decision, actor=actor, after=summary(decision))
    return decision


def require_draft(decision: ResultDecision) -> None:
    if decision.is_issued:
        raise ReportsError(_("Quyết định đã ban hành; không thể sửa."))


def update_draft(
    decision: ResultDecision, values: DraftValues, chosen: Iterable[FinalResult], actor: User
) -> None:
    require_draft(decision)
    before = summary(decision)
    apply_values(decision, values)
    include_results(decision, chosen)
    db.session.flush()
    db.session.expire(decision, ["results"])
    audit.record("decision.edited", decision, actor=actor, before=before, after=summary(decision))


def lock_decision(decision: ResultDecision) -> ResultDecision:
    query = select(ResultDecision).where(ResultDecision.id == decision.id).with_for_update()
    return db.session.scalars(query.execution_options(populate_existing=True)).one()


def check_issuable(decision: ResultDecision, number: str, signed_on: date | None) -> str:
    """The decision number (stripped) if the draft can be issued with it, or why not."""
    require_draft(decision)
    number = (number or "").strip()
    if not number:
        raise ReportsError(_("Vui lòng nhập số quyết định."), field="number")
    if signed_on is None:
        raise ReportsError(_("Vui lòng nhập ngày ký quyết định."), field="signed_on")
    if signed_on > local_today():
        raise ReportsError(_("Ngày ký không được ở tương lai."), field="signed_on")
    check_number_free(decision, number)
    if not decision.results:
        raise ReportsError(
            _("Quyết định chưa có kết quả nào; hãy chọn kết quả trước khi ban hành.")
        )
    check_recognisable(decision, decision.results)
    return number


def issue_decision(decision: ResultDecision, number: str, signed_on: date | None, actor: User):
    """Record the signed decision (number unique in the unit, signing date not in the future)
    and publish every result it approves."""
    decision = lock_decision(decision)
    number = check_issuable(decision, number, signed_on)
    decision.number, decision.signed_on = number, signed_on
    decision.state, decision.issued_by_id, decision.issued_at = (
        DecisionState.ISSUED,
        actor.id,
        utcnow(),
    )
    db.session.flush()
    for result in list(decision.results):
        try:
            publish_result(result, decision, actor)
        except ResultsError as error:
            raise ReportsError(str(error)) from None
    audit.record("decision.issued", decision, actor=actor, after=summary(decision))
