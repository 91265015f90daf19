"""The evaluations' figures (issue 18, item 1): per product group and per round, how many
results are in force, how many reached 3★ or more (the classes with a certificate, 26/2026 Điều 4.1), the
average, lowest and highest score, and the days from filing to the decision. Each table is one
`GROUP BY` over the results in force; only the aggregates come back to Python."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import Integer, case, exists, func, select, true
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.registry.queries import product_groups
from evalapp.results.models import DecisionState, FinalResult, ResultDecision, ResultState
from evalapp.rounds.models import EvaluationRound
from evalapp.units.models import UnitLevel

CERTIFICATE_FROM = 3  # stars: no decision nor certificate below 3★ (26/2026 Điều 4.1)
# Viet Nam's offset from UTC (Asia/Ho_Chi_Minh, no daylight saving): the day a dossier was filed
# is its local day, as the intake list shows it.
LOCAL_OFFSET_HOURS = 7


class days_from_filing(FunctionElement):
    """Whole days from a UTC instant (the filing) to a later date (the decision), counted on the
    local calendar: the same number in SQLite and PostgreSQL."""

    type = Integer()
    inherit_cache = True


@compiles(days_from_filing, "sqlite")
def _days_sqlite(element, compiler, **kw):
    decided, filed = (compiler.process(clause, **kw) for clause in element.clauses)
    shift = f"'+{LOCAL_OFFSET_HOURS} hours'"
    return f"CAST(julianday({decided}) - julianday(date({filed}, {shift})) AS INTEGER)"


@compiles(days_from_filing, "postgresql")
def _days_postgresql(element, compiler, **kw):
    decided, filed = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"({decided} - CAST({filed} + INTERVAL '{LOCAL_OFFSET_HOURS} hours' AS DATE))"


@dataclass(frozen=True)
class ResultFigures:
    """One row: `label`'s results in force and what they came to."""

    label: str
    evaluated: int
    passed: int  # 3★ or more
    average: Decimal | None
    lowest: Decimal | None
    highest: Decimal | None
    decided: int  # with an issued decision, so with a time from filing to decision
    average_days: Decimal | None
    longest_days: int | None

    @property
    def pass_rate(self) -> Decimal | None:
        """The share of results at 3★ or more, in per cent, one decimal."""
        if not self.evaluated:
            return None
        rate = Decimal(100 * self.passed) / self.evaluated
        return rate.quantize(Decimal("0.1"), ROUND_HALF_UP)


def scope(unit):
    """The ministry (a central unit) sees every round; a province its own."""
    return true() if unit.level is UnitLevel.CENTRAL else EvaluationRound.unit_id == unit.id


def figures(unit, labels: list, year: int | None, round_id: int | None) -> list[tuple]:
    """The aggregates of the results in force grouped by `labels`: one query."""
    days = days_from_filing(ResultDecision.signed_on, Dossier.submitted_at)
    issued = (ResultDecision.state == DecisionState.ISSUED) & ResultDecision.signed_on.is_not(None)
    decided_days = case((issued & Dossier.submitted_at.is_not(None), days))
    query = (
        select(
            *labels,
            func.count(FinalResult.id),
            func.sum(case((FinalResult.stars >= CERTIFICATE_FROM, 1), else_=0)),
            func.avg(FinalResult.score),
            func.min(FinalResult.score),
            func.max(FinalResult.score),
            func.count(decided_days),
            func.avg(decided_days),
            func.max(decided_days),
        )
        .join(Dossier, Dossier.id == FinalResult.dossier_id)
        .join(EvaluationRound, EvaluationRound.id == FinalResult.round_id)
        .outerjoin(ResultDecision, ResultDecision.id == FinalResult.decision_id)
        .where(FinalResult.state == ResultState.FINALISED, scope(unit))
        .group_by(*labels)
        .order_by(*labels)
    )
    if year:
        query = query.where(EvaluationRound.year == year)
    if round_id:
        query = query.where(FinalResult.round_id == round_id)
    return list(db.session.execute(query))


def rounded(value, places: str = "0.01") -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal(places), ROUND_HALF_UP)


def row_of(label: str, found) -> ResultFigures:
    evaluated, passed, average, lowest, highest, decided, average_days, longest = found
    return ResultFigures(
        label=label,
        evaluated=evaluated,
        passed=passed or 0,
        average=rounded(average),
        lowest=rounded(lowest),
        highest=rounded(highest),
        decided=decided,
        average_days=rounded(average_days, "0.1"),
        longest_days=longest,
    )


def by_group(unit, year: int | None = None, round_id: int | None = None) -> list[ResultFigures]:
    """By product group of the rulebook each result was scored under; the same group name in
    several rulebooks is one row, as in the public register."""
    names = {codes: group.name for group in product_groups() for codes in group.codes}
    merged: dict[str, list] = {}
    labels = [FinalResult.rulebook_code, Dossier.group_code]
    for rulebook_code, group_code, *found in figures(unit, labels, year, round_id):
        name = names.get((rulebook_code, group_code), group_code)
        merged.setdefault(name, []).append(found)
    return [row_of(name, combine(parts)) for name, parts in sorted(merged.items())]


def combine(parts: list) -> tuple:
    """One group's figures from its rulebooks' (weighted means, not means of means)."""
    if len(parts) == 1:
        return tuple(parts[0])
    evaluated = sum(part[0] for part in parts)
    decided = sum(part[5] for part in parts)

    def weighted(index: int, weight: int) -> Decimal | None:
        total = sum(
            (Decimal(str(part[index])) * part[weight] for part in parts if part[index] is not None),
            Decimal(0),
        )
        count = sum(part[weight] for part in parts if part[index] is not None)
        return total / count if count else None

    lows = [part[3] for part in parts if part[3] is not None]
    highs = [part[4] for part in parts if part[4] is not None]
    longest = [part[7] for part in parts if part[7] is not None]
    return (
        evaluated,
        sum(part[1] or 0 for part in parts),
        weighted(2, 0),
        min(lows, default=None),
        max(highs, default=None),
        decided,
        weighted(6, 5),
        max(longest, default=None),
    )


def by_round(unit, year: int | None = None) -> list[ResultFigures]:
    labels = [EvaluationRound.year, EvaluationRound.name, EvaluationRound.id]
    return [
        row_of(f"{name} ({round_year})", found)
        for round_year, name, _, *found in figures(unit, labels, year, None)
    ]


def rounds_of(unit) -> list[EvaluationRound]:
    """The rounds with a result in force, newest first (the round filter's choices)."""
    with_results = exists().where(FinalResult.round_id == EvaluationRound.id)
    query = (
        select(EvaluationRound)
        .where(scope(unit), with_results)
        .order_by(EvaluationRound.year.desc(), EvaluationRound.id.desc())
    )
    return list(db.session.scalars(query))
