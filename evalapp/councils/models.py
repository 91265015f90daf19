"""Evaluation councils (Hội đồng đánh giá, phân hạng sản phẩm OCOP), their sessions, attendance and
conflict-of-interest declarations."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, object_session, relationship

from evalapp.auth.models import User
from evalapp.common.columns import enum_column
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound


class Position(enum.StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    SECRETARY = "secretary"
    ADVISORY = "advisory"

    @property
    def label(self) -> str:
        return str(POSITION_LABELS[self])

    @property
    def scores(self) -> bool:
        return self in SCORING_POSITIONS


POSITION_LABELS = {
    Position.CHAIR: _l("Chủ tịch hội đồng"),
    Position.VICE_CHAIR: _l("Phó Chủ tịch hội đồng"),
    Position.MEMBER: _l("Thành viên"),
    Position.SECRETARY: _l("Thư ký hội đồng"),
    Position.ADVISORY: _l("Tổ tư vấn"),
}
# The secretary keeps the record and the advisory group prepares the dossiers; neither scores.
SCORING_POSITIONS = frozenset({Position.CHAIR, Position.VICE_CHAIR, Position.MEMBER})


class Council(db.Model):
    __tablename__ = "councils"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_rounds.id"), unique=True)
    name: Mapped[str] = mapped_column(String(255))
    decision_number: Mapped[str] = mapped_column(String(60))
    decision_date: Mapped[date]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)

    round: Mapped[EvaluationRound] = relationship()
    members: Mapped[list[CouncilMember]] = relationship(
        back_populates="council", order_by="CouncilMember.number", cascade="all, delete-orphan"
    )
    sessions: Mapped[list[CouncilSession]] = relationship(
        back_populates="council", order_by="CouncilSession.starts_at"
    )

    def scoring_members(self) -> list[CouncilMember]:
        return [member for member in self.members if member.position.scores]

    def member_for(self, user) -> CouncilMember | None:
        return next((m for m in self.members if m.user_id == getattr(user, "id", None)), None)


class CouncilMember(db.Model):
    """A seat on a council. `number` is the member's number in minutes that hide names."""

    __tablename__ = "council_members"
    __table_args__ = (
        UniqueConstraint("council_id", "user_id"),
        UniqueConstraint("council_id", "number"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    position: Mapped[Position] = mapped_column(enum_column(Position, 20))
    number: Mapped[int]

    council: Mapped[Council] = relationship(back_populates="members")
    # Selectin: a seat is shown with its holder, so the holders of a council's seats (and their
    # roles) load in one query each rather than one per seat.
    user: Mapped[User] = relationship(lazy="selectin")


class SessionState(enum.StrEnum):
    PLANNED = "planned"
    OPEN = "open"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return str(SESSION_STATE_LABELS[self])


SESSION_STATE_LABELS = {
    SessionState.PLANNED: _l("Chưa họp"),
    SessionState.OPEN: _l("Đang họp, đang chấm điểm"),
    SessionState.CLOSED: _l("Đã kết thúc"),
}


class SessionMode(enum.StrEnum):
    """How the council evaluates the session's dossiers: in a meeting, or by written opinions
    (hình thức lấy ý kiến bằng văn bản, 26/2026 Điều 7.6.d and 7.6.e, for re-evaluations)."""

    MEETING = "meeting"
    WRITTEN = "written"

    @property
    def label(self) -> str:
        return str(SESSION_MODE_LABELS[self])


SESSION_MODE_LABELS = {
    SessionMode.MEETING: _l("Họp trực tiếp"),
    SessionMode.WRITTEN: _l("Lấy ý kiến bằng văn bản"),
}


class CouncilSession(db.Model):
    """A meeting (phiên họp) of the council with its agenda of accepted dossiers, or, in the
    written mode, a round of written opinions that becomes a meeting only for the dossiers the
    chair convenes one for (`AgendaItem.convened_at`)."""

    __tablename__ = "council_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    title: Mapped[str] = mapped_column(String(255))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    place: Mapped[str] = mapped_column(String(255), default="")
    is_online: Mapped[bool] = mapped_column(default=False)
    state: Mapped[SessionState] = mapped_column(
        enum_column(SessionState, 16), default=SessionState.PLANNED
    )
    opened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Members may also score before the meeting, inside this window set by the secretary.
    remote_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    remote_closes_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    mode: Mapped[SessionMode] = mapped_column(
        enum_column(SessionMode, 16), default=SessionMode.MEETING
    )

    council: Mapped[Council] = relationship(back_populates="sessions")
    agenda: Mapped[list[AgendaItem]] = relationship(
        back_populates="session", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="session", cascade="all, delete-orphan"
    )

    def accepts_scores(self, now: datetime) -> bool:
        """Open, or inside its remote scoring window (never once closed)."""
        if self.state is SessionState.OPEN:
            return True
        window = self.remote_opens_at, self.remote_closes_at
        return (
            self.state is SessionState.PLANNED
            and None not in window
            and window[0] <= now < window[1]
        )

    def is_present(self, member: CouncilMember) -> bool:
        """Asked for every seat of every dossier when a list of 150 dossiers applies the seat
        rules: the present seats are read once per loaded attendance and kept on the instance
        until the attendance changes (`_forget_presence`)."""
        present = self.__dict__.get(_PRESENT)
        if present is None:
            present = frozenset(a.member_id for a in self.attendance if a.present)
            self.__dict__[_PRESENT] = present
        return member.id in present

    @property
    def is_written(self) -> bool:
        return self.mode is SessionMode.WRITTEN

    @property
    def convened_items(self) -> list[AgendaItem]:
        return [item for item in self.agenda if item.convened_at is not None]


class AgendaItem(db.Model):
    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("session_id", "dossier_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int]
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Raised by the chair when members' totals differ by more than the rulebook allows.
    scoring_round: Mapped[int] = mapped_column(default=1)
    # Written mode: when the chair convened a meeting for this dossier (Điều 7.6.d: "chỉ tổ chức
    # họp trực tiếp khi có nhiều ý kiến đánh giá khác nhau hoặc có nội dung phức tạp").
    # Who convened it is in the audit trail ("session.meeting_convened").
    convened_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    session: Mapped[CouncilSession] = relationship(back_populates="agenda")
    dossier: Mapped[Dossier] = relationship()
    declarations: Mapped[list[ConflictDeclaration]] = relationship(
        back_populates="item", cascade="all, delete-orphan"
    )
    meeting_requests: Mapped[list[MeetingRequest]] = relationship(
        back_populates="item", order_by="MeetingRequest.requested_at", cascade="all, delete-orphan"
    )

    def declaration_of(self, member: CouncilMember) -> ConflictDeclaration | None:
        return next((d for d in self.declarations if d.member_id == member.id), None)

    @property
    def in_writing(self) -> bool:
        """Decided by written opinions: a written session's dossier no meeting was convened for."""
        return self.session.is_written and self.convened_at is None

    def takes_part(self, member: CouncilMember) -> bool:
        """Present at the meeting, or, for a dossier decided in writing, simply seated."""
        return self.in_writing or self.session.is_present(member)


class Attendance(db.Model):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    present: Mapped[bool]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    session: Mapped[CouncilSession] = relationship(back_populates="attendance")


_PRESENT = "_present_member_ids"


def _forget_presence(session: CouncilSession | None) -> None:
    if session is not None:
        session.__dict__.pop(_PRESENT, None)


@event.listens_for(CouncilSession.attendance, "append")
@event.listens_for(CouncilSession.attendance, "remove")
@event.listens_for(CouncilSession.attendance, "bulk_replace")
def _attendance_list_changed(session: CouncilSession, *_) -> None:
    _forget_presence(session)


@event.listens_for(CouncilSession, "expire")
@event.listens_for(CouncilSession, "refresh")
def _session_reloaded(session: CouncilSession, *_) -> None:
    _forget_presence(session)


@event.listens_for(Attendance.present, "set")
@event.listens_for(Attendance.member_id, "set")
def _attendance_row_changed(row: Attendance, *_) -> None:
    """A row changed in place: its session, whether or not the row holds it loaded."""
    _forget_presence(row.__dict__.get("session"))
    database = object_session(row)
    if database is not None:
        for instance in list(database.identity_map.values()):
            if isinstance(instance, CouncilSession):
                _forget_presence(instance)


class ConflictDeclaration(db.Model):
    """A member's word, before opening a dossier, that they have (or have no) conflict of interest."""

    __tablename__ = "conflict_declarations"
    __table_args__ = (UniqueConstraint("item_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    has_conflict: Mapped[bool]
    reason: Mapped[str] = mapped_column(Text, default="")
    declared_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[AgendaItem] = relationship(back_populates="declarations")
    member: Mapped[CouncilMember] = relationship()


class MeetingRequest(db.Model):
    """A member's request, in the written mode, that the council meet on a dossier (26/2026
    Điều 7.6.d: "có nội dung phức tạp cần thảo luận"), with the reason."""

    __tablename__ = "meeting_requests"
    __table_args__ = (UniqueConstraint("item_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    reason: Mapped[str] = mapped_column(Text)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    item: Mapped[AgendaItem] = relationship(back_populates="meeting_requests")
    member: Mapped[CouncilMember] = relationship()
