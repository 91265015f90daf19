"""Reading a criteria sheet workbook: the file checks, the cells of its two worksheets, and the
problems found, each at its worksheet, row and column, in Vietnamese and English.

The file is checked like any upload (`common.uploads`: a ZIP package of the right parts, no
macro, no bomb, no DTD) and capped in size and rows. Formulas are never evaluated: a cell
holding one is refused. `xlsx_import` turns the rows into a sheet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from evalapp.common.uploads.content import CONTENT_CHECKS
from evalapp.common.uploads.detection import detect_format
from evalapp.common.uploads.formats import UploadRejected
from evalapp.common.xlsx import UNREADABLE
from evalapp.rules import CriteriaSheet
from evalapp.rules.sheet import ANY_LEAF_ZERO

from .layout import (
    COLUMNS,
    CRITERIA_SHEET,
    FIRST_ROW,
    INFO_FIELDS,
    INFO_SHEET,
    LETTERS,
    MAX_BYTES,
    MAX_ROWS,
    ZERO_STOP,
)

SHEET_CODE = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
CRITERION_CODE = re.compile(r"[0-9A-Za-z]+(\.[0-9A-Za-z]+)*")
SHEET_CODE_MAX, CRITERION_CODE_MAX = 60, 20  # the database columns that record them
RULE_KINDS = {
    "loại": ("knockout", None),
    "dừng": ("stop", None),
    ZERO_STOP.casefold(): ("stop", ANY_LEAF_ZERO),
}
YES_WORDS, NO_WORDS = {"x", "có"}, {"", "không"}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted OOXML file, or an old .xls
MAX_INFO_ROWS = 100
UPLOAD_NAME = "phieu.xlsx"
REFUSALS = {
    "type": (
        "Tệp không phải bảng tính Excel .xlsx hoặc bị hỏng",
        "The file is not an Excel .xlsx workbook, or it is damaged",
    ),
    "macro": (
        "Tệp chứa macro; chỉ nhận .xlsx không có macro",
        "The file holds macros; only .xlsx without macros is accepted",
    ),
    "archive": (
        "Tệp có cấu trúc bất thường (quá nhiều thành phần, dung lượng giải nén quá lớn hoặc chứa tệp nén bên trong)",
        "The file has an unusual structure (too many parts, too much unpacked data or an archive inside)",
    ),
}
READ_ERRORS = (*UNREADABLE, AttributeError, LookupError, ArithmeticError)


@dataclass(frozen=True)
class ImportProblem:
    """What keeps the workbook from being a sheet, with where it is when known."""

    message_vi: str
    message_en: str
    worksheet: str | None = None
    row: int | None = None
    column: str | None = None

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass(frozen=True)
class ImportOutcome:
    """The sheet and its JSON data (the app's own format), or the problems (never both)."""

    sheet: CriteriaSheet | None = None
    data: dict | None = None
    problems: tuple[ImportProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.sheet is not None


def refused(vi: str, en: str) -> ImportOutcome:
    return ImportOutcome(problems=(ImportProblem(vi, en),))


# --- problems with a place ------------------------------------------------------------


@dataclass
class Problems:
    found: list[ImportProblem] = field(default_factory=list)
    rows: set[int] = field(default_factory=set)

    def cell(
        self, row: int, key: str | None, vi: str, en: str, worksheet: str = CRITERIA_SHEET
    ) -> None:
        """A problem at a row (and column): "Hàng 37, cột E: …"."""
        column = LETTERS[key] if key in LETTERS and worksheet == CRITERIA_SHEET else key
        at_vi = f"hàng {row}" + (f", cột {column}" if column else "")
        at_en = f"row {row}" + (f", column {column}" if column else "")
        if worksheet == CRITERIA_SHEET:
            where_vi, where_en = "H" + at_vi[1:], "R" + at_en[1:]
        else:
            where_vi, where_en = f"Trang {worksheet}, {at_vi}", f"Sheet {worksheet}, {at_en}"
        self.found.append(
            ImportProblem(f"{where_vi}: {vi}", f"{where_en}: {en}", worksheet, row, column)
        )
        if worksheet == CRITERIA_SHEET:
            self.rows.add(row)

    def plain(self, vi: str, en: str, row: int | None = None, key: str | None = None) -> None:
        """A problem whose message says where it is itself ("Mã 6.1.3 trùng ở hàng 88 và 91")."""
        column = LETTERS.get(key) if key else None
        self.found.append(ImportProblem(vi, en, CRITERIA_SHEET if row else None, row, column))
        if row:
            self.rows.add(row)


# --- cell values ----------------------------------------------------------------------


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_points(value) -> Decimal | None:
    """A non-negative number, or None when the cell does not hold one."""
    if isinstance(value, bool):
        return None
    try:
        number = (
            Decimal(repr(value))
            if isinstance(value, float)
            else Decimal(cell_text(value).replace(",", "."))
        )
    except InvalidOperation:
        return None
    return number if number.is_finite() and number >= 0 else None


def read_stars(value) -> int | None:
    points = read_points(value)
    if points is None or points != points.to_integral_value() or not 1 <= points <= 5:
        return None
    return int(points)


def read_flag(value) -> bool | None:
    word = cell_text(value).casefold()
    return True if word in YES_WORDS else False if word in NO_WORDS else None


def _text(vi: str, en: str) -> dict:
    return {"vi": vi, "en": en}


# --- reading the worksheets -------------------------------------------------------------


def worksheet_rows(ws, first: int, width: int, limit: int, problems: Problems, name: str):
    """(row number, values) of the non-empty rows; a formula cell is refused, not read."""
    for number, cells in enumerate(ws.iter_rows(min_row=first, max_col=width), start=first):
        if number >= first + limit:
            problems.plain(
                f"Trang {name} có quá nhiều hàng (tối đa {limit})",
                f"Sheet {name} has too many rows (at most {limit})",
            )
            return
        values = []
        for index, cell in enumerate(cells):
            if getattr(cell, "data_type", None) == "f":
                letter = COLUMNS[index].key if name == CRITERIA_SHEET else "ABC"[index]
                problems.cell(
                    number,
                    letter,
                    "ô chứa công thức; hãy ghi giá trị",
                    "the cell holds a formula; enter a value",
                    name,
                )
                values.append(None)
            else:
                values.append(getattr(cell, "value", None))
        values += [None] * (width - len(values))
        if any(cell_text(v) for v in values):
            yield number, values


def read_info(wb, problems: Problems) -> dict[str, tuple[int, str, str]]:
    """Field key → (row, Vietnamese value, English value) of the "Thông tin" worksheet."""
    if INFO_SHEET not in wb.sheetnames:
        problems.plain(f"Thiếu trang “{INFO_SHEET}”", f"The worksheet “{INFO_SHEET}” is missing")
        return {}
    labels = {f.label.casefold(): f.key for f in INFO_FIELDS}
    found = {}
    for row, values in worksheet_rows(wb[INFO_SHEET], 2, 3, MAX_INFO_ROWS, problems, INFO_SHEET):
        key = labels.get(cell_text(values[0]).casefold())
        if key is not None:
            found[key] = (row, cell_text(values[1]), cell_text(values[2]))
    return found


def read_criteria_rows(wb, problems: Problems) -> list[tuple[int, dict]] | None:
    """The rows of "Tiêu chí" by column key, or None when the worksheet or its headings (which
    say what each column holds) are not those of the template."""
    if CRITERIA_SHEET not in wb.sheetnames:
        problems.plain(
            f"Thiếu trang “{CRITERIA_SHEET}”", f"The worksheet “{CRITERIA_SHEET}” is missing"
        )
        return None
    ws = wb[CRITERIA_SHEET]
    headings = next(ws.iter_rows(min_row=1, max_row=1, max_col=len(COLUMNS), values_only=True), ())
    headings = (*headings, *[None] * (len(COLUMNS) - len(headings)))
    wrong = [c for c, h in zip(COLUMNS, headings, strict=True) if cell_text(h) != c.header]
    for column in wrong:
        problems.cell(
            1,
            column.key,
            f"tiêu đề cột phải là “{column.header}” (các cột giữ đúng thứ tự của mẫu)",
            f"the column heading must be “{column.header}” (keep the template's columns in order)",
        )
    if wrong:
        return None
    rows = worksheet_rows(ws, FIRST_ROW, len(COLUMNS), MAX_ROWS, problems, CRITERIA_SHEET)
    return [(row, {c.key: v for c, v in zip(COLUMNS, values, strict=True)}) for row, values in rows]


def refusal_of_file(data: bytes) -> ImportOutcome | None:
    if not data:
        return refused("Tệp trống", "The file is empty")
    if len(data) > MAX_BYTES:
        mb = MAX_BYTES // (1024 * 1024)
        return refused(f"Tệp quá lớn (tối đa {mb} MB)", f"The file is too large (at most {mb} MB)")
    if data.startswith(OLE_MAGIC):
        return refused(
            "Tệp được đặt mật khẩu hoặc là tệp Excel cũ (.xls): hãy lưu thành .xlsx không mật khẩu",
            "The file is password-protected or an old Excel file (.xls): save it as .xlsx without a password",
        )
    try:
        detect_format(data, UPLOAD_NAME, frozenset({"xlsx"}))
        CONTENT_CHECKS["xlsx"](data, UPLOAD_NAME)
    except UploadRejected as rejection:
        vi, en = REFUSALS.get(rejection.reason, REFUSALS["type"])
        return refused(vi, en)
    return None
