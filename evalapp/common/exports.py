"""A list page's rows as a download, CSV or XLSX (issue 18, item 2): every row the page's filters
select, not only the page shown.

- **XLSX** is for people: typed cells (dates as dates shown dd/mm/yyyy, numbers as numbers), a
  bold header row kept in view, text never read as a formula (`common.xlsx.store`).
- **CSV** is for tools: RFC 4180 with commas, UTF-8 with a byte-order mark so that Excel reads the
  Vietnamese letters, dates in ISO 8601 and decimals with a point (a comma would clash with the
  separator). A text cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab,
  carriage return) is prefixed with an apostrophe, as OWASP advises against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from flask import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from evalapp.common.downloads import send_generated
from evalapp.common.xlsx import FORMULA_STARTS, store

FORMATS = ("csv", "xlsx")
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv; charset=utf-8"
DAY_FORMAT = "dd/mm/yyyy"


@dataclass(frozen=True)
class Column:
    """A column of an export: its heading (in the user's language) and how a row gives its value
    (text, a number, a date or None)."""

    title: str
    value: Callable[[Any], Any]
    width: int = 18


def export_response(
    kind: str, stem: str, sheet_title: str, columns: list[Column], rows: Iterable[Any]
) -> Response:
    """The rows as `stem.csv` or `stem.xlsx` (`kind` one of `FORMATS`)."""
    values = ([column.value(row) for column in columns] for row in rows)
    headings = [column.title for column in columns]
    if kind == "csv":
        return send_generated(csv_bytes(headings, values), f"{stem}.csv", mimetype=CSV_MIMETYPE)
    widths = [column.width for column in columns]
    data = xlsx_bytes(sheet_title, headings, widths, values)
    return send_generated(data, f"{stem}.xlsx", mimetype=XLSX_MIMETYPE)


def csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(headings: list[str], rows: Iterable[list[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([csv_cell(title) for title in headings])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return "\ufeff".encode() + buffer.getvalue().encode("utf-8")


def xlsx_bytes(
    title: str, headings: list[str], widths: list[int], rows: Iterable[list[Any]]
) -> bytes:
    """Written in openpyxl's write-only mode: a province's few thousand rows stay light."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    sheet.append([_cell(sheet, title, font=bold) for title in headings])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def _cell(sheet, value: Any, font: Font | None = None) -> WriteOnlyCell:
    """Decimals (scores) keep their two places as shown; dates are shown dd/mm/yyyy."""
    cell = WriteOnlyCell(sheet)
    store(cell, float(value) if isinstance(value, Decimal) else value)
    if isinstance(value, Decimal):
        cell.number_format = "0.00"
    elif isinstance(value, date):
        cell.number_format = DAY_FORMAT
    if font is not None:
        cell.font = font
    return cell
