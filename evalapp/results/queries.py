"""Reads for the result pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.councils import seats
from evalapp.councils.models import (
    AgendaItem,
    Council,
    CouncilMember,
    CouncilSession,
    SessionState,
)
from evalapp.councils.seats import LEADING_POSITIONS
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.results.models import FinalResult, Forwarding, ResultState


def current_result_of_dossier(dossier_id: int) -> FinalResult | None:
    """The dossier's finalised result in force (reopened ones stay only for the record)."""
    return db.session.scalars(
        select(FinalResult)
        .where(FinalResult.dossier_id == dossier_id, FinalResult.state == ResultState.FINALISED)
        .order_by(FinalResult.id.desc())
    ).first()


def results_of_item(item_id: int) -> list[FinalResult]:
    """Every result finalised for an agenda item, reopened ones included (the record)."""
    return list(
        db.session.scalars(
            select(FinalResult).where(FinalResult.item_id == item_id).order_by(FinalResult.id)
        )
    )


def current_results_of_session(session_id: int) -> dict[int, FinalResult]:
    """Agenda item id → its finalised result in force, for one session."""
    rows = db.session.scalars(
        select(FinalResult)
        .join(AgendaItem, AgendaItem.id == FinalResult.item_id)
        .where(AgendaItem.session_id == session_id, FinalResult.state == ResultState.FINALISED)
        .order_by(FinalResult.id)
    )
    return {result.item_id: result for result in rows}


def forwarded_result_ids(result_ids: list[int]) -> set[int]:
    if not result_ids:
        return set()
    return set(
        db.session.scalars(select(Forwarding.result_id).where(Forwarding.result_id.in_(result_ids)))
    )


def agenda_of_session(session_id: int) -> list[AgendaItem]:
    """A session's agenda in order, each dossier with its product (one query each, not per row)."""
    return list(
        db.session.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position)
            .options(selectinload(AgendaItem.dossier).selectinload(Dossier.product))
        )
    )


def forwarding_origins(dossiers) -> dict:
    """For the intake queue: dossier id → the `Forwarding` that proposed it from the level below
    (its unit, the frozen score and class, the origin result), in one query."""
    ids = [dossier.id for dossier in dossiers]
    if not ids:
        return {}
    rows = db.session.scalars(
        select(Forwarding)
        .where(Forwarding.dossier_id.in_(ids))
        .options(
            selectinload(Forwarding.from_unit),
            selectinload(Forwarding.result).load_only(
                FinalResult.id, FinalResult.item_id, FinalResult.score, FinalResult.stars
            ),
        )
    )
    return {forwarding.dossier_id: forwarding for forwarding in rows}


def results_to_finalise(user) -> list[AgendaItem]:
    """The dossiers whose result `user` finalises, as the chair acting for them
    (`seats.is_acting_chair`): the session closed and no result finalised yet (the dossier still
    accepted). Whether each can be finalised now (every sheet signed, the spread) is the
    service's to explain on the result page. A fixed number of queries."""
    query = (
        select(AgendaItem)
        .join(AgendaItem.session)
        .join(CouncilMember, CouncilMember.council_id == CouncilSession.council_id)
        .join(AgendaItem.dossier)
        .where(
            CouncilMember.user_id == user.id,
            CouncilMember.position.in_(LEADING_POSITIONS),
            CouncilSession.state == SessionState.CLOSED,
            Dossier.state == DossierState.ACCEPTED,
        )
        .options(
            selectinload(AgendaItem.declarations),
            selectinload(AgendaItem.dossier).selectinload(Dossier.product),
            selectinload(AgendaItem.session).selectinload(CouncilSession.attendance),
            selectinload(AgendaItem.session)
            .selectinload(CouncilSession.council)
            .selectinload(Council.members),
        )
        .order_by(CouncilSession.starts_at, AgendaItem.position)
    )
    return [item for item in db.session.scalars(query) if seats.is_acting_chair(user, item)]
