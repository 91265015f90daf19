"""Reads of evaluation rounds."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound, RoundState
from evalapp.units.models import AdministrativeUnit

NEWEST_FIRST = (
    EvaluationRound.submission_opens_on.desc(),
    EvaluationRound.id.desc(),
)


def rounds_of_unit(unit: AdministrativeUnit) -> list[EvaluationRound]:
    """Every round the unit opened, newest first."""
    return list(
        db.session.scalars(
            select(EvaluationRound)
            .where(EvaluationRound.unit_id == unit.id)
            .order_by(EvaluationRound.year.desc(), *NEWEST_FIRST)
        )
    )


def open_rounds_for(organisation, today: date) -> list[EvaluationRound]:
    """Rounds taking dossiers today from the organisation's commune, newest first, with their
    unit loaded (a round of the commune's district, province or the central level)."""
    lineage_ids = [unit.id for unit in organisation.commune.lineage()]
    return list(
        db.session.scalars(
            select(EvaluationRound)
            .options(selectinload(EvaluationRound.unit))
            .where(
                EvaluationRound.unit_id.in_(lineage_ids),
                EvaluationRound.state == RoundState.OPEN,
                EvaluationRound.submission_opens_on <= today,
                EvaluationRound.submission_closes_on >= today,
            )
            .order_by(*NEWEST_FIRST)
        )
    )
