"""A criteria sheet as an XLSX workbook an official can fill in by hand, and back
(`import_sheet`, in `xlsx_reading`). The columns are in `layout`.

`export_sheet` writes every option of the official text (generated levels, such as the yes/no
answers and the "Ghi chú" rule answers, are made again on import); a corrected option keeps its
printed figure in "Điểm in". Text is always written as text (`common.xlsx.store`).
"""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from evalapp.common.xlsx import store
from evalapp.rules import CriteriaSheet, Criterion, Rulebook, Text, format_points
from evalapp.rules.sheet import ANY_LEAF_ZERO

from .layout import (
    COLUMNS,
    CRITERIA_SHEET,
    FIRST_ROW,
    GUIDE_SHEET,
    INFO_FIELDS,
    INFO_SHEET,
    LETTERS,
    MAX_ROWS,
    RULE_CHOICES,
    YES,
    ZERO_STOP,
)
from .xlsx_import import import_sheet
from .xlsx_reading import ImportOutcome, ImportProblem

__all__ = ["ImportOutcome", "ImportProblem", "blank_template", "export_sheet", "import_sheet"]

HEADING = PatternFill("solid", fgColor="DDEBF7")
PART_ROW = PatternFill("solid", fgColor="F2F2F2")


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _texts(text: Text | None) -> tuple[str, str]:
    return ("", "") if text is None else (text.vi, text.en)


# --- "Tiêu chí" rows -------------------------------------------------------------------


def criterion_fields(node: Criterion) -> dict:
    name_vi, name_en = _texts(node.name)
    note_vi, note_en = _texts(node.note)
    fields = {
        "name_vi": name_vi,
        "name_en": name_en,
        "note_vi": note_vi,
        "note_en": note_en,
        "points": _number(node.stated_points),
        "yes_no": YES if node.yes_no else "",
    }
    if node.condition is not None:
        cond_vi, cond_en = _texts(node.condition.text)
        fields |= {"cond": node.condition.criterion, "cond_above": _number(node.condition.above)}
        fields |= {"cond_vi": cond_vi, "cond_en": cond_en}
    return fields


def rule_fields(rule) -> dict:
    kind = (
        ZERO_STOP if rule.when == ANY_LEAF_ZERO else {"knockout": "Loại", "stop": "Dừng"}[rule.kind]
    )
    return {"rule": kind, "rule_vi": rule.text.vi, "rule_en": rule.text.en}


def node_rows(node: Criterion) -> list[dict]:
    """One row per option (at least one row), the criterion's own fields on the first, its note
    rules one a row, a case's name on the case's first option."""
    options = [level for level in node.levels if not level.generated]
    cases = {case.code: case for case in node.cases}
    rows = [
        {"part": node.part, "code": node.code} for _ in range(max(len(options), len(node.rules), 1))
    ]
    rows[0] |= criterion_fields(node)
    for row, rule in zip(rows, node.rules, strict=False):
        row |= rule_fields(rule)
    named: set[str] = set()
    for row, level in zip(rows, options, strict=False):
        row |= {
            "level": level.code,
            "level_vi": level.text.vi,
            "level_en": level.text.en,
            "level_points": _number(level.points),
            "printed": _number(level.printed_points),
            "stars": level.stars,
            "knockout": YES if level.knockout else "",
            "stop": YES if level.stop else "",
        }
        if level.case is not None:
            row["case"] = level.case
            if level.case not in named:
                named.add(level.case)
                row |= {"case_vi": cases[level.case].name.vi, "case_en": cases[level.case].name.en}
    return rows


def sheet_rows(sheet: CriteriaSheet) -> list[dict]:
    rows = []
    for part in sheet.parts:
        rows.append({"part": part.code, "points": _number(part.stated_points)})
        for root in part.criteria:
            for _, node in root.walk():
                rows += node_rows(node)
    return rows


# --- the workbook ---------------------------------------------------------------------


def _heading(ws, row: int, values: list[str], widths: list[int] | None = None) -> None:
    for index, value in enumerate(values, start=1):
        cell = ws.cell(row=row, column=index)
        store(cell, value)
        cell.font = Font(bold=True)
        cell.fill = HEADING
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths or [], start=1):
        ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = width


def info_sheet(wb: Workbook, values: dict) -> None:
    ws = wb.create_sheet(INFO_SHEET)
    _heading(ws, 1, ["Mục", "Tiếng Việt", "Tiếng Anh"], [26, 60, 50])
    for row, field in enumerate(INFO_FIELDS, start=2):
        store(ws.cell(row=row, column=1), field.label)
        ws.cell(row=row, column=1).font = Font(bold=True)
        value = values.get(field.key)
        for column, text in enumerate(_info_values(value), start=2):
            if text not in (None, ""):
                store(ws.cell(row=row, column=column), text)
        for column in (2, 3):
            ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(row=row, column=column).number_format = "@"
    ws.freeze_panes = "B2"


def _info_values(value) -> tuple:
    return _texts(value) if isinstance(value, Text) else (value,)


def _validation(ws, dv: DataValidation, key: str) -> None:
    dv.error_title = "Giá trị không hợp lệ"
    dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(f"{LETTERS[key]}{FIRST_ROW}:{LETTERS[key]}{MAX_ROWS}")


def add_validations(ws, parts: list[str]) -> None:
    part_list = DataValidation(type="list", formula1=f'"{",".join(parts)}"', allow_blank=True)
    part_list.error = "Chọn một phần của bộ tiêu chí: " + ", ".join(parts)
    _validation(ws, part_list, "part")
    for key in ("points", "cond_above", "level_points", "printed"):
        points = DataValidation(
            type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True
        )
        points.error = "Điểm phải là số không âm."
        _validation(ws, points, key)
    stars = DataValidation(
        type="whole", operator="between", formula1="1", formula2="5", allow_blank=True
    )
    stars.error = "Sao là số nguyên từ 1 đến 5."
    _validation(ws, stars, "stars")
    for key in ("yes_no", "knockout", "stop"):
        flag = DataValidation(type="list", formula1=f'"{YES}"', allow_blank=True)
        flag.error = "Ghi x hoặc để trống."
        _validation(ws, flag, key)
    rules = DataValidation(type="list", formula1=f'"{",".join(RULE_CHOICES)}"', allow_blank=True)
    rules.error = "Chọn: " + ", ".join(RULE_CHOICES) + "."
    _validation(ws, rules, "rule")


def criteria_sheet(wb: Workbook, rows: list[dict], parts: list[str]) -> None:
    ws = wb.create_sheet(CRITERIA_SHEET)
    _heading(ws, 1, [c.header for c in COLUMNS], [c.width for c in COLUMNS])
    for number, values in enumerate(rows, start=FIRST_ROW):
        for index, column in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=number, column=index)
            value = values.get(column.key)
            if value not in (None, ""):
                store(cell, value)
            if column.kind == "text":
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            if "code" not in values:
                cell.fill = PART_ROW
    for column in COLUMNS:
        if column.kind in ("code", "part", "text", "rule", "flag"):
            for row in range(FIRST_ROW, max(len(rows) + FIRST_ROW, 200)):
                ws[f"{column.letter}{row}"].number_format = "@"  # "1.10" stays text in Excel
    ws.freeze_panes = "C2"
    add_validations(ws, parts)


def guide_sheet(wb: Workbook, rulebook_parts: list[tuple[str, str]]) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    _heading(ws, 1, ["Cột", "Tên cột", "Cách ghi"], [8, 28, 100])
    lines = [(c.letter, c.header, c.guide) for c in COLUMNS]
    lines += [("", "", "")]
    lines += [(INFO_SHEET, f.label, f.guide) for f in INFO_FIELDS]
    lines += [("", "", "")]
    lines += [("", "Phần", text) for text in _part_lines(rulebook_parts)]
    lines += [("", "Lưu ý", note) for note in NOTES]
    for row, line in enumerate(lines, start=2):
        for column, value in enumerate(line, start=1):
            store(ws.cell(row=row, column=column), value)
            ws.cell(row=row, column=column).alignment = Alignment(wrap_text=True, vertical="top")


def _part_lines(parts: list[tuple[str, str]]) -> list[str]:
    return [f"Phần {code}: {text}" for code, text in parts]


NOTES = (
    "Mỗi mức đánh giá một hàng; tiêu chí, mục không có mức (tiêu chí Có/Không, mục có tiêu chí con) một hàng.",
    "Các ô của tiêu chí (tên, ghi chú, điểm tiêu chí, điều kiện, Có/Không) ghi ở hàng đầu của tiêu chí; các hàng sau để trống hoặc ghi giống hệt.",
    "Không dùng công thức: ô có công thức bị từ chối khi nhập.",
    "Tổng điểm tối đa (mức cao nhất của mỗi tiêu chí) của mỗi phần phải bằng điểm phần của bộ tiêu chí.",
)


def _save(wb: Workbook) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _parts_of(rulebook: Rulebook) -> list[tuple[str, str]]:
    return [
        (p.code, f"{p.name.vi} — tối đa {format_points(p.maximum)} điểm") for p in rulebook.parts
    ]


def export_sheet(sheet: CriteriaSheet, rulebook: Rulebook | None = None) -> bytes:
    """The sheet as a workbook that `import_sheet` reads back identical."""
    wb = Workbook()
    wb.remove(wb.active)
    info_sheet(
        wb,
        {f.key: getattr(sheet, f.key) for f in INFO_FIELDS}
        | {"subgroups": ", ".join(sheet.subgroups)},
    )
    part_codes = [p.code for p in rulebook.parts] if rulebook else [p.code for p in sheet.parts]
    criteria_sheet(wb, sheet_rows(sheet), part_codes)
    guide_sheet(wb, _parts_of(rulebook) if rulebook else [])
    return _save(wb)


def blank_template(rulebook: Rulebook) -> bytes:
    """A workbook to fill in for a new sheet of `rulebook`: one row per part, nothing else."""
    wb = Workbook()
    wb.remove(wb.active)
    info_sheet(wb, {"rulebook": rulebook.code, "version": "1"})
    rows = [{"part": p.code} for p in rulebook.parts]
    criteria_sheet(wb, rows, [p.code for p in rulebook.parts])
    guide_sheet(wb, _parts_of(rulebook))
    return _save(wb)
