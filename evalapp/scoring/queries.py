"""Reads for the scoring screens: a sheet page's surroundings and the session dashboard in bulk."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from evalapp.councils.models import AgendaItem
from evalapp.councils.queries import session_with_agenda
from evalapp.extensions import db
from evalapp.scoring.models import AdvisoryNote, RescoringRound, ScoreSheet


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


def current_round_sheets(items: list[AgendaItem]) -> dict[int, list[ScoreSheet]]:
    """Every sheet of the dossiers' current scoring rounds, by agenda item id, in one query."""
    rounds = {item.id: item.scoring_round for item in items}
    by_item: dict[int, list[ScoreSheet]] = {item_id: [] for item_id in rounds}
    if not rounds:
        return by_item
    query = (
        select(ScoreSheet)
        .where(ScoreSheet.item_id.in_(rounds))
        .order_by(ScoreSheet.item_id, ScoreSheet.member_id)
    )
    for sheet in db.session.scalars(query):
        if sheet.scoring_round == rounds[sheet.item_id]:
            by_item[sheet.item_id].append(sheet)
    return by_item


def session_progress(session_id: int):
    """The session with its seats, attendance, agenda and declarations, and the sheets of every
    dossier's current round: a fixed number of queries whatever the size of the agenda."""
    session = session_with_agenda(session_id)
    if session is None:
        return None, {}
    return session, current_round_sheets(list(session.agenda))
