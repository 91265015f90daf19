"""The self-check: one filled sheet through the rules core, as a council result would be."""

from __future__ import annotations

from dataclasses import dataclass

from evalapp.rules import (
    CriteriaSheet,
    GapReport,
    ProductResult,
    Rulebook,
    SheetScore,
    aggregate,
    gap_report,
    score_sheet,
)


@dataclass(frozen=True)
class SelfCheck:
    score: SheetScore
    result: ProductResult | None = None
    gap: GapReport | None = None


def self_check(rulebook: Rulebook, sheet: CriteriaSheet, choices: dict[str, str]) -> SelfCheck:
    """Score the choices; when the sheet is complete, classify it and report the gap."""
    score = score_sheet(sheet, choices)
    if not score.is_complete:
        return SelfCheck(score)
    result = aggregate(rulebook, sheet, [score])
    return SelfCheck(score, result, gap_report(sheet, result, rulebook))
