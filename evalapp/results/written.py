"""The result of a dossier decided by written opinions (26/2026 Điều 7.6.d, 7.6.e; the reading is
in `councils.written`): when it may be concluded without a meeting, and the chair convening a
meeting when the opinions differ (the spread limit exceeded) or a member asked for one."""

from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem, CouncilMember, SessionState
from evalapp.councils.written import council_article, written_blockers
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.results.live import live_result
from evalapp.results.services import ResultsError, current_result
from evalapp.scoring import services as scoring


def unsigned_members(item: AgendaItem) -> list[CouncilMember]:
    """The seats whose written opinion (a signed sheet of the current round) is still awaited."""
    signed = {sheet.member_id for sheet in scoring.signed_sheets(item)}
    return [m for m in scoring.expected_scorers(item) if m.id not in signed]


def opinions_differ(item: AgendaItem) -> bool:
    """Every opinion is in and the totals differ beyond the rulebook's `council.max_spread`."""
    product = live_result(item).product
    return product is not None and product.needs_rescoring


def meeting_grounds(item: AgendaItem) -> list[str]:
    """Why the council must meet on this dossier (empty when it need not)."""
    grounds = []
    if opinions_differ(item):
        grounds.append(_("Các ý kiến đánh giá khác nhau: chênh lệch tổng điểm vượt mức cho phép."))
    grounds += [
        _("Thành viên số %(n)d đề nghị họp: %(reason)s", n=r.member.number, reason=r.reason)
        for r in item.meeting_requests
    ]
    return grounds


@written_blockers.answer
def blockers(item: AgendaItem) -> list[str]:
    """Why a dossier decided in writing cannot be concluded (or its session closed) yet."""
    where = council_article(item.session.council)
    code = item.dossier.receipt_code
    problems = []
    unsigned = unsigned_members(item)
    if unsigned:
        problems.append(
            _(
                "Hồ sơ %(code)s: còn %(n)d thành viên chưa ký phiếu (%(numbers)s); kết quả lấy "
                "ý kiến bằng văn bản cần ý kiến của mọi thành viên Hội đồng (%(a)s).",
                code=code,
                n=len(unsigned),
                numbers=", ".join(_("số %(n)d", n=m.number) for m in unsigned),
                a=where,
            )
        )
    elif meeting_grounds(item):
        problems.append(
            _(
                "Hồ sơ %(code)s cần họp trực tiếp (%(a)s): %(grounds)s Chủ tịch triệu tập họp "
                "trước khi kết luận.",
                code=code,
                a=where,
                grounds=" ".join(meeting_grounds(item)),
            )
        )
    return problems


def check_concludable(item: AgendaItem) -> None:
    problems = blockers(item)
    if problems:
        raise ResultsError(problems[0])


def convene_meeting(item: AgendaItem, starts_at: datetime, place: str, actor: User) -> None:
    """The chair convenes a meeting on a dossier decided in writing, when the opinions differ or
    a member asked for one: the session meets for it at `starts_at`, `place` (attendance and
    quorum as in any meeting) and the dossier is scored again there (a new scoring round; the
    written opinions stay in the record)."""
    session = item.session
    if not item.in_writing or session.state is SessionState.CLOSED:
        raise ResultsError(_("Hồ sơ này không được đánh giá bằng văn bản; không cần triệu tập."))
    if not seats.is_acting_chair(actor, item):
        raise ResultsError(_("Chỉ Chủ tịch (hoặc Phó Chủ tịch điều hành) mới triệu tập họp."))
    if current_result(item) is not None:
        raise ResultsError(_("Kết quả đã được chốt."))
    if not meeting_grounds(item):
        raise ResultsError(
            _(
                "Chỉ triệu tập họp khi có nhiều ý kiến đánh giá khác nhau hoặc có thành viên đề "
                "nghị họp để thảo luận (%(a)s).",
                a=council_article(session.council),
            )
        )
    if starts_at <= utcnow():
        raise ResultsError(_("Thời điểm họp phải ở tương lai."), field="starts_at")
    if not place.strip():
        raise ResultsError(_("Vui lòng ghi địa điểm họp."), field="place")
    item.convened_at, item.scoring_round = utcnow(), item.scoring_round + 1
    session.starts_at, session.place, session.is_online = starts_at, place.strip(), False
    db.session.flush()
    audit.record(
        "session.meeting_convened",
        session,
        actor=actor,
        after={
            "dossier_id": item.dossier_id,
            "starts_at": starts_at.isoformat(),
            "place": session.place,
            "round": item.scoring_round,
        },
    )
    notify(
        [m.user for m in session.council.members],
        _l("Chủ tịch Hội đồng triệu tập họp về hồ sơ %(code)s", code=item.dossier.receipt_code),
        _l(
            "Hồ sơ %(code)s được đưa ra họp trực tiếp tại %(place)s; thành viên chấm lại hồ sơ "
            "tại phiên họp.",
            code=item.dossier.receipt_code,
            place=session.place,
        ),
        absolute_url("councils.session", session_id=session.id),
    )


def status(item: AgendaItem) -> dict:
    """What the result page shows of a dossier decided in writing: who has not signed yet (by
    number), why a meeting is needed, whether the dossier may be concluded now."""
    return {
        "unsigned": [m.number for m in unsigned_members(item)],
        "grounds": meeting_grounds(item),
        "blockers": blockers(item),
    }
