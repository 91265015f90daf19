"""A product's result from its council members' sheets (DESIGN.md §4).

Rounding: every average (score, parts, criteria), the median and the standard
deviation are rounded ROUND_HALF_UP to the rulebook's decimals (2) from the exact
value, so 69.995 → 70.00 → 4★. The star class is read on the rounded score.

Classification, in order:
1. a knock-out chosen on any sheet, unless the council dismissed it → EXCLUDED;
2. a stop on any sheet, unless dismissed → STOPPED (not classified, the stopping
   criterion is the reason);
3. no band contains the score (below 50 under 148) → NOT_CLASSIFIED;
4. otherwise the highest band, at or below the score's band, whose requirements
   (its own and every lower band's) hold on the per-criterion averages (rounded like
   the score; a section's average is the sum of its leaves'). The requirements are the
   rulebook's minimum conditions and, under 26/2026, the starred options of the sheet
   ("Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao"): N★ needs the
   council's average on that criterion to reach the points of the option marked N★
   (`Rulebook.star_minima` records this reading; the decision does not say how to
   judge a starred option across members). So the class is the score band capped by
   the starred requirements met.

The exclusion line of a 26/2026 sheet ("Hồ sơ bị loại khi …"), recorded by a member
under `EXCLUSION_CODE`, is a knock-out like any other and comes first.

Members are never named: sheets are identified by their index in the input.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from .model import EXCLUSION_CODE, CriteriaSheet, MinimumCondition, Rulebook, StarBand
from .numbers import exact_difference, exact_sum, mean_half_up, quotient_half_up, round_half_up
from .scoring import SheetScore


class Outcome(StrEnum):
    CLASSIFIED = "classified"
    NOT_CLASSIFIED = "not_classified"
    EXCLUDED = "excluded"
    STOPPED = "stopped"


@dataclass(frozen=True)
class Finding:
    """A knock-out or stop chosen on `criterion` by the sheets at `sheets` (indexes)."""

    criterion: str
    sheets: tuple[int, ...]


@dataclass(frozen=True)
class UnmetCondition:
    """A requirement of class `stars` not reached: `actual` (the average) < `required`.
    `starred`: the requirement is a starred option of the sheet."""

    stars: int
    criterion: str
    required: Decimal
    actual: Decimal
    starred: bool = False


@dataclass(frozen=True)
class Classification:
    """The class and why: the score's band, unmet conditions, knock-outs, stops."""

    outcome: Outcome
    stars: int | None
    band: StarBand | None
    unmet: tuple[UnmetCondition, ...] = ()
    knockouts: tuple[Finding, ...] = ()
    stops: tuple[Finding, ...] = ()
    dismissed: tuple[str, ...] = ()

    @property
    def stop(self) -> Finding | None:
        """The first stop in sheet order (the reason given for not classifying)."""
        return self.stops[0] if self.stops else None


@dataclass(frozen=True)
class CriterionStats:
    code: str
    part: str
    maximum: Decimal
    average: Decimal
    spread: Decimal
    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class ProductResult:
    rulebook: str
    sheet: str
    member_count: int
    totals: tuple[Decimal, ...]
    score: Decimal
    part_scores: Mapping[str, Decimal]
    classification: Classification
    earns_certificate: bool
    spread: Decimal
    needs_rescoring: bool
    median: Decimal
    stdev: Decimal
    farthest: tuple[int, ...]
    criteria: tuple[CriterionStats, ...]
    class_changing_sheets: tuple[int, ...]

    @property
    def stars(self) -> int | None:
        return self.classification.stars

    @property
    def outcome(self) -> Outcome:
        return self.classification.outcome

    def criterion(self, code: str) -> CriterionStats | None:
        return next((c for c in self.criteria if c.code == code), None)


# --- classification ----------------------------------------------------------------


def _findings(sheet: CriteriaSheet, scores: Sequence[SheetScore], kind: str, dismissed) -> tuple:
    """Knock-outs (`kind="knockouts"`) or stops (`"stop"`) not dismissed, in sheet order."""
    hits: dict[str, list[int]] = {}
    for index, score in enumerate(scores):
        codes = score.knockouts if kind == "knockouts" else (score.stop,) if score.stop else ()
        for code in codes:
            hits.setdefault(code, []).append(index)
    codes = (EXCLUSION_CODE, *(node.code for _, node in sheet.walk()))
    order = [code for code in codes if code in hits and code not in dismissed]
    return tuple(Finding(code, tuple(hits[code])) for code in order)


def criterion_average(sheet: CriteriaSheet, averages: Mapping[str, Decimal], code: str) -> Decimal:
    """A leaf's average, or a section's sum of its leaves' averages."""
    return sum((averages[leaf.code] for leaf in sheet.leaves_under(code)), Decimal(0))


def unmet_conditions(
    sheet: CriteriaSheet, averages: Mapping[str, Decimal], conditions: Iterable[MinimumCondition]
) -> tuple[UnmetCondition, ...]:
    """The `conditions` that the per-criterion `averages` do not meet."""
    checks = ((c, criterion_average(sheet, averages, c.criterion)) for c in conditions)
    return tuple(
        UnmetCondition(c.stars, c.criterion, c.min_points, actual, c.starred)
        for c, actual in checks
        if actual < c.min_points
    )


def _stars(rulebook: Rulebook, band: StarBand, unmet: tuple[UnmetCondition, ...]) -> int | None:
    candidates = sorted(
        (b.stars for b in rulebook.star_bands if b.stars <= band.stars), reverse=True
    )
    return next((s for s in candidates if not any(u.stars <= s for u in unmet)), None)


def classify(
    rulebook: Rulebook,
    sheet: CriteriaSheet,
    scores: Sequence[SheetScore],
    averages: Mapping[str, Decimal],
    score: Decimal,
    dismissed: Iterable[str] = (),
) -> Classification:
    """The class of a product with rounded `score` and per-criterion `averages`."""
    dismissed = tuple(dismissed)
    knockouts = _findings(sheet, scores, "knockouts", dismissed)
    stops = _findings(sheet, scores, "stop", dismissed)
    band = rulebook.band_for(score)
    unmet, stars = (), None
    if band is not None:
        unmet = unmet_conditions(sheet, averages, rulebook.requirements_for(band.stars, sheet))
        stars = _stars(rulebook, band, unmet)
    outcome = (
        Outcome.EXCLUDED
        if knockouts
        else Outcome.STOPPED
        if stops
        else Outcome.CLASSIFIED
        if stars is not None
        else Outcome.NOT_CLASSIFIED
    )
    stars = stars if outcome is Outcome.CLASSIFIED else None
    return Classification(outcome, stars, band, unmet, knockouts, stops, dismissed)


# --- statistics ------------------------------------------------------------------------


def _check(sheet: CriteriaSheet, scores: Sequence[SheetScore]) -> None:
    if not scores:
        raise ValueError("no sheet to aggregate")
    for index, score in enumerate(scores):
        if score.sheet != sheet.code:
            raise ValueError(f"sheet {index} was scored on {score.sheet}, not {sheet.code}")
        if not score.is_complete:
            raise ValueError(f"sheet {index} is not complete")


def _criteria_stats(
    sheet: CriteriaSheet, scores: Sequence[SheetScore], places: int, sums: _Sums | None = None
) -> tuple:
    stats = []
    for leaf in sheet.leaves:
        values = [score.points[leaf.code] for score in scores]
        low, high = min(values), max(values)
        average = (
            mean_half_up(values, places)
            if sums is None
            else quotient_half_up(sums.leaves[leaf.code], sums.count, places)
        )
        stats.append(
            CriterionStats(leaf.code, leaf.part, leaf.max_points, average, high - low, low, high)
        )
    return tuple(stats)


def _farthest(totals: Sequence[Decimal]) -> tuple[int, ...]:
    """Indexes of the sheets whose total is farthest from the mean (compared exactly)."""
    n = len(totals)
    distances = [abs(total * n - sum(totals)) for total in totals]
    return tuple(i for i, d in enumerate(distances) if d == max(distances) and d > 0)


@dataclass(frozen=True)
class Verdict:
    """The legal part of a result: the rounded score, part averages and the class."""

    score: Decimal
    part_scores: Mapping[str, Decimal]
    classification: Classification


@dataclass(frozen=True)
class _Sums:
    """The exact sums of the leaves' points, the totals and the parts of `count` sheets, from
    which every average is rounded once (`quotient_half_up`): removing a sheet is a subtraction,
    so the leave-one-out check costs O(n) rather than n full aggregations."""

    count: int
    leaves: Mapping[str, Decimal]
    total: Decimal
    parts: Mapping[str, Decimal]

    def without(self, score: SheetScore) -> _Sums:
        return _Sums(
            self.count - 1,
            {code: exact_difference(s, score.points[code]) for code, s in self.leaves.items()},
            exact_difference(self.total, score.total),
            {code: exact_difference(s, score.parts[code]) for code, s in self.parts.items()},
        )


def _sums(sheet: CriteriaSheet, scores: Sequence[SheetScore]) -> _Sums | None:
    """None for no sheets, or values that are not finite decimals (then the rational path)."""
    if not scores:
        return None
    leaves = {leaf.code: exact_sum(s.points[leaf.code] for s in scores) for leaf in sheet.leaves}
    total = exact_sum(s.total for s in scores)
    parts = {p.code: exact_sum(s.parts[p.code] for s in scores) for p in sheet.parts}
    if total is None or None in leaves.values() or None in parts.values():
        return None
    return _Sums(len(scores), leaves, total, parts)


def classify_sheets(
    rulebook: Rulebook,
    sheet: CriteriaSheet,
    scores: Sequence[SheetScore],
    dismissed: Iterable[str] = (),
) -> Verdict:
    """The score (mean of the totals), the part and criterion averages and the class of
    complete `scores`, each rounded half-up to the rulebook's decimals; no statistics, no
    leave-one-out (what the minutes print before finalisation, and `aggregate`'s core)."""
    return _verdict(rulebook, sheet, scores, _sums(sheet, scores), dismissed)


def _verdict(rulebook, sheet, scores, sums: _Sums | None, dismissed) -> Verdict:
    places = rulebook.council.decimals
    if sums is None:
        averages = {
            leaf.code: mean_half_up((s.points[leaf.code] for s in scores), places)
            for leaf in sheet.leaves
        }
        score = mean_half_up((s.total for s in scores), places)
        parts = {
            p.code: mean_half_up((s.parts[p.code] for s in scores), places) for p in sheet.parts
        }
    else:
        n = sums.count
        averages = {code: quotient_half_up(v, n, places) for code, v in sums.leaves.items()}
        score = quotient_half_up(sums.total, n, places)
        parts = {code: quotient_half_up(v, n, places) for code, v in sums.parts.items()}
    classification = classify(rulebook, sheet, scores, averages, score, dismissed)
    return Verdict(score, MappingProxyType(parts), classification)


def _leave_one_out(
    rulebook, sheet, scores, dismissed, full: Classification, sums: _Sums | None = None
) -> tuple[int, ...]:
    """Indexes of the sheets whose removal alone would change the class or outcome."""
    if len(scores) < 2:
        return ()
    changed = []
    for index in range(len(scores)):
        rest = [s for i, s in enumerate(scores) if i != index]
        fewer = None if sums is None else sums.without(scores[index])
        other = _verdict(rulebook, sheet, rest, fewer, dismissed).classification
        if (other.outcome, other.stars) != (full.outcome, full.stars):
            changed.append(index)
    return tuple(changed)


def aggregate(
    rulebook: Rulebook,
    sheet: CriteriaSheet,
    member_scores: Sequence[SheetScore],
    dismissed: Iterable[str] = (),
) -> ProductResult:
    """The product result from complete member sheets (see the module docstring).

    `dismissed`: criterion codes whose knock-out or stop the council dismissed.
    The standard deviation is the population one (`statistics.pstdev`): the
    members present are the whole council, not a sample. Raises `ValueError`
    for no sheets, an incomplete sheet or a sheet scored on another sheet.
    """
    _check(sheet, member_scores)
    dismissed, places = tuple(dismissed), rulebook.council.decimals
    totals = tuple(score.total for score in member_scores)
    sums = _sums(sheet, member_scores)
    verdict = _verdict(rulebook, sheet, member_scores, sums, dismissed)
    classification = verdict.classification
    spread = max(totals) - min(totals)
    return ProductResult(
        rulebook=rulebook.code,
        sheet=sheet.code,
        member_count=len(totals),
        totals=totals,
        score=verdict.score,
        part_scores=verdict.part_scores,
        classification=classification,
        earns_certificate=(classification.stars or 0) >= rulebook.certificate.min_stars,
        spread=spread,
        needs_rescoring=spread > rulebook.council.max_spread,
        median=round_half_up(statistics.median(totals), places),
        stdev=round_half_up(statistics.pstdev(totals), places),
        farthest=_farthest(totals),
        criteria=_criteria_stats(sheet, member_scores, places, sums),
        class_changing_sheets=_leave_one_out(
            rulebook, sheet, member_scores, dismissed, classification, sums
        ),
    )
