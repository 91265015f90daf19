"""The producer's gap report: what it takes to reach the next star class.

An excluded or stopped product gets no star target: the report says so (`outcome`) and
the findings that caused it; the result holds them. For a classified or unclassified
product, the next class's requirements come first because they are mandatory: under
26/2026 the starred options ("Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao")
and any minimum condition of the rulebook, in sheet order, each with the points it
requires. Then the other criteria, ranked by points recoverable (maximum − the members'
average, both as in the result), largest first, ties in sheet order; criteria with
nothing to recover are left out. Criteria skipped by a condition (5.2, 5.3 while 5.1
scores 0) or not scored after a stop are kept: their whole maximum is recoverable once
the condition holds, and `depends_on` names the criterion that unlocks them. At 5★ the
ranking is given to keep the class at re-evaluation, with no next class.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .aggregation import Outcome, ProductResult, UnmetCondition, unmet_conditions
from .model import CriteriaSheet, Rulebook, StarBand, Text

NO_TARGET = (Outcome.EXCLUDED, Outcome.STOPPED)


@dataclass(frozen=True)
class GapItem:
    """`required`: the points the next class requires on this criterion (a starred option or a
    minimum condition not yet reached), or None when it is only points to gain."""

    code: str
    name: Text
    part: str
    maximum: Decimal
    average: Decimal
    recoverable: Decimal
    depends_on: str | None = None
    required: Decimal | None = None

    @property
    def mandatory(self) -> bool:
        return self.required is not None


@dataclass(frozen=True)
class GapReport:
    """`points_needed` is how far the score is below the next band (0 if only requirements
    block). An excluded or stopped product has no `next_stars` and no target."""

    outcome: Outcome
    stars: int | None
    next_stars: int | None
    target_score: Decimal | None
    score: Decimal
    points_needed: Decimal | None
    unmet: tuple[UnmetCondition, ...]
    items: tuple[GapItem, ...]

    @property
    def has_target(self) -> bool:
        return self.next_stars is not None


def next_band(rulebook: Rulebook, stars: int | None) -> StarBand | None:
    """The lowest band above `stars` (above nothing when not classified)."""
    above = [band for band in rulebook.star_bands if band.stars > (stars or 0)]
    return min(above, key=lambda band: band.stars, default=None)


def _required(unmet: tuple[UnmetCondition, ...]) -> dict[str, Decimal]:
    """Criterion → the most points any unmet requirement asks of it."""
    required: dict[str, Decimal] = {}
    for u in unmet:
        required[u.criterion] = max(required.get(u.criterion, u.required), u.required)
    return required


def _items(sheet: CriteriaSheet, result: ProductResult, unmet) -> tuple[GapItem, ...]:
    required = _required(unmet)
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
                    required.get(leaf.code),
                )
            )
    order = {leaf.code: i for i, leaf in enumerate(sheet.leaves)}
    return tuple(
        sorted(
            items,
            key=lambda i: (not i.mandatory, 0 if i.mandatory else -i.recoverable, order[i.code]),
        )
    )


def gap_report(sheet: CriteriaSheet, result: ProductResult, rulebook: Rulebook) -> GapReport:
    """What the product lacks for the next star class (see the module docstring)."""
    target = None if result.outcome in NO_TARGET else next_band(rulebook, result.stars)
    averages = {c.code: c.average for c in result.criteria}
    unmet = ()
    if target is not None:
        unmet = unmet_conditions(sheet, averages, rulebook.requirements_for(target.stars, sheet))
    return GapReport(
        outcome=result.outcome,
        stars=result.stars,
        next_stars=target.stars if target else None,
        target_score=target.minimum if target else None,
        score=result.score,
        points_needed=max(target.minimum - result.score, Decimal(0)) if target else None,
        unmet=unmet,
        items=_items(sheet, result, unmet),
    )
