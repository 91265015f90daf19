"""Reads for the result pages."""

from __future__ import annotations

from sqlalchemy import select

from evalapp.extensions import db
from evalapp.results.models import FinalResult, ResultState


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
