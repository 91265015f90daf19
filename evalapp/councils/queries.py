"""Reads of councils and their sessions."""

from datetime import UTC, date, datetime, time, timedelta

from flask_babel import to_utc
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.auth.models import Role, RoleGrant, User
from evalapp.councils.models import AgendaItem, Council, CouncilMember, CouncilSession
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound

# Who may sit on a council: its members and advisory group, and the secretariat keeping the record.
COUNCIL_ROLES = (Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER, Role.SECRETARY)


def councils_of_unit(unit_id: int) -> list[Council]:
    query = (
        select(Council)
        .join(Council.round)
        .where(EvaluationRound.unit_id == unit_id)
        .options(selectinload(Council.round), selectinload(Council.members))
        .order_by(Council.decision_date.desc())
    )
    return list(db.session.scalars(query))


def week_of(today: date) -> tuple[datetime, datetime]:
    """The local week (Monday to Sunday) holding `today`, as UTC bounds [start, end)."""
    monday = today - timedelta(days=today.weekday())
    start = datetime.combine(monday, time())
    end = start + timedelta(days=7)
    return to_utc(start).replace(tzinfo=UTC), to_utc(end).replace(tzinfo=UTC)


def sessions_of_member(user_id: int, week: date | None = None) -> list[CouncilSession]:
    """The member's sessions, latest first; with `week`, only those starting in that day's
    local week, earliest first (the home page's "this week")."""
    query = (
        select(CouncilSession)
        .join(CouncilSession.council)
        .join(CouncilMember, CouncilMember.council_id == Council.id)
        .where(CouncilMember.user_id == user_id)
        .options(selectinload(CouncilSession.council))
        .order_by(CouncilSession.starts_at.desc())
    )
    if week is not None:
        start, end = week_of(week)
        query = query.where(CouncilSession.starts_at >= start, CouncilSession.starts_at < end)
        query = query.order_by(None).order_by(CouncilSession.starts_at)
    return list(db.session.scalars(query))


def sessions_of_unit_in_week(unit_id: int, today: date) -> list[CouncilSession]:
    """The sessions of the unit's councils starting in `today`'s local week, earliest first."""
    start, end = week_of(today)
    query = (
        select(CouncilSession)
        .join(CouncilSession.council)
        .join(Council.round)
        .where(
            EvaluationRound.unit_id == unit_id,
            CouncilSession.starts_at >= start,
            CouncilSession.starts_at < end,
        )
        .options(selectinload(CouncilSession.council))
        .order_by(CouncilSession.starts_at)
    )
    return list(db.session.scalars(query))


def agenda_candidates(session: CouncilSession) -> list[Dossier]:
    """Accepted dossiers of the round not yet on this session's agenda."""
    on_agenda = select(AgendaItem.dossier_id).where(AgendaItem.session_id == session.id)
    query = (
        select(Dossier)
        .where(
            Dossier.round_id == session.council.round_id,
            Dossier.state == DossierState.ACCEPTED,
            Dossier.id.not_in(on_agenda),
        )
        .options(selectinload(Dossier.product), selectinload(Dossier.organisation))
    )
    return list(db.session.scalars(query))


def rounds_without_council(unit_id: int) -> list[EvaluationRound]:
    """The unit's rounds that have no council yet, newest first."""
    has_council = select(Council.round_id)
    query = (
        select(EvaluationRound)
        .where(EvaluationRound.unit_id == unit_id, EvaluationRound.id.not_in(has_council))
        .order_by(EvaluationRound.year.desc(), EvaluationRound.id.desc())
    )
    return list(db.session.scalars(query))


def seatable_users(council: Council) -> list[User]:
    """Active staff of the council's unit holding a council role, not yet seated."""
    seated = select(CouncilMember.user_id).where(CouncilMember.council_id == council.id)
    query = (
        select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(
            User.unit_id == council.round.unit_id,
            User.is_active.is_(True),
            RoleGrant.role.in_(COUNCIL_ROLES),
            User.id.not_in(seated),
        )
        .distinct()
        .order_by(User.full_name)
    )
    return list(db.session.scalars(query))


def session_with_agenda(session_id: int) -> CouncilSession | None:
    """A session with what its page shows: seats, attendance, agenda dossiers, declarations."""
    query = (
        select(CouncilSession)
        .where(CouncilSession.id == session_id)
        .options(
            selectinload(CouncilSession.council)
            .selectinload(Council.members)
            .selectinload(CouncilMember.user),
            selectinload(CouncilSession.attendance),
            selectinload(CouncilSession.agenda).selectinload(AgendaItem.declarations),
            selectinload(CouncilSession.agenda)
            .selectinload(AgendaItem.dossier)
            .selectinload(Dossier.product),
            selectinload(CouncilSession.agenda)
            .selectinload(AgendaItem.dossier)
            .selectinload(Dossier.organisation),
        )
    )
    return db.session.scalars(query).first()
