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
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from evalapp.common.pdf import render_document
from evalapp.common.xlsx import store
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


# One style object of each kind, shared by every cell (a workbook of 150 dossiers made two
# thousand of them, a third of its time).
WRAP = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(wrap_text=True, vertical="center", horizontal="center")
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
WIDTHS = {"A": 5, "B": 16, "C": 32, "D": 32}


def text_cell(ws, value, font: Font | None = None, alignment: Alignment = WRAP) -> WriteOnlyCell:
    """`value` as `common.xlsx.store` writes it (text stays text), wrapped and top-aligned."""
    cell = WriteOnlyCell(ws)
    store(cell, value)
    cell.alignment = alignment
    if font is not None:
        cell.font = font
    return cell


def number_cell(ws, value) -> WriteOnlyCell:
    """A score as a number (Excel can sum it), shown with two decimals."""
    cell = WriteOnlyCell(ws, None if value is None else float(value))
    cell.number_format = SCORE_FORMAT
    return cell


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


def header_rows(ws, facts: SessionFacts) -> list[list]:
    """The title block, a blank row, then the column headings."""
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
    title = _("BẢNG TỔNG HỢP ĐIỂM ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP")
    return [
        [text_cell(ws, title, TITLE)],
        *([text_cell(ws, label, BOLD), None, text_cell(ws, value)] for label, value in lines),
        [text_cell(ws, _("TV n: tổng điểm của thành viên số n; để trống khi không chấm."))],
        [],
        [text_cell(ws, heading, BOLD, CENTRED) for heading in score_headings(facts)],
    ]


def member_cell(ws, score):
    if score is None:
        return None
    if score.total is not None:
        return number_cell(ws, score.total)
    return text_cell(ws, score.note)


def dossier_row(ws, dossier, facts: SessionFacts) -> list:
    totals = {score.number: score for score in dossier.scores}
    return [
        *(
            text_cell(ws, value)
            for value in (dossier.position, dossier.receipt_code, dossier.product, dossier.producer)
        ),
        *(member_cell(ws, totals.get(seat.number)) for seat in facts.scoring_seats),
        *(number_cell(ws, dossier.part_scores.get(code)) for code in facts.parts),
        number_cell(ws, dossier.average),
        text_cell(ws, dossier.class_label),
        text_cell(ws, dossier.conclusion),
    ]


def score_table_xlsx(facts: SessionFacts) -> bytes:
    """One row per dossier: members' totals, part averages, the average and the class. Written
    row by row (openpyxl's write-only workbook), the same cells as a workbook built in memory."""
    with force_locale("vi"):
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(_("Bảng điểm"))
        for letter, width in WIDTHS.items():
            ws.column_dimensions[letter].width = width
        header = header_rows(ws, facts)
        ws.freeze_panes = f"E{len(header) + 1}"
        for row in header:
            ws.append(row)
        for dossier in facts.dossiers:
            ws.append(dossier_row(ws, dossier, facts))
        out = BytesIO()
        wb.save(out)
    return out.getvalue()
