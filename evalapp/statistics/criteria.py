"""Where a round's products lose points (issue 18, item 1): per criterion of each sheet, the
average points the counted sheets gave against the criterion's maximum, lowest share first — the
province's training needs.

The points are those of `reports.criterion_scores`: each result's frozen sheets scored again on
the sheet version the result was computed on, so they add up to the results' totals. The sheets'
choices are JSON, so the scoring is done here, for one round at a time (a province's round holds
about 300 results, 2,700 sheets); the figures across rounds and years are `statistics.results`'
SQL aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from evalapp.reports.criterion_scores import criterion_scores


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
    found: dict[tuple[str, str], CriterionAverage] = {}
    for row in criterion_scores(round_id):
        if row.points is None or not row.code:
            continue  # an unreadable sheet (said by the export) or a criterion not scored
        key = (row.result.sheet_code, row.code)
        average = found.get(key)
        if average is None:
            average = found[key] = CriterionAverage(
                row.result.sheet_code, row.part, row.code, row.name, row.max_points or Decimal(0)
            )
        average.sheets += 1
        average.total += row.points
        average.results.add(row.result.id)
    return sorted(
        found.values(),
        key=lambda average: (
            average.share is None,
            average.share,
            average.sheet_code,
            average.code,
        ),
    )
