"""What a unit's token reads: its own rounds and what was filed in them (the ministry's: all).

The lists select the columns their schema shows, joined in one query, as rows rather than ORM
objects: a page of 100 results builds no object graph (issue 18, item 4: the API's lists)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select, true

from evalapp.api.tokens import sees_everything
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.producers.models import Organisation, Product
from evalapp.results.models import FinalResult, ResultState
from evalapp.rounds.models import EvaluationRound
from evalapp.units.models import AdministrativeUnit


def round_scope(unit):
    return true() if sees_everything(unit) else EvaluationRound.unit_id == unit.id


def rounds(unit, year: int | None = None, state: str | None = None) -> Select:
    query = (
        select(
            EvaluationRound.id,
            AdministrativeUnit.name.label("unit"),
            EvaluationRound.name,
            EvaluationRound.year,
            EvaluationRound.level_code,
            EvaluationRound.rulebook_code,
            EvaluationRound.state,
            EvaluationRound.submission_opens_on,
            EvaluationRound.submission_closes_on,
            EvaluationRound.scoring_starts_on,
            EvaluationRound.scoring_ends_on,
        )
        .join(AdministrativeUnit, AdministrativeUnit.id == EvaluationRound.unit_id)
        .where(round_scope(unit))
    )
    if year:
        query = query.where(EvaluationRound.year == year)
    if state:
        query = query.where(EvaluationRound.state == state)
    return query


def names(query: Select) -> Select:
    """`query` (which reads `Dossier`) with the dossier's product's and producer's names."""
    return (
        query.add_columns(
            Product.name.label("product_name"), Organisation.name.label("producer_name")
        )
        .join(Product, Product.id == Dossier.product_id)
        .join(Organisation, Organisation.id == Dossier.organisation_id)
    )


def dossiers(
    unit,
    round_id: int | None = None,
    state: str | None = None,
    updated_since: datetime | None = None,
) -> Select:
    """Filed dossiers: a draft is the producer's own until it is submitted."""
    query = (
        select(
            Dossier.id,
            Dossier.round_id,
            Dossier.receipt_code,
            Dossier.product_code,
            Dossier.registration_type,
            Dossier.group_code,
            Dossier.state,
            Dossier.submitted_at,
            Dossier.updated_at,
        )
        .join(EvaluationRound, EvaluationRound.id == Dossier.round_id)
        .where(round_scope(unit), Dossier.state != DossierState.DRAFT)
    )
    query = names(query)
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
        select(
            FinalResult.id,
            FinalResult.dossier_id,
            FinalResult.round_id,
            FinalResult.rulebook_code,
            FinalResult.sheet_code,
            FinalResult.level_code,
            FinalResult.member_count,
            FinalResult.score,
            FinalResult.part_scores,
            FinalResult.stars,
            FinalResult.outcome,
            FinalResult.earns_certificate,
            FinalResult.finalised_at,
            FinalResult.published_at,
        )
        .join(Dossier, Dossier.id == FinalResult.dossier_id)
        .join(EvaluationRound, EvaluationRound.id == FinalResult.round_id)
        .where(round_scope(unit), FinalResult.state == ResultState.FINALISED)
    )
    query = names(query)
    if round_id:
        query = query.where(FinalResult.round_id == round_id)
    if stars is not None:
        query = query.where(FinalResult.stars == stars)
    return query
