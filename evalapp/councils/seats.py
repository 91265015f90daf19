"""The council seat policy: who holds a seat, who is cleared for a dossier, who acts as chair for
it, and who may read whose figures. Every feature asks these questions here, never on its own.

The independence rule (DESIGN §3): members score alone and see only their own sheet; the
secretariat sees who has signed, never what they gave, until the session is closed; the chair
acting for a dossier reads its aggregate; a conflicted person reads nothing of that dossier,
not on a page, not in the minutes; ordinary members see a finalised result only when the
rulebook lets them (`council.members_see_result`).
"""

from __future__ import annotations

from collections.abc import Iterable

from evalapp.auth.models import Role
from evalapp.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    Position,
)
from evalapp.rules import load_rulebook

LEADING_POSITIONS = frozenset({Position.CHAIR, Position.VICE_CHAIR})


# --- seats ---------------------------------------------------------------------------------------


def can_manage_council(user, council: Council) -> bool:
    """The secretariat of the unit that runs the council's round."""
    return user.has_role(Role.SECRETARY) and user.unit_id == council.round.unit_id


def seat_of(user, council: Council | None) -> CouncilMember | None:
    return council.member_for(user) if council is not None else None


def scoring_seat(user, item: AgendaItem) -> CouncilMember | None:
    """The user's scoring seat on the council of `item` (None for the secretary, advisers, others)."""
    member = seat_of(user, item.session.council)
    return member if member is not None and member.position.scores else None


def advisory_seat(user, item: AgendaItem) -> CouncilMember | None:
    """The user's advisory group seat on the council of `item` (None for anyone else)."""
    member = seat_of(user, item.session.council)
    return member if member is not None and member.position is Position.ADVISORY else None


def chair_of(council: Council) -> CouncilMember | None:
    return next((m for m in council.members if m.position is Position.CHAIR), None)


def is_chair(user, council: Council | None) -> bool:
    """Holds the chair's seat (whether or not they act for a given dossier)."""
    member = seat_of(user, council)
    return member is not None and member.position is Position.CHAIR


def leads_council(user, council: Council) -> bool:
    """The chair or a vice-chair: the two seats that may act as chair."""
    member = seat_of(user, council)
    return member is not None and member.position in LEADING_POSITIONS


# --- conflicts -----------------------------------------------------------------------------------


def is_cleared(member: CouncilMember | None, item: AgendaItem) -> bool:
    """The member declared no conflict for this dossier (no declaration is not a clearance)."""
    declaration = item.declaration_of(member) if member is not None else None
    return declaration is not None and not declaration.has_conflict


def cleared_seat(user, item: AgendaItem) -> CouncilMember | None:
    """The user's scoring seat when they declared no conflict for this dossier."""
    member = scoring_seat(user, item)
    return member if is_cleared(member, item) else None


def is_conflicted(user, item: AgendaItem) -> bool:
    member = seat_of(user, item.session.council)
    declaration = item.declaration_of(member) if member is not None else None
    return declaration is not None and declaration.has_conflict


def conflicted_ids(item: AgendaItem) -> set[int]:
    return {d.member_id for d in item.declarations if d.has_conflict}


# --- the acting chair ----------------------------------------------------------------------------


def acting_chair(item: AgendaItem) -> CouncilMember | None:
    """Who chairs the council for this dossier: the chair when present and not conflicted; when
    the chair declared a conflict, the first present, non-conflicted vice-chair; nobody when the
    chair is simply absent (the quorum then says "vắng Chủ tịch")."""
    session = item.session
    conflicted = conflicted_ids(item)
    chair = chair_of(session.council)
    if chair is not None and chair.id in conflicted:
        return next(
            (
                m
                for m in session.council.scoring_members()
                if m.position is Position.VICE_CHAIR
                and m.id not in conflicted
                and item.takes_part(m)
            ),
            None,
        )
    return chair if chair is not None and item.takes_part(chair) else None


def is_acting_chair(user, item: AgendaItem) -> bool:
    acting = acting_chair(item)
    return acting is not None and acting.user_id == getattr(user, "id", None)


# --- who reads which figures ---------------------------------------------------------------------


def sees_aggregate(user, item: AgendaItem) -> bool:
    """The dossier's live figures and its sheets by member number: the council's secretariat and
    the chair acting for the dossier (a conflicted chair never acts, so sees none)."""
    return can_manage_council(user, item.session.council) or is_acting_chair(user, item)


def sees_result(user, item: AgendaItem, finalised: bool) -> bool:
    """The dossier's result: whoever `sees_aggregate`; a scoring member cleared for it only once
    finalised and when the rulebook lets members see the result."""
    if sees_aggregate(user, item):
        return True
    return finalised and members_see_result(item) and cleared_seat(user, item) is not None


def members_see_result(item: AgendaItem) -> bool:
    return load_rulebook(item.session.council.round.rulebook_code).council.members_see_result


def sees_whole_record(user, council: Council, items: Iterable[AgendaItem]) -> bool:
    """A document with the figures of every dossier in `items` (the minutes, the score table, the
    result decision): the secretariat; the chair only when conflicted on none of them. A copy
    with a dossier cut out would not be the record the chair signs, so a chair conflicted on
    one dossier reads none of it and the secretariat prints it."""
    if can_manage_council(user, council):
        return True
    return is_chair(user, council) and not any(is_conflicted(user, item) for item in items)


def sees_session_record(user, session: CouncilSession) -> bool:
    return sees_whole_record(user, session.council, session.agenda)


def sees_session_results(user, session: CouncilSession) -> bool:
    """The session's results page: the secretariat, and the chair and vice-chairs (each dossier's
    figures still follow `sees_result`: a conflicted chair sees no figure of that dossier)."""
    return can_manage_council(user, session.council) or leads_council(user, session.council)
