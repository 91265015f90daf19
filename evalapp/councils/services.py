"""Council verbs: compose the council, schedule sessions, set the agenda, record attendance,
open and close sessions, take conflict declarations. Services never commit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from evalapp.auth import services as accounts
from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.hooks import Hook
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.common.urls import absolute_url
from evalapp.councils import seats, written
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Council,
    CouncilMember,
    CouncilSession,
    MeetingRequest,
    Position,
    SessionMode,
    SessionState,
)
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.rules import missing_sheet
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import load_rulebook, quorum_met


class CouncilError(Refusal):
    pass


def create_council(
    round_: EvaluationRound, actor: User, *, name: str, decision_number: str, decision_date: date
) -> Council:
    if db.session.query(Council).filter_by(round_id=round_.id).first() is not None:
        raise CouncilError(_("Đợt đánh giá này đã có hội đồng."))
    council = Council(
        round=round_,
        name=name.strip(),
        decision_number=decision_number.strip(),
        decision_date=decision_date,
    )
    db.session.add(council)
    db.session.flush()
    audit.record(
        "council.created",
        council,
        actor=actor,
        after={"round_id": round_.id, "decision": council.decision_number},
    )
    return council


# Chair and secretary are the two people of the two-person rules (revocation, reopening), so those
# seats go only to accounts an administrator granted the role (issue 13): the member form needs
# the role, and the invitation (which creates the account) offers neither them nor the
# vice-chair, who acts as chair when the chair declares a conflict (seats.acting_chair).
SEAT_ROLES = {Position.CHAIR: Role.COUNCIL_CHAIR, Position.SECRETARY: Role.SECRETARY}
INVITABLE_POSITIONS = (Position.MEMBER, Position.ADVISORY)


def composition_fixed(council: Council) -> bool:
    """The membership is fixed once a session has opened: who scored and who kept the record
    must not change afterwards."""
    return any(s.state is not SessionState.PLANNED for s in council.sessions)


def refuse_after_meeting(council: Council) -> None:
    if composition_fixed(council):
        raise CouncilError(_("Không thể thay đổi thành phần hội đồng sau khi đã họp."))


def admin_grants(position: Position) -> CouncilError:
    return CouncilError(
        _(
            "Không thể cử %(position)s bằng tài khoản này: chỉ quản trị viên hệ thống mới cấp "
            "tài khoản Chủ tịch, Phó Chủ tịch và Thư ký hội đồng. Hãy đề nghị quản trị viên tạo "
            "hoặc cấp quyền cho tài khoản, rồi chọn người đó ở mục “Thêm thành viên”.",
            position=position.label,
        ),
        field="position",
    )


def add_member(council: Council, user: User, position: Position, actor: User) -> CouncilMember:
    """Seat a user; a council has one chair and one secretary, who hold the role an administrator
    granted, and nobody is added once a session has met."""
    refuse_after_meeting(council)
    needed = SEAT_ROLES.get(position)
    if needed is not None and not user.has_role(needed):
        raise admin_grants(position)
    if council.member_for(user) is not None:
        raise CouncilError(
            _("%(name)s đã là thành viên hội đồng.", name=user.full_name), field="user"
        )
    unique = {Position.CHAIR, Position.SECRETARY}
    if position in unique and any(m.position is position for m in council.members):
        raise CouncilError(
            _("Hội đồng đã có %(position)s.", position=position.label), field="position"
        )
    number = max((m.number for m in council.members), default=0) + 1
    member = CouncilMember(user=user, position=position, number=number)
    council.members.append(member)
    db.session.flush()
    audit.record(
        "council.member_added",
        council,
        actor=actor,
        after={"user_id": user.id, "position": position.value, "number": number},
    )
    return member


# A council invitation link only opens the council's own page (not the producers').
INVITE_SALT = "evalapp.invite.council"
POSITION_ROLES = {
    Position.MEMBER: Role.COUNCIL_MEMBER,
    Position.ADVISORY: Role.ADVISORY_MEMBER,
}


def invite_member(
    council: Council, full_name: str, email: str, position: Position, actor: User
) -> CouncilMember:
    """Create an account of the round's unit for someone new, seat them at `position` and
    e-mail them a link to choose a password. Members and advisory members only (see
    SEAT_ROLES)."""
    refuse_after_meeting(council)
    if position not in INVITABLE_POSITIONS:
        raise admin_grants(position)
    if accounts.user_by_email(email) is not None:
        raise CouncilError(
            _(
                "Email %(email)s đã được dùng cho một tài khoản khác; nếu đó là cán bộ của đơn vị, "
                "hãy chọn người này ở mục “Thêm thành viên”.",
                email=email.strip(),
            ),
            field="email",
        )
    try:
        user = accounts.create_invited_user(
            email, full_name, {POSITION_ROLES[position]}, unit=council.round.unit
        )
    except accounts.AccountError as error:
        raise CouncilError(str(error), field=error.field) from None
    member = add_member(council, user, position, actor)
    accounts.send_invitation(
        user,
        "councils.accept_invitation",
        _l("Lời mời tham gia hội đồng đánh giá sản phẩm OCOP"),
        _l(
            "Bạn được mời làm %(position)s của %(council)s. Mở liên kết để đặt mật khẩu.",
            position=position.label,
            council=council.name,
        ),
        salt=INVITE_SALT,
    )
    audit.record(
        "user.invited",
        user,
        actor=actor,
        after={"council_id": council.id, "position": position.value},
    )
    return member


def invited_member(token: str) -> User:
    try:
        return accounts.invited_user(token, salt=INVITE_SALT)
    except accounts.AccountError as error:
        raise CouncilError(str(error)) from None


def accept_invitation(token: str, password: str) -> User:
    try:
        return accounts.accept_invitation(token, password, salt=INVITE_SALT)
    except accounts.AccountError as error:
        raise CouncilError(str(error), field=error.field) from None


# Whether the seat holds a score sheet or an advisory note (answered by scoring).
member_has_scored = Hook("councils.member_has_scored")


def has_a_record(member: CouncilMember) -> bool:
    """Whether the seat already left a trace in the council's work before a meeting (present or
    absent in a roll call, a declaration of interest, a sheet or note in a remote window, a
    request to meet): those records name the seat and must stay."""
    return member_has_scored(member) or any(
        db.session.scalar(select(model.id).where(model.member_id == member.id).limit(1))
        for model in (Attendance, ConflictDeclaration, MeetingRequest)
    )


def remove_member(council: Council, member: CouncilMember, actor: User) -> None:
    """Before the council has met and while the seat has no record, the seat is simply deleted;
    the person can be seated again."""
    refuse_after_meeting(council)
    if has_a_record(member):
        raise CouncilError(
            _(
                "%(name)s đã có dữ liệu trong công việc của hội đồng (điểm danh, khai báo xung "
                "đột lợi ích, phiếu chấm hoặc ý kiến); không thể đưa ra khỏi hội đồng.",
                name=member.user.full_name,
            )
        )
    council.members.remove(member)
    audit.record(
        "council.member_removed",
        council,
        actor=actor,
        before={"user_id": member.user_id, "position": member.position.value},
    )


def schedule_session(
    council: Council,
    actor: User,
    *,
    title: str,
    starts_at: datetime,
    place: str,
    is_online: bool,
    mode: SessionMode = SessionMode.MEETING,
) -> CouncilSession:
    """A meeting, or a round of written opinions (`mode`, 26/2026 Điều 7.6.d: re-evaluations
    only), which has no place until the chair convenes a meeting."""
    if starts_at <= utcnow():
        raise CouncilError(_("Thời điểm họp phải ở tương lai."), field="starts_at")
    if mode is SessionMode.WRITTEN:
        written.check_written_mode(council)
    elif not is_online and not place.strip():
        raise CouncilError(_("Vui lòng ghi địa điểm họp, hoặc chọn họp trực tuyến."), field="place")
    session = CouncilSession(
        mode=mode,
        council=council,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
        is_online=is_online,
        state=SessionState.PLANNED,
    )
    db.session.add(session)
    db.session.flush()
    audit.record(
        "session.scheduled",
        session,
        actor=actor,
        after={"starts_at": starts_at.isoformat(), "place": session.place, "mode": mode.value},
    )
    return session


def working_days_between(start: date, end: date) -> int:
    """Working days (Monday–Friday) after `start` up to and including `end`."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


def add_to_agenda(session: CouncilSession, dossier: Dossier, actor: User) -> AgendaItem:
    """An accepted dossier of the council's round, sent to members `dossier_lead_working_days`
    working days before the session (the rulebook's rule)."""
    require_session_state(session, {SessionState.PLANNED})
    if dossier.round_id != session.council.round_id or dossier.state is not DossierState.ACCEPTED:
        raise CouncilError(
            _("Chỉ đưa vào chương trình các hồ sơ đã được chấp nhận của đợt đánh giá này.")
        )
    if any(item.dossier_id == dossier.id for item in session.agenda):
        raise CouncilError(_("Hồ sơ đã có trong chương trình phiên họp."))
    if missing := missing_sheet(dossier):
        raise CouncilError(missing + " " + _("Không thể đưa hồ sơ vào chương trình phiên họp."))
    written.check_written_agenda(session, dossier)
    lead = load_rulebook(session.council.round.rulebook_code).council.dossier_lead_working_days
    session_day = local_date(session.starts_at)
    if working_days_between(local_today(), session_day) < lead:
        raise CouncilError(
            _("Hồ sơ phải đến thành viên ít nhất %(n)d ngày làm việc trước phiên họp.", n=lead)
        )
    item = AgendaItem(dossier=dossier, position=len(session.agenda) + 1, added_at=utcnow())
    session.agenda.append(item)
    db.session.flush()
    audit.record("session.agenda_added", session, actor=actor, after={"dossier_id": dossier.id})
    notify(
        [m.user for m in session.council.members],
        _l("Hồ sơ mới trong chương trình phiên họp"),
        _l("Một hồ sơ OCOP đã được đưa vào chương trình phiên họp của hội đồng."),
        absolute_url("councils.session", session_id=session.id),
    )
    return item


def local_date(moment: datetime) -> date:
    from flask_babel import to_user_timezone

    return to_user_timezone(moment).date()


def require_session_state(session: CouncilSession, allowed: set[SessionState]) -> None:
    if session.state not in allowed:
        raise CouncilError(
            _(
                "Phiên họp đang ở trạng thái “%(state)s”, không thể thực hiện thao tác này.",
                state=session.state.label,
            )
        )


def record_attendance(session: CouncilSession, present_member_ids: set[int], actor: User) -> None:
    require_session_state(session, {SessionState.PLANNED, SessionState.OPEN})
    written.check_meeting_allowed(session)
    for member in session.council.members:
        row = next((a for a in session.attendance if a.member_id == member.id), None)
        if row is None:
            row = Attendance(member_id=member.id, present=False)
            session.attendance.append(row)
        row.present, row.recorded_by_id, row.recorded_at = (
            member.id in present_member_ids,
            actor.id,
            utcnow(),
        )
    audit.record(
        "session.attendance", session, actor=actor, after={"present": sorted(present_member_ids)}
    )


def open_session(session: CouncilSession, actor: User) -> None:
    require_session_state(session, {SessionState.PLANNED})
    if not session.agenda:
        raise CouncilError(_("Phiên họp chưa có hồ sơ nào trong chương trình."))
    written.check_meeting_allowed(session)
    session.state, session.opened_at = SessionState.OPEN, utcnow()
    audit.record("session.opened", session, actor=actor)
    notify(
        [m.user for m in session.council.scoring_members()],
        _l("Phiên họp hội đồng OCOP đã bắt đầu"),
        _l("Phiên họp đã mở; thành viên khai báo xung đột lợi ích rồi chấm điểm từng hồ sơ."),
        absolute_url("councils.session", session_id=session.id),
    )


def lock_session(session: CouncilSession, *, exclusive: bool = False) -> CouncilSession:
    """Re-read the session row under a lock (PostgreSQL; SQLite serialises writers anyway):
    FOR SHARE while a sheet is saved, FOR UPDATE while the session closes."""
    query = select(CouncilSession).where(CouncilSession.id == session.id)
    query = query.with_for_update() if exclusive else query.with_for_update(read=True)
    return db.session.scalars(query.execution_options(populate_existing=True)).one()


def set_remote_window(
    session: CouncilSession, opens_at: datetime, closes_at: datetime, actor: User
) -> None:
    """Let members score before the meeting (they must still be marked present); in a written
    session, the time members give their written opinions (no one is marked present)."""
    require_session_state(session, {SessionState.PLANNED, SessionState.OPEN})
    if closes_at <= opens_at:
        raise CouncilError(_("Thời điểm kết thúc phải sau thời điểm bắt đầu."), field="closes_at")
    if closes_at <= utcnow():
        raise CouncilError(_("Thời gian chấm từ xa đã qua."), field="closes_at")
    session.remote_opens_at, session.remote_closes_at = opens_at, closes_at
    audit.record(
        "session.remote_window",
        session,
        actor=actor,
        after={"opens_at": opens_at.isoformat(), "closes_at": closes_at.isoformat()},
    )
    notify(
        [m.user for m in session.council.scoring_members()],
        _l("Hội đồng mở chấm điểm từ xa"),
        _l("Thư ký hội đồng đã mở thời gian chấm điểm từ xa cho phiên họp."),
        absolute_url("councils.session", session_id=session.id),
    )


def check_closable(session: CouncilSession) -> None:
    # A written session without a meeting is closed from where it stands (it never opens).
    written_only = session.is_written and not session.convened_items
    require_session_state(
        session, {SessionState.OPEN, SessionState.PLANNED} if written_only else {SessionState.OPEN}
    )
    written.check_closable(session)


def close_session(session: CouncilSession, actor: User) -> None:
    """Waits for saves in flight (they hold the row FOR SHARE); later saves see it closed."""
    session = lock_session(session, exclusive=True)
    check_closable(session)
    session.state, session.closed_at = SessionState.CLOSED, utcnow()
    audit.record("session.closed", session, actor=actor)


def declare(
    item: AgendaItem, member: CouncilMember, has_conflict: bool, reason: str, actor: User
) -> None:
    """Once given, a declaration stands (a conflict can still be declared later, never withdrawn)."""
    if not member.position.scores:
        raise CouncilError(_("Chỉ thành viên chấm điểm mới khai báo xung đột lợi ích."))
    if has_conflict and not reason.strip():
        raise CouncilError(_("Vui lòng ghi rõ lý do xung đột lợi ích."), field="reason")
    existing = item.declaration_of(member)
    if existing is not None and (existing.has_conflict or not has_conflict):
        raise CouncilError(_("Bạn đã khai báo cho hồ sơ này."))
    if existing is None:
        existing = ConflictDeclaration(member=member)
        item.declarations.append(existing)
    existing.has_conflict, existing.reason, existing.declared_at = (
        has_conflict,
        reason.strip(),
        utcnow(),
    )
    db.session.flush()
    audit.record(
        "session.conflict_declared",
        item.session,
        actor=actor,
        after={"dossier_id": item.dossier_id, "member": member.number, "conflict": has_conflict},
    )


def proposed_conflicts(item: AgendaItem, member: CouncilMember) -> list[str]:
    """Obvious conflicts the system can see, to put to the member before they declare."""
    dossier, user = item.dossier, member.user
    reasons = []
    if user.organisation_id is not None and user.organisation_id == dossier.organisation_id:
        reasons.append(_("Bạn thuộc tổ chức nộp hồ sơ này."))
    named = {dossier.organisation.representative_name, dossier.declaration_name}
    if user.full_name.strip().casefold() in {(n or "").strip().casefold() for n in named}:
        reasons.append(_("Tên của bạn có trong hồ sơ (người đại diện hoặc người cam đoan)."))
    return reasons


@dataclass(frozen=True)
class Quorum:
    """Who counts for one dossier: the scoring members without a declared conflict."""

    members: int
    present: int
    chair_present: bool
    acting_chair: CouncilMember | None
    met: bool


def quorum_for(item: AgendaItem) -> Quorum:
    """A conflicted member does not count; who acts as chair is `seats.acting_chair`."""
    session = item.session
    conflicted = seats.conflicted_ids(item)
    eligible = [m for m in session.council.scoring_members() if m.id not in conflicted]
    present = [m for m in eligible if item.takes_part(m)]
    acting = seats.acting_chair(item)
    rules = load_rulebook(session.council.round.rulebook_code).council
    met = quorum_met(rules, len(eligible), len(present), acting is not None)
    return Quorum(len(eligible), len(present), acting is not None, acting, met)
