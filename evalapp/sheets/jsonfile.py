"""A criteria sheet as a file of the app's own JSON format (`rules/data/README.md`)."""

from __future__ import annotations

import json
from decimal import Decimal

from evalapp.rules import CriteriaSheet, Rulebook, parse_sheet
from evalapp.rules.loader import DataFormatError
from evalapp.rules.validation import SheetInvalid
from evalapp.rules.writing import json_number, sheet_data

from .layout import MAX_BYTES
from .xlsx_reading import ImportOutcome, ImportProblem, refused


def export_json(sheet: CriteriaSheet, rulebook: Rulebook) -> bytes:
    data = sheet_data(sheet, rulebook)
    return json.dumps(data, default=json_number, ensure_ascii=False, indent=2).encode() + b"\n"


def read_object(data: bytes) -> tuple[dict | None, ImportProblem | None]:
    """The JSON object of a sheet file (a byte-order mark allowed), or why it cannot be read."""
    try:
        parsed = json.loads(data.decode("utf-8-sig"), parse_float=Decimal)
    except UnicodeDecodeError:
        return None, ImportProblem("Tệp không phải văn bản UTF-8", "The file is not UTF-8 text")
    except json.JSONDecodeError as error:
        return None, ImportProblem(
            f"Không phải JSON hợp lệ: dòng {error.lineno}, cột {error.colno}: {error.msg}",
            f"Not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}",
        )
    if not isinstance(parsed, dict):
        return None, ImportProblem(
            "Tệp JSON phải là một đối tượng phiếu", "The JSON file must hold one sheet object"
        )
    return parsed, None


def import_json(data: bytes, rulebook: Rulebook) -> ImportOutcome:
    """The sheet of a JSON file, validated under `rulebook`, or every problem found."""
    if len(data) > MAX_BYTES:
        return refused("Tệp quá lớn", "The file is too large")
    parsed, problem = read_object(data)
    if problem is not None:
        return ImportOutcome(problems=(problem,))
    try:
        return ImportOutcome(sheet=parse_sheet(parsed, rulebook), data=parsed)
    except SheetInvalid as invalid:
        problems = tuple(ImportProblem(p.message_vi, p.message_en) for p in invalid.problems)
        return ImportOutcome(problems=problems)
    except DataFormatError as error:
        return refused(f"Phiếu không đọc được: {error}", f"The sheet cannot be read: {error}")
