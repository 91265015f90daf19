"""Who may see and do what with score sheets and the session dashboard (the seat questions are
`councils.seats`)."""

from __future__ import annotations

from evalapp.councils import seats
from evalapp.councils.models import (
    AgendaItem,
    CouncilMember,
    CouncilSession,
    Position,
    SessionState,
)


def can_score(user, item: AgendaItem) -> bool:
    """A scoring member who declared no conflict for this dossier. Whether the sheet can still
    change (session open, present, not signed) is the services' business and is explained."""
    return seats.cleared_seat(user, item) is not None


def advisory_member(user, item: AgendaItem) -> CouncilMember | None:
    """The user's advisory group seat on the council of `item` (None for anyone else)."""
    member = seats.seat_of(user, item.session.council)
    return member if member is not None and member.position is Position.ADVISORY else None


def can_write_advisory_notes(user, item: AgendaItem) -> bool:
    """The council's advisory group, before and during the session (never once it is closed)."""
    return advisory_member(user, item) is not None and item.session.state in {
        SessionState.PLANNED,
        SessionState.OPEN,
    }


def can_view_dashboard(user, session: CouncilSession) -> bool:
    """Who has signed, never what they gave: the council's secretariat."""
    return seats.can_manage_council(user, session.council)
