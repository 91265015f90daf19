"""Reopening a finalised result takes two people, the chair acting for the dossier and the
council's secretariat: one asks with a written reason, the other approves (or either withdraws).
Never once the result is published in an issued decision or forwarded to the next level."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.councils import seats
from evalapp.councils.permissions import can_manage_council
from evalapp.dossiers.models import DossierState
from evalapp.dossiers.services import record_event, staff_of
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.results.models import FinalResult, ReopeningState, ResultReopening, ResultState
from evalapp.results.services import ResultsError, code_of, forwarding_of

REASON_MIN_LENGTH = 20


def reopening_roles(result: FinalResult, user: User) -> set[str]:
    """Which of the two sides `user` stands on for `result`: the chair acting for the dossier,
    the council's secretariat."""
    sides = set()
    if seats.is_acting_chair(user, result.item):
        sides.add("chair")
    if can_manage_council(user, result.item.session.council):
        sides.add("secretary")
    return sides


def check_reopenable(result: FinalResult) -> None:
    if not result.is_current:
        raise ResultsError(_("Kết quả này đã được mở lại."))
    if result.is_published or (result.decision is not None and result.decision.is_issued):
        raise ResultsError(
            _(
                "Kết quả đã được công bố theo Quyết định số %(number)s; không thể mở lại.",
                number=result.decision.number if result.decision else "",
            )
        )
    forwarded = forwarding_of(result)
    if forwarded is not None:
        raise ResultsError(
            _(
                "Sản phẩm đã được đề xuất lên %(unit)s; không thể mở lại kết quả.",
                unit=forwarded.to_unit.name,
            )
        )


def pending_reopening(result: FinalResult) -> ResultReopening | None:
    return next((r for r in result.reopenings if r.state is ReopeningState.REQUESTED), None)


def request_reopening(result: FinalResult, reason: str, actor: User) -> ResultReopening:
    """The chair or the secretary asks, with a written reason; the other one decides."""
    if not reopening_roles(result, actor):
        raise ResultsError(_("Chỉ Chủ tịch Hội đồng hoặc Thư ký mới đề nghị mở lại kết quả."))
    check_reopenable(result)
    if pending_reopening(result) is not None:
        raise ResultsError(_("Đã có đề nghị mở lại đang chờ quyết định."))
    if len(reason.strip()) < REASON_MIN_LENGTH:
        raise ResultsError(
            _("Vui lòng ghi rõ lý do mở lại (ít nhất %(n)d ký tự).", n=REASON_MIN_LENGTH)
        )
    reopening = ResultReopening(
        reason=reason.strip(), requested_by_id=actor.id, requested_at=utcnow()
    )
    result.reopenings.append(reopening)
    db.session.flush()
    audit.record("result.reopening_requested", result, actor=actor, note=reopening.reason)
    notify(
        other_side(result, actor),
        _l("Đề nghị mở lại kết quả hồ sơ %(code)s", code=code_of(result)),
        _l(
            "Có đề nghị mở lại kết quả đánh giá chờ bạn xem xét. Lý do: %(reason)s",
            reason=reopening.reason,
        ),
        absolute_url("results.show", item_id=result.item_id),
    )
    return reopening


def other_side(result: FinalResult, actor: User) -> list[User]:
    sides = reopening_roles(result, actor)
    users = []
    if "chair" not in sides:
        acting = seats.acting_chair(result.item)
        users += [acting.user] if acting else []
    if "secretary" not in sides:
        users += staff_of(result.round.unit, Role.SECRETARY)
    return users


def decide_reopening(reopening: ResultReopening, approve: bool, actor: User) -> None:
    """Approved by the other of the two (never by the person who asked); withdrawn by either.
    On approval the result is kept for the record as REOPENED and the dossier goes back to
    the council (ACCEPTED), so the chair can finalise it again."""
    result = reopening.result
    check_decidable(reopening, approve, actor)
    reopening.state = ReopeningState.APPROVED if approve else ReopeningState.WITHDRAWN
    reopening.decided_by_id, reopening.decided_at = actor.id, utcnow()
    if approve:
        reopen(result, reopening, actor)
    else:
        audit.record("result.reopening_withdrawn", result, actor=actor, note=reopening.reason)
    db.session.flush()


def check_decidable(reopening: ResultReopening, approve: bool, actor: User) -> None:
    result = reopening.result
    if reopening.state is not ReopeningState.REQUESTED:
        raise ResultsError(_("Đề nghị mở lại này đã được xử lý."))
    sides = reopening_roles(result, actor)
    if not sides:
        raise ResultsError(_("Chỉ Chủ tịch Hội đồng hoặc Thư ký mới quyết định việc mở lại."))
    if approve:
        check_may_approve(reopening, sides, actor)
        check_reopenable(result)


def check_may_approve(reopening: ResultReopening, sides: set[str], actor: User) -> None:
    asked = reopening_roles(reopening.result, reopening.requested_by)
    if actor.id == reopening.requested_by_id or not (sides - asked or asked - sides):
        raise ResultsError(
            _("Người đề nghị không thể tự phê duyệt; cần người còn lại (Chủ tịch hoặc Thư ký).")
        )


def reopen(result: FinalResult, reopening: ResultReopening, actor: User) -> None:
    """A draft decision that listed the result no longer does: the new result replaces it."""
    draft_id = result.decision_id
    result.state, result.reopened_at = ResultState.REOPENED, utcnow()
    result.decision = None
    record_event(
        result.dossier,
        "result_reopened",
        actor,
        to_state=DossierState.ACCEPTED,
        message=reopening.reason,
        details={"result_id": result.id},
    )
    audit.record(
        "result.reopened",
        result,
        actor=actor,
        before={"state": ResultState.FINALISED.value},
        after={
            "state": ResultState.REOPENED.value,
            "requested_by": reopening.requested_by_id,
            "removed_from_draft_decision": draft_id,
        },
        note=reopening.reason,
    )
