"""The written-opinion mode of a session (hình thức lấy ý kiến bằng văn bản, 26/2026 Điều 7.6.d
for the provincial council, 7.6.e for the central one): "Hội đồng cấp tỉnh thực hiện đánh giá
thông qua hình thức lấy ý kiến bằng văn bản; chỉ tổ chức họp trực tiếp khi có nhiều ý kiến đánh
giá khác nhau hoặc có nội dung phức tạp cần thảo luận".

How the app reads it (the decision is silent on the mechanics):
- the mode is offered for re-evaluation dossiers under a rulebook that says so
  (`council.re_evaluation_in_writing`); a written session takes only re-evaluation dossiers;
- members declare their conflicts and score and sign alone inside the remote window; nobody is
  marked present and there is no quorum of people present: every scoring member not conflicted
  must sign (`AgendaItem.takes_part`);
- "ý kiến đánh giá khác nhau" is the rulebook's spread limit (`council.max_spread`) exceeded;
  "nội dung phức tạp cần thảo luận" is a member's request for a meeting, with the reason;
- on either, the chair convenes a meeting for that dossier (`results.written.convene_meeting`):
  the session then meets for it, with attendance and quorum as usual, and the dossier is scored
  again in the meeting.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.hooks import Hook
from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.councils import seats
from evalapp.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    MeetingRequest,
    Position,
    SessionState,
)
from evalapp.dossiers.models import Dossier, DossierState, RegistrationType
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.rules import Rulebook, load_rulebook

#: (item) → [message]: why a dossier decided in writing cannot be concluded yet (members who
#: have not signed, a meeting that must be convened). Answered by `results.written`, which owns
#: the sheets and the spread.
written_blockers = Hook("councils.written_blockers")


class WrittenOpinionError(Refusal):
    pass


def article(rulebook: Rulebook, level_code: str) -> str:
    """Điều 7.6.e for the central council, 7.6.d for the provincial one."""
    point = "Điều 7.6.e" if level_code == "central" else "Điều 7.6.d"
    return f"{point} Quyết định {rulebook.reference}"


def council_article(council: Council) -> str:
    round_ = council.round
    return article(load_rulebook(round_.rulebook_code), round_.level_code)


def offers_written_mode(council: Council) -> bool:
    return load_rulebook(council.round.rulebook_code).council.re_evaluation_in_writing


def check_written_mode(council: Council) -> None:
    if not offers_written_mode(council):
        raise WrittenOpinionError(
            _(
                "Hình thức lấy ý kiến bằng văn bản chỉ áp dụng cho hồ sơ đánh giá, phân hạng lại "
                "theo Điều 7.6.d Quyết định 26/2026/QĐ-TTg; bộ tiêu chí của đợt này không quy "
                "định hình thức đó."
            )
        )


def check_written_agenda(session: CouncilSession, dossier: Dossier) -> None:
    """A written session takes re-evaluation dossiers only."""
    if session.is_written and dossier.registration_type is not RegistrationType.RE_EVALUATION:
        raise WrittenOpinionError(
            _(
                "Phiên lấy ý kiến bằng văn bản chỉ dành cho hồ sơ đánh giá, phân hạng lại (%(a)s); "
                "hồ sơ %(code)s cần được đánh giá tại phiên họp trực tiếp.",
                a=council_article(session.council),
                code=dossier.receipt_code,
            ),
            field="dossier_id",
        )


def check_meeting_allowed(session: CouncilSession) -> None:
    """A written session meets only for the dossiers the chair convened a meeting for."""
    if session.is_written and not session.convened_items:
        raise WrittenOpinionError(
            _(
                "Phiên lấy ý kiến bằng văn bản không họp, không điểm danh; chỉ họp khi Chủ tịch "
                "đã triệu tập họp cho hồ sơ có ý kiến khác nhau hoặc cần thảo luận (%(a)s).",
                a=council_article(session.council),
            )
        )


def check_closable(session: CouncilSession) -> None:
    """Every dossier decided in writing has every member's signed opinion and needs no meeting;
    a convened meeting has been held."""
    if not session.is_written:
        return
    if session.convened_items and session.state is SessionState.PLANNED:
        raise WrittenOpinionError(
            _("Chủ tịch đã triệu tập họp; hãy mở phiên họp trước khi kết thúc phiên.")
        )
    for item in session.agenda:
        if item.in_writing:
            problems = written_blockers(item)
            if problems:
                raise WrittenOpinionError(problems[0])


def awaits_opinions(item: AgendaItem) -> bool:
    """Decided in writing and not concluded yet (a finalised result moves the dossier on)."""
    return (
        item.in_writing
        and item.session.state is not SessionState.CLOSED
        and item.dossier.state is DossierState.ACCEPTED
    )


def ask_for_meeting(
    item: AgendaItem, member: CouncilMember, reason: str, actor: User
) -> MeetingRequest:
    """A scoring member asks, with the reason, that the council meet on a dossier decided in
    writing (Điều 7.6.d: "có nội dung phức tạp cần thảo luận")."""
    if not awaits_opinions(item):
        raise WrittenOpinionError(
            _("Hồ sơ này không còn được đánh giá bằng văn bản; không thể đề nghị họp.")
        )
    if not member.position.scores or seats.is_conflicted(member.user, item):
        raise WrittenOpinionError(_("Chỉ thành viên chấm điểm hồ sơ này mới đề nghị họp."))
    if not reason.strip():
        raise WrittenOpinionError(_("Vui lòng ghi lý do đề nghị họp."), field="reason")
    if any(r.member_id == member.id for r in item.meeting_requests):
        raise WrittenOpinionError(_("Bạn đã đề nghị họp về hồ sơ này."))
    request = MeetingRequest(member=member, reason=reason.strip()[:2000], requested_at=utcnow())
    item.meeting_requests.append(request)
    db.session.flush()
    audit.record(
        "session.meeting_requested",
        item.session,
        actor=actor,
        after={"dossier_id": item.dossier_id, "member": member.number},
        note=request.reason,
    )
    leaders = [m.user for m in item.session.council.members if m.position is Position.CHAIR]
    notify(
        leaders,
        _l("Thành viên đề nghị họp về hồ sơ %(code)s", code=item.dossier.receipt_code),
        _l("Một thành viên đề nghị Hội đồng họp trực tiếp để thảo luận hồ sơ này."),
        absolute_url("results.show", item_id=item.id),
    )
    return request
