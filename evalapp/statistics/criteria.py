"""Where a round's products lose points (issue 18, item 1): per criterion of each sheet, the
average points the counted sheets gave against the criterion's maximum, lowest share first — the
province's training needs.

The points are those of `reports.criterion_scores` (its `scored_sheets`): each result's frozen sheets scored again on
the sheet version the result was computed on, so they add up to the results' totals. The sheets'
choices are JSON, so the scoring is done here, for one round at a time (a province's round holds
about 300 results, 2,700 sheets); the figures across rounds and years are `statistics.results`'
SQL aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from evalapp.common.i18n import current_language, localised
from evalapp.reports.criterion_scores import scored_sheets


@dataclass
class CriterionAverage:
    sheet_code: str
    part: str
    code: str
    name: str
    max_points: Decimal
    sheets: int = 0
    total: Decimal = Decimal(0)
    results: set = field(default_factory=set)

    @property
    def average(self) -> Decimal:
        return (self.total / self.sheets).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def share(self) -> Decimal | None:
        """The average as a share of the maximum, in per cent."""
        if not self.max_points:
            return None
        return (100 * self.total / self.sheets / self.max_points).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )

    @property
    def products(self) -> int:
        return len(self.results)


def criterion_averages(round_id: int) -> list[CriterionAverage]:
    language = current_language()
    found: dict[tuple[str, str], CriterionAverage] = {}
    for scored in scored_sheets(round_id):
        if scored.criteria is None:
            continue  # an unreadable sheet: the criterion export says so on its row
        sheet_code = scored.result.sheet_code
        for leaf in scored.criteria.leaves:
            points = scored.score.points.get(leaf.code)
            if points is None:
                continue  # a criterion the sheet's conditions left out
            average = found.get((sheet_code, leaf.code))
            if average is None:
                name = localised(leaf.name, language)
                average = found[(sheet_code, leaf.code)] = CriterionAverage(
                    sheet_code, leaf.part, leaf.code, name, leaf.max_points
                )
            average.sheets += 1
            average.total += points
            average.results.add(scored.result.id)
    return sorted(
        found.values(),
        key=lambda average: (
            average.share is None,
            average.share,
            average.sheet_code,
            average.code,
        ),
    )
