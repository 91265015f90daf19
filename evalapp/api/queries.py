"""What a unit's token reads: its own rounds and what was filed in them (the ministry's: all)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select, true
from sqlalchemy.orm import joinedload

from evalapp.api.tokens import sees_everything
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.results.models import FinalResult, ResultState
from evalapp.rounds.models import EvaluationRound


def round_scope(unit):
    return true() if sees_everything(unit) else EvaluationRound.unit_id == unit.id


def rounds(unit, year: int | None = None, state: str | None = None) -> Select:
    query = (
        select(EvaluationRound).where(round_scope(unit)).options(joinedload(EvaluationRound.unit))
    )
    if year:
        query = query.where(EvaluationRound.year == year)
    if state:
        query = query.where(EvaluationRound.state == state)
    return query


def dossiers(
    unit,
    round_id: int | None = None,
    state: str | None = None,
    updated_since: datetime | None = None,
) -> Select:
    """Filed dossiers: a draft is the producer's own until it is submitted."""
    query = (
        select(Dossier)
        .join(EvaluationRound, EvaluationRound.id == Dossier.round_id)
        .where(round_scope(unit), Dossier.state != DossierState.DRAFT)
        .options(joinedload(Dossier.product), joinedload(Dossier.organisation))
    )
    if round_id:
        query = query.where(Dossier.round_id == round_id)
    if state:
        query = query.where(Dossier.state == state)
    if updated_since:
        query = query.where(Dossier.updated_at >= updated_since)
    return query


def results(unit, round_id: int | None = None, stars: int | None = None) -> Select:
    """Results in force: finalised and not reopened."""
    query = (
        select(FinalResult)
        .join(EvaluationRound, EvaluationRound.id == FinalResult.round_id)
        .where(round_scope(unit), FinalResult.state == ResultState.FINALISED)
        .options(
            joinedload(FinalResult.dossier).joinedload(Dossier.product),
            joinedload(FinalResult.dossier).joinedload(Dossier.organisation),
        )
    )
    if round_id:
        query = query.where(FinalResult.round_id == round_id)
    if stars is not None:
        query = query.where(FinalResult.stars == stars)
    return query
