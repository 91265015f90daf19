"""Read criteria sheets from JSON (the format is in `data/README.md`), and the field readers
the rulebook loader shares. `parse_sheet` / `read_sheet_file` serve an administrator's import.
JSON numbers are read as `Decimal` (`parse_float=Decimal`), never as float.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .model import (
    ANY_LEAF_ZERO,
    Case,
    Condition,
    CriteriaSheet,
    Criterion,
    Level,
    NoteRule,
    Rulebook,
    SheetPart,
    Text,
)
from .validation import check_sheet

FRAGMENT_PREFIX = "_"


class DataFormatError(ValueError):
    """A rulebook or sheet file is not in the expected shape (missing field, wrong type)."""


def read_json(path: Path) -> Any:
    """Parse a JSON file with every fractional number as `Decimal`."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle, parse_float=Decimal)


# --- small field readers -------------------------------------------------------


def _text(data: Any) -> Text:
    if isinstance(data, str):
        return Text(vi=data)
    return Text(vi=str(data["vi"]), en=str(data.get("en") or ""))


def _opt_text(data: Any) -> Text | None:
    return None if data is None else _text(data)


def _decimal(value: Any) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
        raise DataFormatError(f"not a number: {value!r}")
    return Decimal(str(value)) if isinstance(value, float) else Decimal(value)


def _opt_decimal(value: Any) -> Decimal | None:
    return None if value is None else _decimal(value)


def _date(value: Any) -> date:
    return date.fromisoformat(value)


def _opt_date(value: Any) -> date | None:
    return None if value is None else _date(value)


def _guarded(what: str, build, *args):
    """Run a builder, turning any shape error into `DataFormatError` naming `what`."""
    try:
        return build(*args)
    except DataFormatError as exc:
        raise DataFormatError(f"{what}: {exc}") from exc
    except (KeyError, TypeError, ValueError, AttributeError, InvalidOperation) as exc:
        raise DataFormatError(f"{what}: {type(exc).__name__}: {exc}") from exc


# --- criteria sheets -------------------------------------------------------------


def _stars(value: Any) -> int | None:
    if value is None:
        return None
    if value not in (1, 2, 3, 4, 5):
        raise DataFormatError(f"star marker must be 1–5, not {value!r}")
    return int(value)


def _level(data: Mapping, index: int, case: str | None) -> Level:
    default_code = f"{case or ''}{index}"
    return Level(
        code=str(data.get("code", default_code)),
        text=_text(data["text"]),
        points=_decimal(data["points"]),
        knockout=bool(data.get("knockout", False)),
        stop=bool(data.get("stop", False)),
        case=case,
        stars=_stars(data.get("stars")),
        printed_points=_opt_decimal(data.get("printed_points")),
    )


YES_NO_TEXTS = (
    Text("Không đáp ứng", "Not met"),
    Text("Đáp ứng", "Met"),
)
RULE_LEVEL_CODES = {"knockout": "loai", "stop": "dung"}


def _yes_no_levels(data: Mapping) -> tuple[Level, ...]:
    """A criterion without options (26/2026 "2.3. Ghi nhãn … song ngữ | 1"): met or not."""
    if not data.get("yes_no"):
        return ()
    points = _decimal(data["points"])
    no, yes = YES_NO_TEXTS
    return (
        Level("khong", no, Decimal(0), generated=True),
        Level("co", yes, points, generated=True),
    )


def _note_rules(data: Mapping) -> tuple[NoteRule, ...]:
    """A leaf's rules are judgements (no `when`); a section's fire by themselves (`when`)."""
    rules = tuple(
        NoteRule(str(r["kind"]), _text(r["text"]), r.get("when")) for r in data.get("rules", [])
    )
    section = bool(data.get("children"))
    for rule in rules:
        if rule.kind not in RULE_LEVEL_CODES:
            raise DataFormatError(f"rule kind must be knockout or stop, not {rule.kind!r}")
        if section != (rule.when == ANY_LEAF_ZERO and rule.kind == "stop") or rule.when not in (
            None,
            ANY_LEAF_ZERO,
        ):
            raise DataFormatError(
                f"rule {rule.when!r} cannot sit on {'a section' if section else 'a leaf'}"
            )
    return rules


def _rule_levels(rules: tuple[NoteRule, ...]) -> tuple[Level, ...]:
    """A "Ghi chú" knock-out or stop becomes a 0-point answer the member can pick instead of an
    option, so it reaches the council's decision like the knock-out levels of 1048."""
    return tuple(
        Level(
            RULE_LEVEL_CODES[rule.kind],
            rule.text,
            Decimal(0),
            knockout=rule.kind == "knockout",
            stop=rule.kind == "stop",
            generated=True,
        )
        for rule in rules
    )


def _levels(items: list, case: str | None = None) -> tuple[Level, ...]:
    return tuple(_level(item, index, case) for index, item in enumerate(items, start=1))


def _case_levels(cases: list) -> tuple[Level, ...]:
    return tuple(level for case in cases for level in _levels(case["levels"], str(case["code"])))


def _condition(data: Mapping | None) -> Condition | None:
    if data is None:
        return None
    return Condition(
        criterion=str(data["criterion"]),
        above=_decimal(data.get("above", 0)),
        text=_opt_text(data.get("text")),
    )


def _node(data: Mapping, part: str, fragments: Mapping[str, Mapping]) -> Criterion:
    if "$ref" in data:
        ref = str(data["$ref"])
        if ref not in fragments:
            raise DataFormatError(f"unknown $ref {ref!r}")
        data = fragments[ref]
    cases = data.get("cases", [])
    rules = _note_rules(data)
    return Criterion(
        code=str(data["code"]),
        name=_text(data["name"]),
        part=part,
        children=tuple(_node(child, part, fragments) for child in data.get("children", [])),
        levels=_levels(data.get("levels", []))
        + _case_levels(cases)
        + _yes_no_levels(data)
        + _rule_levels(() if data.get("children") else rules),
        cases=tuple(Case(code=str(c["code"]), name=_text(c["name"])) for c in cases),
        condition=_condition(data.get("condition")),
        note=_opt_text(data.get("note")),
        stated_points=_opt_decimal(data.get("points")),
        rules=rules,
        yes_no=bool(data.get("yes_no", False)),
    )


def _fragment_index(nodes: list, index: dict | None = None) -> dict[str, Mapping]:
    """Index fragment nodes (and their descendants) by code, for `$ref`."""
    index = {} if index is None else index
    for node in nodes:
        index[str(node["code"])] = node
        _fragment_index(node.get("children", []), index)
    return index


def _build_sheet(data: Mapping, fragments: Mapping[str, Mapping]) -> CriteriaSheet:
    parts = tuple(
        SheetPart(
            code=str(part["code"]),
            criteria=tuple(_node(n, str(part["code"]), fragments) for n in part["criteria"]),
            stated_points=_opt_decimal(part.get("points")),
        )
        for part in data["parts"]
    )
    number = data.get("number")
    return CriteriaSheet(
        code=str(data["code"]),
        rulebook=str(data["rulebook"]),
        name=_text(data["name"]),
        version=str(data.get("version", "1")),
        subgroups=tuple(str(code) for code in data.get("subgroups", [])),
        parts=parts,
        exclusion=_opt_text(data.get("exclusion")),
        number=None if number is None else int(number),
        product=_opt_text(data.get("product")),
        star_note=_opt_text(data.get("star_note")),
    )


def build_sheet(data: Mapping, fragments: Mapping[str, Mapping] | None = None) -> CriteriaSheet:
    """Build a sheet from a dict without validating it (raises `DataFormatError`)."""
    code = data.get("code", "?") if isinstance(data, Mapping) else "?"
    return _guarded(f"sheet {code}", _build_sheet, data, fragments or {})


def _find_node(nodes: list, code: str) -> dict | None:
    for node in nodes:
        if str(node.get("code")) == code:
            return node
        found = _find_node(node.get("children", []), code)
        if found is not None:
            return found
    return None


def apply_corrections(data: Mapping, irregularities) -> Mapping:
    """The sheet data with each recorded correction of its irregularities applied: the option
    scores the corrected points and keeps the printed figure (`printed_points`)."""
    corrections = [i for i in irregularities if i.correction is not None]
    if not corrections:
        return data
    data = copy.deepcopy(dict(data))
    for item in corrections:
        nodes = [n for part in data["parts"] for n in part["criteria"]]
        node = _find_node(nodes, item.criterion or "")
        levels = node.get("levels", []) if node else []
        fix = item.correction
        if (
            fix.option >= len(levels)
            or _decimal(levels[fix.option]["points"]) != fix.printed_points
        ):
            raise DataFormatError(
                f"sheet {item.sheet}: correction of {item.criterion} option {fix.option} "
                f"does not match the printed {fix.printed_points}"
            )
        levels[fix.option]["points"] = fix.points
        levels[fix.option]["printed_points"] = fix.printed_points
    return data


def parse_sheet(
    data: Mapping, rulebook: Rulebook, fragments: Mapping[str, Mapping] | None = None
) -> CriteriaSheet:
    """Build and validate a sheet, with the rulebook's recorded corrections of it applied;
    raises `DataFormatError` or `SheetInvalid`."""
    code = str(data.get("code", "")) if isinstance(data, Mapping) else ""
    data = _guarded(f"sheet {code}", apply_corrections, data, rulebook.irregularities_of(code))
    sheet = build_sheet(data, fragments)
    check_sheet(sheet, rulebook)
    return sheet


def read_fragments(folder: Path) -> dict[str, Mapping]:
    """The nodes of the `_*.json` files of a sheets folder, indexed by code."""
    index: dict[str, Mapping] = {}
    for path in sorted(folder.glob(f"{FRAGMENT_PREFIX}*.json")):
        _fragment_index(read_json(path)["nodes"], index)
    return index


def inline_fragments(data: Mapping, fragments: Mapping[str, Mapping]) -> dict:
    """The sheet's raw data with every `{"$ref": code}` replaced by a copy of the fragment node
    (raises `DataFormatError` for an unknown one): a sheet that stands alone, as the library
    stores it."""

    def node(value: Mapping) -> dict:
        if "$ref" in value:
            ref = str(value["$ref"])
            if ref not in fragments:
                raise DataFormatError(f"unknown $ref {ref!r}")
            value = fragments[ref]
        value = dict(copy.deepcopy(value))
        if "children" in value:
            value["children"] = [node(child) for child in value["children"]]
        return value

    data = dict(copy.deepcopy(data))
    data["parts"] = [
        {**part, "criteria": [node(n) for n in part.get("criteria", [])]}
        for part in data.get("parts", [])
    ]
    return data


def read_sheet_file(path: Path | str, rulebook: Rulebook) -> CriteriaSheet:
    """Load and validate one sheet file; `$ref`s resolve against its folder's fragments."""
    path = Path(path)
    return parse_sheet(read_json(path), rulebook, read_fragments(path.parent))
