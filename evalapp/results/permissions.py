"""Who may see and do what with a dossier's result. Used by views and templates alike."""

from __future__ import annotations

from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.councils.models import AgendaItem, CouncilSession
from evalapp.councils.permissions import can_manage_council
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.results.models import FinalResult, Forwarding
from evalapp.rules import load_rulebook
from evalapp.scoring.permissions import scoring_member
from evalapp.scoring.services import is_chair_for


def can_view_result(user, item: AgendaItem, final: FinalResult | None) -> bool:
    """The council's secretariat and the chair acting for the dossier (a conflicted chair sees
    nothing); scoring members cleared for it only once finalised and when the rulebook lets
    members see the result; the secretariat the product was forwarded to, read-only."""
    if can_manage_council(user, item.session.council) or is_chair_for(item, user):
        return True
    if final is not None and is_member_allowed(user, item):
        return True
    return is_receiving_secretary(user, item)


def can_view_sheets(user, item: AgendaItem) -> bool:
    """The sheets by member number and the robustness note: never for ordinary members."""
    return (
        can_manage_council(user, item.session.council)
        or is_chair_for(item, user)
        or is_receiving_secretary(user, item)
    )


def is_member_allowed(user, item: AgendaItem) -> bool:
    member = scoring_member(user, item)
    declaration = item.declaration_of(member) if member else None
    if declaration is None or declaration.has_conflict:
        return False
    return load_rulebook(item.session.council.round.rulebook_code).council.members_see_result


def is_receiving_secretary(user, item: AgendaItem) -> bool:
    """The secretariat of the unit a result of this item was forwarded to."""
    if not user.has_role(Role.SECRETARY) or user.unit_id is None:
        return False
    return (
        db.session.scalar(
            select(Forwarding.id)
            .join(Forwarding.result)
            .where(FinalResult.item_id == item.id, Forwarding.to_unit_id == user.unit_id)
        )
        is not None
    )


def can_finalise(user, item: AgendaItem) -> bool:
    """The chair acting for the dossier; whether it can be finalised now is explained by the
    service (session closed, every sheet signed, spread within the limit)."""
    return is_chair_for(item, user)


def can_take_part_in_reopening(user, result: FinalResult) -> bool:
    """The two people of a reopening: the chair acting for the dossier and the secretariat."""
    return is_chair_for(result.item, user) or can_manage_council(user, result.item.session.council)


def can_forward(user, result: FinalResult) -> bool:
    """The secretariat of the round's unit."""
    return user.has_role(Role.SECRETARY) and user.unit_id == result.round.unit_id


def can_view_session_results(user, session: CouncilSession) -> bool:
    """The secretariat, and the chair of the council (each dossier's figures still follow
    `can_view_result`: a conflicted chair sees no figure of that dossier)."""
    if can_manage_council(user, session.council):
        return True
    member = session.council.member_for(user)
    return member is not None and member.position.value in {"chair", "vice_chair"}


def can_view_outcome(user, dossier: Dossier, result: FinalResult | None) -> bool:
    """The producer organisation's own users, once the result decision has published it."""
    return is_own_producer(user, dossier) and result is not None and result.is_published


def is_own_producer(user, dossier: Dossier) -> bool:
    return user.has_role(Role.PRODUCER) and user.organisation_id == dossier.organisation_id
