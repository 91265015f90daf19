"""Reads for the scoring screens: a sheet page's surroundings, the session dashboard in bulk, and
the dossiers waiting for a member's sheet."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from flask_babel import to_user_timezone
from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from evalapp.auth.models import User
from evalapp.councils.models import (
    SCORING_POSITIONS,
    AgendaItem,
    ConflictDeclaration,
    Council,
    CouncilMember,
    CouncilSession,
    SessionState,
)
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.scoring.models import AdvisoryNote, RescoringRound, ScoreSheet, SheetState


def item_for_scoring(item_id: int) -> AgendaItem | None:
    """An agenda dossier with what a member's sheet page and its saves read, in four queries:
    its session and council, the council's seats (not their accounts: only the member's own seat
    is looked up, by user id), attendance, declarations, and the dossier with its round, product
    and producer."""
    session = joinedload(AgendaItem.session)
    return db.session.scalars(
        select(AgendaItem)
        .where(AgendaItem.id == item_id)
        .options(
            session.joinedload(CouncilSession.council)
            .selectinload(Council.members)
            .lazyload(CouncilMember.user),
            session.selectinload(CouncilSession.attendance),
            selectinload(AgendaItem.declarations),
            joinedload(AgendaItem.dossier).options(
                joinedload(Dossier.round),
                joinedload(Dossier.product),
                joinedload(Dossier.organisation),
            ),
        )
    ).first()


def advisory_notes(item: AgendaItem) -> dict[str, list[str]]:
    """The advisory group's notes on a dossier by criterion code (who wrote them is not shown)."""
    notes = defaultdict(list)
    query = (
        select(AdvisoryNote)
        .where(AdvisoryNote.item_id == item.id)
        .order_by(AdvisoryNote.criterion_code, AdvisoryNote.id)
    )
    for note in db.session.scalars(query):
        notes[note.criterion_code].append(note.note)
    return dict(notes)


def current_rescoring(item: AgendaItem) -> RescoringRound | None:
    """The re-scoring round the dossier is in (None in the first round)."""
    if item.scoring_round <= 1:
        return None
    return db.session.scalar(
        select(RescoringRound).where(
            RescoringRound.item_id == item.id, RescoringRound.scoring_round == item.scoring_round
        )
    )


def current_round_sheets(session_id: int, item_ids) -> dict[int, list]:
    """Every sheet of the session's dossiers in their current scoring round, by agenda item id,
    in one query: rows of what the dashboard counts (member, state, the total written at
    signing, the choices), never whole sheets."""
    by_item: dict[int, list] = {item_id: [] for item_id in item_ids}
    query = (
        select(
            ScoreSheet.item_id,
            ScoreSheet.member_id,
            ScoreSheet.state,
            ScoreSheet.total,
            ScoreSheet.choices,
        )
        .join(AgendaItem, AgendaItem.id == ScoreSheet.item_id)
        .where(
            AgendaItem.session_id == session_id,
            ScoreSheet.scoring_round == AgendaItem.scoring_round,
        )
        .order_by(ScoreSheet.item_id, ScoreSheet.member_id)
    )
    for row in db.session.execute(query):
        by_item[row.item_id].append(row)
    return by_item


def session_progress(session_id: int):
    """The session with its seats, attendance, agenda and declarations, and the sheets of every
    dossier's current round: a fixed number of queries whatever the size of the agenda."""
    session = db.session.scalars(
        select(CouncilSession)
        .where(CouncilSession.id == session_id)
        .options(
            selectinload(CouncilSession.council).selectinload(Council.round),
            selectinload(CouncilSession.council)
            .selectinload(Council.members)
            .selectinload(CouncilMember.user)
            .lazyload(User.role_grants),  # names are shown, roles are not
            selectinload(CouncilSession.attendance),
            selectinload(CouncilSession.agenda).selectinload(AgendaItem.declarations),
            # A dossier's round is the council's (already loaded), read from the identity map.
            selectinload(CouncilSession.agenda)
            .selectinload(AgendaItem.dossier)
            .selectinload(Dossier.product),
        )
    ).first()
    if session is None:
        return None, {}
    return session, current_round_sheets(session.id, [item.id for item in session.agenda])


def sheets_awaiting(user_id: int):
    """The agenda dossiers waiting for the member's sheet (to score, or to sign): a scoring seat on
    the council, a session not closed, the dossier not yet evaluated, no conflict declared, and
    no signed sheet of the dossier's current scoring round. Nearest session first."""
    signed = select(ScoreSheet.id).where(
        ScoreSheet.item_id == AgendaItem.id,
        ScoreSheet.member_id == CouncilMember.id,
        ScoreSheet.scoring_round == AgendaItem.scoring_round,
        ScoreSheet.state == SheetState.SIGNED,
    )
    conflicted = select(ConflictDeclaration.id).where(
        ConflictDeclaration.item_id == AgendaItem.id,
        ConflictDeclaration.member_id == CouncilMember.id,
        ConflictDeclaration.has_conflict.is_(True),
    )
    return (
        select(AgendaItem)
        .join(AgendaItem.session)
        .join(CouncilMember, CouncilMember.council_id == CouncilSession.council_id)
        .join(AgendaItem.dossier)
        .where(
            CouncilMember.user_id == user_id,
            CouncilMember.position.in_(SCORING_POSITIONS),
            CouncilSession.state != SessionState.CLOSED,
            Dossier.state == DossierState.ACCEPTED,
            ~signed.exists(),
            ~conflicted.exists(),
        )
        .options(
            selectinload(AgendaItem.session).selectinload(CouncilSession.council),
            selectinload(AgendaItem.dossier).selectinload(Dossier.product),
        )
        .order_by(CouncilSession.starts_at, AgendaItem.position)
    )


def scoring_due(item: AgendaItem) -> date:
    """The day the member's sheet is due: the close of the remote scoring window when the session
    has one, else the session's day."""
    moment = item.session.remote_closes_at or item.session.starts_at
    return to_user_timezone(moment).date()
