"""What a member's own choices still allow, shown on their sheet while they score.

The member sees the highest class their sheet alone could still reach if every criterion
they have not answered got its best option: the band of that reachable total, capped by
the requirements (26/2026: the starred options) their answers already miss. A knock-out or
stop they chose is said as such. It is a guide for the member, never the council's result,
which is decided on the members' averages (`aggregation`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .aggregation import Classification, classify
from .model import CriteriaSheet, Criterion, Rulebook
from .numbers import round_half_up
from .scoring import SheetScore, score_sheet


@dataclass(frozen=True)
class Ceiling:
    """`reachable`: the total with every unanswered criterion at its best option."""

    classification: Classification
    reachable: Decimal
    answered: int
    to_answer: int

    @property
    def stars(self) -> int | None:
        return self.classification.stars


def _optimistic(sheet: CriteriaSheet, leaf: Criterion, score: SheetScore, choices) -> Decimal:
    if leaf.code in score.choices:
        return score.points[leaf.code]
    if leaf.code in score.missing:
        return leaf.max_points
    unanswered_condition = leaf.condition and not choices.get(leaf.condition.criterion)
    if leaf.code in score.skipped and unanswered_condition:
        return leaf.max_points
    return Decimal(0)


def sheet_ceiling(rulebook: Rulebook, sheet: CriteriaSheet, choices: Mapping[str, str]) -> Ceiling:
    """The best class `choices` still allow on one member's sheet (see the module docstring)."""
    choices = {str(k): str(v) for k, v in choices.items() if v}
    score = score_sheet(sheet, choices)
    points = {leaf.code: _optimistic(sheet, leaf, score, choices) for leaf in sheet.leaves}
    reachable = sum(points.values(), Decimal(0))
    places = rulebook.council.decimals
    classification = classify(rulebook, sheet, [score], points, round_half_up(reachable, places))
    answered = sum(1 for leaf in sheet.leaves if leaf.code in score.choices)
    return Ceiling(classification, reachable, answered, len(score.missing))
