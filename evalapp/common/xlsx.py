"""Writing and reading XLSX workbooks safely, for every feature that offers one.

Text is always stored as a string: a value typed as `=HYPERLINK(...)` stays text in Excel (no
formula, no link), shown as typed. Workbooks are read by openpyxl with defusedxml (openpyxl uses
it whenever it is installed; this module refuses to load without it), after `common.uploads` has
refused any DTD or entity declaration; `UNREADABLE` is what reading a hostile workbook raises.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

import openpyxl.xml
from openpyxl.styles import Alignment, Font

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What openpyxl refuses to write (control characters other than tab, LF and CR).
ILLEGAL = re.compile(r"[\000-\010\013\014\016-\037]")

if not openpyxl.xml.DEFUSEDXML:  # pragma: no cover - requirements.txt pins defusedxml
    raise ImportError(
        "openpyxl must read workbooks with defusedxml: install it, unset OPENPYXL_DEFUSEDXML"
    )
# What reading a hostile workbook raises (defusedxml's refusals are ValueErrors).
UNREADABLE = (
    BadZipFile,
    KeyError,
    ValueError,
    OSError,
    ParseError,
    TypeError,
    IndexError,
    EOFError,
)


def store(cell, value) -> None:
    """Set `value`; text is always stored as a string, never read as a formula."""
    if isinstance(value, str):
        value = ILLEGAL.sub("", value)
        cell.value = value
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # as Excel marks text typed after an apostrophe
    else:
        cell.value = value


def put(ws, ref: str, value, bold: bool = False):
    """Write `value` at `ref` (see `store`), wrapped and top-aligned."""
    cell = ws[ref]
    store(cell, value)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    if bold:
        cell.font = Font(bold=True)
    return cell
