"""The session's documents: the minutes (PDF) and the score table (XLSX).

Documents are official Vietnamese papers, so they are always rendered in Vietnamese whatever the
reader's language; their templates receive only the plain facts of `session_report`. Every text
cell of the workbook is written as a string (a product named `=HYPERLINK(...)` stays text).
"""

from __future__ import annotations

from io import BytesIO

from flask_babel import force_locale
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from evalapp.common.pdf import render_document
from evalapp.common.xlsx import put
from evalapp.reports.formats import day_words, place_date
from evalapp.reports.session_report import SessionFacts

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCORE_FORMAT = "0.00"


def minutes_pdf(facts: SessionFacts, with_names: bool) -> bytes:
    with force_locale("vi"):
        return render_document(
            "reports/minutes_pdf.html",
            facts=facts,
            with_names=with_names,
            place_date=place_date(facts.place, facts.day),
            day_words=day_words(facts.day),
        )


def column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


def number_cell(ws, ref: str, value) -> None:
    """A score as a number (Excel can sum it), shown with two decimals."""
    cell = ws[ref]
    cell.value = None if value is None else float(value)
    cell.number_format = SCORE_FORMAT


def score_headings(facts: SessionFacts) -> list[str]:
    members = [_("TV %(n)d", n=seat.number) for seat in facts.scoring_seats]
    parts = [_("Phần %(code)s (TB)", code=code) for code in facts.parts]
    return [
        _("TT"),
        _("Mã hồ sơ"),
        _("Sản phẩm"),
        _("Chủ thể"),
        *members,
        *parts,
        _("Điểm trung bình"),
        _("Hạng"),
        _("Kết luận"),
    ]


def header_rows(ws, facts: SessionFacts) -> int:
    """The title block; returns the row of the column headings."""
    put(ws, "A1", _("BẢNG TỔNG HỢP ĐIỂM ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP")).font = Font(
        bold=True, size=13
    )
    lines = [
        (_("Đơn vị"), facts.issuing_body),
        (_("Hội đồng"), facts.council),
        (
            _("Quyết định thành lập"),
            _(
                "Số %(number)s, %(day)s",
                number=facts.council_decision_number,
                day=day_words(facts.council_decision_date),
            ),
        ),
        (_("Phiên họp"), facts.session_title),
        (_("Ngày họp"), facts.day.strftime("%d/%m/%Y")),
        (_("Địa điểm"), facts.venue),
    ]
    for row, (label, value) in enumerate(lines, start=2):
        put(ws, f"A{row}", label, bold=True)
        put(ws, f"C{row}", value)
    put(
        ws, f"A{len(lines) + 2}", _("TV n: tổng điểm của thành viên số n; để trống khi không chấm.")
    )
    return len(lines) + 4


def dossier_row(ws, row: int, dossier, facts: SessionFacts) -> None:
    values = [dossier.position, dossier.receipt_code, dossier.product, dossier.producer]
    for column, value in enumerate(values, start=1):
        put(ws, f"{column_letter(column)}{row}", value)
    column = len(values) + 1
    totals = {score.number: score for score in dossier.scores}
    for seat in facts.scoring_seats:
        score = totals.get(seat.number)
        ref = f"{column_letter(column)}{row}"
        if score is not None and score.total is not None:
            number_cell(ws, ref, score.total)
        elif score is not None:
            put(ws, ref, score.note)
        column += 1
    for code in facts.parts:
        number_cell(ws, f"{column_letter(column)}{row}", dossier.part_scores.get(code))
        column += 1
    number_cell(ws, f"{column_letter(column)}{row}", dossier.average)
    put(ws, f"{column_letter(column + 1)}{row}", dossier.class_label)
    put(ws, f"{column_letter(column + 2)}{row}", dossier.conclusion)


def score_table_xlsx(facts: SessionFacts) -> bytes:
    """One row per dossier: members' totals, part averages, the average and the class."""
    with force_locale("vi"):
        wb = Workbook()
        ws = wb.active
        ws.title = _("Bảng điểm")
        heading_row = header_rows(ws, facts)
        for column, heading in enumerate(score_headings(facts), start=1):
            cell = put(ws, f"{column_letter(column)}{heading_row}", heading, bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        for row, dossier in enumerate(facts.dossiers, start=heading_row + 1):
            dossier_row(ws, row, dossier, facts)
        widths = {"A": 5, "B": 16, "C": 32, "D": 32}
        for letter, width in widths.items():
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = f"E{heading_row + 1}"
        out = BytesIO()
        wb.save(out)
    return out.getvalue()
