"""Who may do what with a council, its sessions and the dossiers on their agendas (the seat
questions themselves are `councils.seats`)."""

from __future__ import annotations

from sqlalchemy import select

from evalapp.councils import seats
from evalapp.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    SessionState,
)
from evalapp.councils.seats import can_manage_council
from evalapp.councils.written import awaits_opinions
from evalapp.dossiers.permissions import council_member_may_open
from evalapp.extensions import db

__all__ = ["can_manage_council"]


def can_view_session(user, session: CouncilSession) -> bool:
    return (
        can_manage_council(user, session.council)
        or seats.seat_of(user, session.council) is not None
    )


def can_declare(user, item: AgendaItem) -> bool:
    return seats.scoring_seat(user, item) is not None and item.session.state in {
        SessionState.PLANNED,
        SessionState.OPEN,
    }


def can_write_advisory_notes(user, item: AgendaItem) -> bool:
    """The council's advisory group, before and during the session (never once it is closed)."""
    return seats.advisory_seat(user, item) is not None and item.session.state in {
        SessionState.PLANNED,
        SessionState.OPEN,
    }


def can_open_agenda_dossier(user, item: AgendaItem) -> bool:
    """Scoring members only after declaring no conflict; the advisory group to prepare it."""
    member = seats.seat_of(user, item.session.council)
    if member is None:
        return False
    return seats.is_cleared(member, item) if member.position.scores else True


@council_member_may_open.answer
def may_open_dossier(user, dossier_id: int) -> bool:
    """For the dossier pages: is this user a council member cleared for this dossier?"""
    query = (
        select(AgendaItem)
        .join(AgendaItem.session)
        .join(CouncilSession.council)
        .join(CouncilMember, CouncilMember.council_id == Council.id)
        .where(AgendaItem.dossier_id == dossier_id, CouncilMember.user_id == user.id)
    )
    return any(can_open_agenda_dossier(user, item) for item in db.session.scalars(query))


def can_ask_for_meeting(user, item: AgendaItem) -> bool:
    """A scoring member not conflicted on a dossier decided in writing, who has not asked yet."""
    member = seats.scoring_seat(user, item)
    return (
        member is not None
        and awaits_opinions(item)
        and not seats.is_conflicted(user, item)
        and not any(r.member_id == member.id for r in item.meeting_requests)
    )
