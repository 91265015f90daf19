from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.councils.models import AgendaItem, Council, CouncilMember, CouncilSession
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound


def councils_of_unit(unit_id: int) -> list[Council]:
    query = (
        select(Council)
        .join(Council.round)
        .where(EvaluationRound.unit_id == unit_id)
        .options(selectinload(Council.round), selectinload(Council.members))
        .order_by(Council.decision_date.desc())
    )
    return list(db.session.scalars(query))


def sessions_of_member(user_id: int) -> list[CouncilSession]:
    query = (
        select(CouncilSession)
        .join(CouncilSession.council)
        .join(CouncilMember, CouncilMember.council_id == Council.id)
        .where(CouncilMember.user_id == user_id)
        .options(selectinload(CouncilSession.council))
        .order_by(CouncilSession.starts_at.desc())
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
