"""Reads for the result pages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import load_only, selectinload

from evalapp.councils import seats
from evalapp.councils.models import (
    AgendaItem,
    ConflictDeclaration,
    Council,
    CouncilMember,
    CouncilSession,
    SessionState,
)
from evalapp.councils.seats import LEADING_POSITIONS
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.producers.models import Product
from evalapp.results.models import FinalResult, Forwarding, ResultState
from evalapp.scoring.models import ScoreSheet, SheetState


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
    """Agenda item id → its finalised result in force, for one session: the columns a list
    shows (the frozen statistics, classification and sheets stay in the database)."""
    rows = db.session.scalars(
        select(FinalResult)
        .join(AgendaItem, AgendaItem.id == FinalResult.item_id)
        .where(AgendaItem.session_id == session_id, FinalResult.state == ResultState.FINALISED)
        .order_by(FinalResult.id)
        .options(load_only(*LISTED_RESULT_COLUMNS))
    )
    return {result.item_id: result for result in rows}


LISTED_RESULT_COLUMNS = (
    FinalResult.id,
    FinalResult.item_id,
    FinalResult.dossier_id,
    FinalResult.state,
    FinalResult.score,
    FinalResult.stars,
    FinalResult.outcome,
    FinalResult.published_at,
)


@dataclass(frozen=True)
class SignedChoices:
    """A signed sheet as a list reads it: whose, in which scoring round, the choices."""

    member_id: int
    scoring_round: int
    choices: dict[str, str]
    is_signed: bool = True


def signed_choices(item_ids: list[int]) -> dict[int, list[SignedChoices]]:
    """Agenda item id → the signed sheets of its current scoring round, by member, in one query
    of plain rows (no ORM objects: a 150-dossier session has 1,350)."""
    found: dict[int, list[SignedChoices]] = {item_id: [] for item_id in item_ids}
    if not item_ids:
        return found
    rows = db.session.execute(
        select(
            ScoreSheet.item_id, ScoreSheet.member_id, ScoreSheet.scoring_round, ScoreSheet.choices
        )
        .join(AgendaItem, AgendaItem.id == ScoreSheet.item_id)
        .where(
            ScoreSheet.item_id.in_(item_ids),
            ScoreSheet.scoring_round == AgendaItem.scoring_round,
            ScoreSheet.state == SheetState.SIGNED,
        )
        .order_by(ScoreSheet.item_id, ScoreSheet.member_id)
    )
    for item_id, member_id, scoring_round, choices in rows:
        found[item_id].append(SignedChoices(member_id, scoring_round, choices))
    return found


def forwarded_result_ids(result_ids: list[int]) -> set[int]:
    if not result_ids:
        return set()
    return set(
        db.session.scalars(select(Forwarding.result_id).where(Forwarding.result_id.in_(result_ids)))
    )


def agenda_of_session(session_id: int) -> list[AgendaItem]:
    """A session's agenda in order, each dossier with its product (one query each, not per row);
    what a list never shows stays in the database."""
    dossier = selectinload(AgendaItem.dossier)
    return list(
        db.session.scalars(
            select(AgendaItem)
            .where(AgendaItem.session_id == session_id)
            .order_by(AgendaItem.position)
            .options(
                dossier.defer(Dossier.self_assessment),
                dossier.selectinload(Dossier.product).defer(Product.description),
            )
        )
    )


def load_declarations(items: list[AgendaItem]) -> None:
    """The conflict declarations of `items` (the seat policy reads them), in one query."""
    if not items:
        return
    db.session.scalars(
        select(AgendaItem)
        .where(AgendaItem.id.in_([item.id for item in items]))
        .options(
            selectinload(AgendaItem.declarations).load_only(
                ConflictDeclaration.item_id,
                ConflictDeclaration.member_id,
                ConflictDeclaration.has_conflict,
            )
        )
    ).all()


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
