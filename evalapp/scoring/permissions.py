"""Who may see and do what with score sheets, results and the session dashboard."""

from __future__ import annotations

from evalapp.councils.models import (
    AgendaItem,
    CouncilMember,
    CouncilSession,
    Position,
    SessionState,
)
from evalapp.councils.permissions import can_manage_council
from evalapp.scoring.services import is_chair_for


def scoring_member(user, item: AgendaItem) -> CouncilMember | None:
    """The user's scoring seat on the council of `item` (None for the secretary, advisers, others)."""
    member = item.session.council.member_for(user)
    return member if member is not None and member.position.scores else None


def can_score(user, item: AgendaItem) -> bool:
    """A scoring member who declared no conflict for this dossier. Whether the sheet can still
    change (session open, present, not signed) is the services' business and is explained."""
    member = scoring_member(user, item)
    declaration = item.declaration_of(member) if member else None
    return declaration is not None and not declaration.has_conflict


def advisory_member(user, item: AgendaItem) -> CouncilMember | None:
    """The user's advisory group seat on the council of `item` (None for anyone else)."""
    member = item.session.council.member_for(user)
    return member if member is not None and member.position is Position.ADVISORY else None


def can_write_advisory_notes(user, item: AgendaItem) -> bool:
    """The council's advisory group, before and during the session (never once it is closed)."""
    return advisory_member(user, item) is not None and item.session.state in {
        SessionState.PLANNED,
        SessionState.OPEN,
    }


def can_view_result(user, item: AgendaItem) -> bool:
    """The secretariat of the council, or the chair acting for this dossier (a vice-chair when
    the chair declared a conflict): a conflicted chair sees no figure that includes the dossier."""
    return can_manage_council(user, item.session.council) or is_chair_for(item, user)


def can_view_dashboard(user, session: CouncilSession) -> bool:
    return can_manage_council(user, session.council)
