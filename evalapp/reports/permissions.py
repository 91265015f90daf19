"""Who may print a session's documents and draft, read or issue a round's result decision:
the secretariat of the unit that runs the round, and (read only) the chair of its council when
the chair is conflicted on none of the dossiers in it (`seats.sees_whole_record`)."""

from __future__ import annotations

from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.councils import seats
from evalapp.councils.models import Council, CouncilSession
from evalapp.extensions import db
from evalapp.results.models import ResultDecision
from evalapp.rounds.models import EvaluationRound


def can_view_session_documents(user, session: CouncilSession) -> bool:
    return seats.sees_session_record(user, session)


def can_manage_decisions(user, round_: EvaluationRound) -> bool:
    """Draft, edit and issue: the secretariat of the round's unit."""
    return user.has_role(Role.SECRETARY) and user.unit_id == round_.unit_id


def can_view_decisions(user, round_: EvaluationRound) -> bool:
    if can_manage_decisions(user, round_):
        return True
    council = db.session.scalar(select(Council).where(Council.round_id == round_.id))
    if council is None:
        return False
    items = [item for session in council.sessions for item in session.agenda]
    return seats.sees_whole_record(user, council, items)


def can_edit_decision(user, decision: ResultDecision) -> bool:
    return can_manage_decisions(user, decision.round) and not decision.is_issued
