"""Who may see and do what with score sheets and the session dashboard (the seat questions are
`councils.seats`)."""

from __future__ import annotations

from evalapp.councils import seats
from evalapp.councils.models import (
    AgendaItem,
    CouncilSession,
)


def can_score(user, item: AgendaItem) -> bool:
    """A scoring member who declared no conflict for this dossier. Whether the sheet can still
    change (session open, present, not signed) is the services' business and is explained."""
    return seats.cleared_seat(user, item) is not None


def can_view_dashboard(user, session: CouncilSession) -> bool:
    """Who has signed, never what they gave: the council's secretariat."""
    return seats.can_manage_council(user, session.council)
