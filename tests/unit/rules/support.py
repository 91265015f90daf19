"""Builders for synthetic rulebooks and sheets, and shared fixtures' data."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

from evalapp.rules.loader import (
    DATA_DIR,
    build_sheet,
    load_rulebook,
    parse_rulebook,
    read_fragments,
    read_json,
)
from evalapp.rules.scoring import score_sheet

D = Decimal
R1048 = "1048-2019"
FOOD = "tp-che-bien-rau-cu-qua-hat"
DECOR = "tcmn-trang-tri"
HOUSEHOLD = "tcmn-gia-dung"
SHEETS_1048 = DATA_DIR / R1048 / "sheets"


def sheet_data(code: str) -> dict:
    """The raw JSON of a shipped 1048 sheet (a fresh copy, safe to edit)."""
    return read_json(SHEETS_1048 / f"{code}.json")


def fragments() -> dict:
    return read_fragments(SHEETS_1048)


def rulebook_data(code: str = R1048) -> dict:
    return read_json(DATA_DIR / code / "rulebook.json")


def find_node(data: dict, code: str, fragments_index: dict | None = None) -> dict:
    """The node `code` inside raw sheet data, expanding a `$ref` in place if needed."""
    for part in data["parts"]:
        found = _find(part["criteria"], code, fragments_index or {})
        if found is not None:
            return found
    raise KeyError(code)


def _find(nodes: list, code: str, index: dict):
    for i, node in enumerate(nodes):
        if "$ref" in node:
            nodes[i] = node = copy.deepcopy(index[node["$ref"]])
        if node.get("code") == code:
            return node
        found = _find(node.get("children", []), code, index)
        if found is not None:
            return found
    return None


def leaf(code: str, *points, condition: str | None = None, **flags) -> dict:
    """A leaf with one level per value of `points`, coded by its points; `l<n>="stop,knockout"` flags level n."""
    levels = [{"code": str(p), "points": p, "text": {"vi": f"mức {p}"}} for p in points]
    for index, names in flags.items():
        levels[int(index.lstrip("l")) - 1].update({name: True for name in names.split(",")})
    node = {"code": code, "name": {"vi": f"Tiêu chí {code}", "en": f"Criterion {code}"}}
    node["levels"] = levels
    if condition:
        node["condition"] = {"criterion": condition, "above": 0}
    return node


def tiny_rulebook(**changes):
    """A rulebook with parts A 10 / B 10 / C 80 and the 148 bands (3★ from 50)."""
    data = rulebook_data("148-2023")
    data.update(
        code="tiny",
        parts=[
            {"code": "A", "name": {"vi": "Phần A"}, "maximum": 10},
            {"code": "B", "name": {"vi": "Phần B"}, "maximum": 10},
            {"code": "C", "name": {"vi": "Phần C"}, "maximum": 80},
        ],
    )
    data.update(changes)
    return parse_rulebook(json.loads(json.dumps(data, default=str), parse_float=Decimal))


FRACTIONS = (
    "0",
    "0.001",
    "0.004",
    "0.005",
    "0.006",
    "0.01",
    "0.5",
    "0.99",
    "0.994",
    "0.995",
    "0.999",
    "1",
)


def tiny_sheet_data() -> dict:
    """A sheet for `tiny_rulebook`: A = a1 (0–10), B = b1 (0–10), C = c1 (0–79) + c2 (fractions, 0–1).

    Level codes are the points, so any total with those decimals can be chosen.
    """
    return {
        "code": "tiny-sheet",
        "rulebook": "tiny",
        "name": {"vi": "Phiếu thử"},
        "parts": [
            {"code": "A", "criteria": [leaf("a1", *range(0, 11))]},
            {"code": "B", "criteria": [leaf("b1", *range(0, 11))]},
            {
                "code": "C",
                "criteria": [
                    leaf("c1", *range(0, 80)),
                    leaf("c2", *(Decimal(f) for f in FRACTIONS)),
                ],
            },
        ],
    }


def tiny_sheet():
    return build_sheet(tiny_sheet_data())


def tiny_choices(total) -> dict:
    """Choices on the tiny sheet adding up to `total` (A and B filled first)."""
    total = Decimal(total)
    whole = int(total) if total < 100 else 99
    fraction = total - whole
    a = min(10, whole)
    b = min(10, whole - a)
    return {
        "a1": str(a),
        "b1": str(b),
        "c1": str(whole - a - b),
        "c2": format(fraction.normalize(), "f"),
    }


def tiny_scores(*totals):
    """Complete tiny-sheet scores with the given totals."""
    sheet = tiny_sheet()
    return [score_sheet(sheet, tiny_choices(total)) for total in totals]


def top_choices(sheet, **overrides) -> dict:
    """Each leaf's best plain level (no knock-out, no stop; 3.2 takes case a), then `overrides`.

    Keyword names use "_" for ".": `c6_1="1"` sets criterion 6.1.
    """
    choices = {}
    for criterion in sheet.leaves:
        plain = [lv for lv in criterion.levels if not (lv.knockout or lv.stop)]
        choices[criterion.code] = max(plain, key=lambda lv: lv.points).code
    choices.update({k.lstrip("c").replace("_", "."): v for k, v in overrides.items()})
    return choices


def shipped_rulebook(code: str = R1048):
    return load_rulebook(code)


def project_file(*parts: str) -> Path:
    return Path(__file__).resolve().parents[3].joinpath(*parts)
