"""The producer's gap report: what it takes to reach the next star class.

Criteria are ranked by points recoverable (maximum − the members' average, both
as in the result), largest first, ties in sheet order; criteria with nothing to
recover are left out. Criteria skipped by a condition (5.2, 5.3 while 5.1 scores
0) or not scored after a stop are kept: their whole maximum is recoverable once
the condition holds, which is exactly what a producer needs to know, and
`depends_on` names the criterion that unlocks them. The ranking is also given at
5★ (to keep the class at re-evaluation), with no next class.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .aggregation import Outcome, ProductResult, UnmetCondition, unmet_conditions
from .model import CriteriaSheet, Rulebook, StarBand, Text


@dataclass(frozen=True)
class GapItem:
    code: str
    name: Text
    part: str
    maximum: Decimal
    average: Decimal
    recoverable: Decimal
    depends_on: str | None = None


@dataclass(frozen=True)
class GapReport:
    """`points_needed` is how far the score is below the next band (0 if only conditions block)."""

    outcome: Outcome
    stars: int | None
    next_stars: int | None
    target_score: Decimal | None
    score: Decimal
    points_needed: Decimal | None
    unmet: tuple[UnmetCondition, ...]
    items: tuple[GapItem, ...]


def next_band(rulebook: Rulebook, stars: int | None) -> StarBand | None:
    """The lowest band above `stars` (above nothing when not classified)."""
    above = [band for band in rulebook.star_bands if band.stars > (stars or 0)]
    return min(above, key=lambda band: band.stars, default=None)


def _items(sheet: CriteriaSheet, result: ProductResult) -> tuple[GapItem, ...]:
    items = []
    for leaf in sheet.leaves:
        stats = result.criterion(leaf.code)
        recoverable = stats.maximum - stats.average
        if recoverable > 0:
            depends_on = leaf.condition.criterion if leaf.condition else None
            items.append(
                GapItem(
                    leaf.code,
                    leaf.name,
                    leaf.part,
                    stats.maximum,
                    stats.average,
                    recoverable,
                    depends_on,
                )
            )
    order = {leaf.code: i for i, leaf in enumerate(sheet.leaves)}
    return tuple(sorted(items, key=lambda item: (-item.recoverable, order[item.code])))


def gap_report(sheet: CriteriaSheet, result: ProductResult, rulebook: Rulebook) -> GapReport:
    """What the product lacks for the next star class (see the module docstring)."""
    target = next_band(rulebook, result.stars)
    averages = {c.code: c.average for c in result.criteria}
    unmet = ()
    if target is not None:
        unmet = unmet_conditions(sheet, averages, rulebook.conditions_for(target.stars, sheet.code))
    return GapReport(
        outcome=result.outcome,
        stars=result.stars,
        next_stars=target.stars if target else None,
        target_score=target.minimum if target else None,
        score=result.score,
        points_needed=max(target.minimum - result.score, Decimal(0)) if target else None,
        unmet=unmet,
        items=_items(sheet, result),
    )
