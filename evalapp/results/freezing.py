"""A result as plain values: what `FinalResult` stores and what the result page shows.

The live result (before finalisation) and the frozen one go through the same shape, so the page
renders both alike and a frozen figure is never recomputed. Sheets are named by the member's
number on the council, never by name; criterion names are the Vietnamese ones of the sheet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from evalapp.rules import Classification, CriteriaSheet, Finding, ProductResult, Rulebook


def criterion_name(criteria: CriteriaSheet, code: str) -> str:
    node = criteria.criterion(code)
    return node.name.vi if node is not None else code


def finding(criteria: CriteriaSheet, found: Finding, numbers: Sequence[int]) -> dict[str, Any]:
    return {
        "criterion": found.criterion,
        "name": criterion_name(criteria, found.criterion),
        "members": [numbers[i] for i in found.sheets],
    }


def unmet_of(classification: Classification, criteria: CriteriaSheet) -> list[dict[str, Any]]:
    """The requirements the class misses, named, as the result stores and the minutes print them."""
    return [
        {
            "stars": u.stars,
            "criterion": u.criterion,
            "name": criterion_name(criteria, u.criterion),
            "required": str(u.required),
            "actual": str(u.actual),
            "starred": u.starred,
        }
        for u in classification.unmet
    ]


def classification_of(
    product: ProductResult, criteria: CriteriaSheet, numbers: Sequence[int]
) -> dict[str, Any]:
    """Band, unmet minimum conditions, knock-outs and stops with the members who chose them."""
    c = product.classification
    band = c.band
    return {
        "band": None
        if band is None
        else {
            "stars": band.stars,
            "minimum": str(band.minimum),
            "maximum": None if band.maximum is None else str(band.maximum),
        },
        "unmet": unmet_of(c, criteria),
        "knockouts": [finding(criteria, f, numbers) for f in c.knockouts],
        "stops": [finding(criteria, f, numbers) for f in c.stops],
        "dismissed": [],
    }


def statistics_of(
    product: ProductResult, criteria: CriteriaSheet, rulebook: Rulebook, numbers: Sequence[int]
) -> dict[str, Any]:
    return {
        "spread": str(product.spread),
        "limit": str(rulebook.council.max_spread),
        "needs_rescoring": product.needs_rescoring,
        "median": str(product.median),
        "stdev": str(product.stdev),
        "criteria": [
            {
                "code": s.code,
                "name": criterion_name(criteria, s.code),
                "part": s.part,
                "maximum": str(s.maximum),
                "average": str(s.average),
                "low": str(s.low),
                "high": str(s.high),
                "spread": str(s.spread),
            }
            for s in product.criteria
        ],
        "class_changing": [numbers[i] for i in product.class_changing_sheets],
        "farthest": [numbers[i] for i in product.farthest],
    }


def figures(
    product: ProductResult,
    criteria: CriteriaSheet,
    rulebook: Rulebook,
    sheets: Sequence[tuple[int, int, Any]],
) -> dict[str, Any]:
    """Every column of a `FinalResult` that comes from the rules core.

    `sheets` are `(sheet_id, member_number, SheetScore)` in the order `product` was aggregated."""
    numbers = [number for _, number, _ in sheets]
    return {
        "rulebook_code": rulebook.code,
        "sheet_code": criteria.code,
        "member_count": product.member_count,
        "score": product.score,
        "part_scores": {code: str(value) for code, value in product.part_scores.items()},
        "outcome": product.outcome.value,
        "stars": product.stars,
        "earns_certificate": product.earns_certificate,
        "classification": classification_of(product, criteria, numbers),
        "statistics": statistics_of(product, criteria, rulebook, numbers),
        "sheets": [
            {
                "sheet_id": sheet_id,
                "member_number": number,
                "total": str(score.total),
                "parts": {code: str(value) for code, value in score.parts.items()},
            }
            for sheet_id, number, score in sheets
        ],
    }


STATISTICS_DEFAULTS = {
    "spread": None,
    "limit": None,
    "needs_rescoring": False,
    "median": None,
    "stdev": None,
    "criteria": [],
    "class_changing": [],
    "farthest": [],
}
CLASSIFICATION_DEFAULTS = {"band": None, "unmet": [], "knockouts": [], "stops": [], "dismissed": []}


def figures_of_final(result) -> dict[str, Any]:
    """The frozen figures of a `FinalResult`, in the shape `figures` gives (a figure a result was
    frozen without, as in an imported record, is shown empty rather than recomputed)."""
    return {
        "rulebook_code": result.rulebook_code,
        "sheet_code": result.sheet_code,
        "member_count": result.member_count,
        "score": result.score,
        "part_scores": dict(result.part_scores),
        "outcome": result.outcome,
        "stars": result.stars,
        "earns_certificate": result.earns_certificate,
        "classification": {**CLASSIFICATION_DEFAULTS, **(result.classification or {})},
        "statistics": {**STATISTICS_DEFAULTS, **(result.statistics or {})},
        "sheets": list(result.sheets),
    }


def chart_data(stats: Mapping[str, Any]) -> dict[str, Any]:
    """Per-criterion averages against the maximum with the low–high range, for Chart.js."""
    rows = stats.get("criteria", [])
    return {
        "labels": [row["code"] for row in rows],
        "names": [row["name"] for row in rows],
        "maximum": [float(Decimal(row["maximum"])) for row in rows],
        "average": [float(Decimal(row["average"])) for row in rows],
        "low": [float(Decimal(row["low"])) for row in rows],
        "high": [float(Decimal(row["high"])) for row in rows],
    }
