"""Who may print a session's documents and draft, read or issue a round's result decision:
the secretariat of the unit that runs the round, and (read only) the chair of its council."""

from __future__ import annotations

from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.councils.models import Council, CouncilSession, Position
from evalapp.councils.permissions import can_manage_council
from evalapp.extensions import db
from evalapp.results.models import ResultDecision
from evalapp.rounds.models import EvaluationRound


def chairs(user, council: Council | None) -> bool:
    member = council.member_for(user) if council is not None else None
    return member is not None and member.position is Position.CHAIR


def can_view_session_documents(user, session: CouncilSession) -> bool:
    return can_manage_council(user, session.council) or chairs(user, session.council)


def can_manage_decisions(user, round_: EvaluationRound) -> bool:
    """Draft, edit and issue: the secretariat of the round's unit."""
    return user.has_role(Role.SECRETARY) and user.unit_id == round_.unit_id


def can_view_decisions(user, round_: EvaluationRound) -> bool:
    council = db.session.scalar(select(Council).where(Council.round_id == round_.id))
    return can_manage_decisions(user, round_) or chairs(user, council)


def can_edit_decision(user, decision: ResultDecision) -> bool:
    return can_manage_decisions(user, decision.round) and not decision.is_issued
