"""A criteria sheet back to the JSON data of `data/README.md`, the inverse of `reading.py`:
`parse_sheet(sheet_data(sheet, rulebook), rulebook) == sheet`.

Generated levels (the yes/no answers, the "Ghi chú" rule answers) are not written: the reader
makes them again. A level the rulebook corrects is written with its printed figure, which the
reader corrects again (`apply_corrections`); `$ref` fragments come out inlined.
"""

from __future__ import annotations

from decimal import Decimal

from .model import Criterion, Level, Rulebook, Text
from .sheet import CriteriaSheet


def text_data(text: Text) -> dict:
    return {"vi": text.vi, "en": text.en}


def corrected_options(rulebook: Rulebook, sheet_code: str) -> set[tuple[str, int]]:
    """(criterion code, 0-based option) of every option the rulebook corrects on the sheet."""
    return {
        (item.criterion or "", item.correction.option)
        for item in rulebook.irregularities_of(sheet_code)
        if item.correction is not None
    }


def level_data(level: Level, default_code: str, corrected: bool) -> dict:
    data: dict = {"text": text_data(level.text), "points": level.points}
    if corrected:
        data["points"] = level.printed_points
    elif level.printed_points is not None:
        data["printed_points"] = level.printed_points
    if level.code != default_code:
        data["code"] = level.code
    for flag in ("knockout", "stop"):
        if getattr(level, flag):
            data[flag] = True
    if level.stars is not None:
        data["stars"] = level.stars
    return data


def _levels(node: Criterion, case: str | None, corrected: set[tuple[str, int]]) -> list[dict]:
    levels = [lv for lv in node.levels_of(case) if not lv.generated]
    return [
        level_data(lv, f"{case or ''}{i}", (node.code, i - 1) in corrected and case is None)
        for i, lv in enumerate(levels, start=1)
    ]


def node_data(node: Criterion, corrected: set[tuple[str, int]]) -> dict:
    data: dict = {"code": node.code, "name": text_data(node.name)}
    if node.note is not None:
        data["note"] = text_data(node.note)
    if node.stated_points is not None:
        data["points"] = node.stated_points
    if node.yes_no:
        data["yes_no"] = True
    if node.condition is not None:
        data["condition"] = {"criterion": node.condition.criterion, "above": node.condition.above}
        if node.condition.text is not None:
            data["condition"]["text"] = text_data(node.condition.text)
    if node.rules:
        data["rules"] = [
            {"kind": r.kind, "text": text_data(r.text)} | ({"when": r.when} if r.when else {})
            for r in node.rules
        ]
    if node.children:
        data["children"] = [node_data(child, corrected) for child in node.children]
    if levels := _levels(node, None, corrected):
        data["levels"] = levels
    if node.cases:
        data["cases"] = [
            {"code": c.code, "name": text_data(c.name), "levels": _levels(node, c.code, corrected)}
            for c in node.cases
        ]
    return data


def sheet_data(sheet: CriteriaSheet, rulebook: Rulebook) -> dict:
    """The sheet as the JSON data `parse_sheet` reads (points as `Decimal`)."""
    corrected = corrected_options(rulebook, sheet.code)
    data: dict = {
        "code": sheet.code,
        "rulebook": sheet.rulebook,
        "version": sheet.version,
        "name": text_data(sheet.name),
        "subgroups": list(sheet.subgroups),
    }
    if sheet.number is not None:
        data["number"] = sheet.number
    for key in ("product", "exclusion", "star_note"):
        if (value := getattr(sheet, key)) is not None:
            data[key] = text_data(value)
    data["parts"] = [
        {"code": part.code}
        | ({"points": part.stated_points} if part.stated_points is not None else {})
        | {"criteria": [node_data(node, corrected) for node in part.criteria]}
        for part in sheet.parts
    ]
    return data


def json_number(value: Decimal) -> int | float:
    """A `Decimal` for `json.dumps`: exact for the points a sheet holds (read back as `Decimal`)."""
    return int(value) if value == value.to_integral_value() else float(value)
