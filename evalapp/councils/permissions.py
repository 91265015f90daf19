"""Who may do what with a council, its sessions and the dossiers on their agendas."""

from __future__ import annotations

from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.councils.models import (
    AgendaItem,
    ConflictDeclaration,
    Council,
    CouncilMember,
    CouncilSession,
    SessionState,
)
from evalapp.extensions import db


def can_manage_council(user, council: Council) -> bool:
    """The secretariat of the unit that runs the council's round."""
    return user.has_role(Role.SECRETARY) and user.unit_id == council.round.unit_id


def can_view_session(user, session: CouncilSession) -> bool:
    return can_manage_council(user, session.council) or session.council.member_for(user) is not None


def can_declare(user, item: AgendaItem) -> bool:
    member = item.session.council.member_for(user)
    return (
        member is not None
        and member.position.scores
        and item.session.state in {SessionState.PLANNED, SessionState.OPEN}
    )


def can_open_agenda_dossier(user, item: AgendaItem) -> bool:
    """Scoring members only after declaring no conflict; the advisory group to prepare it."""
    member = item.session.council.member_for(user)
    if member is None:
        return False
    if member.position.scores:
        declaration = item.declaration_of(member)
        return declaration is not None and not declaration.has_conflict
    return True


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


def is_conflicted(user, item: AgendaItem) -> bool:
    member = item.session.council.member_for(user)
    declaration = item.declaration_of(member) if member else None
    return isinstance(declaration, ConflictDeclaration) and declaration.has_conflict
