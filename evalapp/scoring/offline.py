"""The paper path: a blank sheet per member as XLSX (to fill in Excel) or PDF (to print), and a
filled XLSX read back and recorded on the member's behalf.

The workbook carries a hidden sheet naming the criteria sheet, dossier, member and scoring round,
so a file is only ever imported where it came from. Every text cell is written as a string: a
product named `=HYPERLINK(...)` stays text in Excel (no formula, no link), shown as typed.
PDFs load nothing but `data:` URLs and the project's own font files.

A filled workbook is read by openpyxl with defusedxml (openpyxl uses it whenever it is
installed; `common.xlsx` refuses to start without it), after `common.uploads` has refused
any DTD or entity declaration: an XML bomb or an external entity is refused with a message.
Whatever else goes wrong while the workbook is read (lazily, in read-only mode) is "not
readable", never a server error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.urls import absolute_url
from evalapp.common.xlsx import UNREADABLE, put
from evalapp.councils.models import AgendaItem, CouncilMember
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.rules import CriteriaSheet, Criterion, format_points, score_sheet
from evalapp.scoring.models import ScoreSheet
from evalapp.scoring.services import open_sheet, save_draft

FORMAT = "evalapp-phieu-giay-1"
META_SHEET = "_nhan_dien"
FIRST_ROW = 11  # the column headings are on row 10
INPUT, COMMENT = "C", "E"


class ImportRefused(Refusal):
    """A filled sheet that cannot be recorded; `errors` name the cells, for the secretary."""

    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass
class PaperSheet:
    choices: dict[str, str] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    overall: str = ""


# --- what the sheet is about ------------------------------------------------------------------


def sheet_facts(item: AgendaItem, member: CouncilMember) -> dict:
    """Plain values for the header block, the hidden identity and the PDF."""
    dossier, session = item.dossier, item.session
    return {
        "council": session.council.name,
        "session": session.title,
        "receipt_code": dossier.receipt_code or "",
        "product_code": dossier.product_code or "",  # 26/2026 Phụ lục II, the sheet's header
        "product": dossier.product.name,
        "member_number": member.number,
        "member_name": member.user.full_name,
        "scoring_round": item.scoring_round,
        "item_id": item.id,
        "dossier_id": dossier.id,
        "member_id": member.id,
    }


def part_leaves(part) -> list[Criterion]:
    return [node for top in part.criteria for _depth, node in top.walk() if node.is_leaf]


def leaf_rows(criteria: CriteriaSheet) -> list[tuple[int, Criterion | str]]:
    """The layout of the criteria table: the sheet's exclusion line when it has one (26/2026
    "Hồ sơ bị loại khi …", optional), then a heading row per part and one row per leaf."""
    rows, row = [], FIRST_ROW
    if criteria.exclusion_criterion is not None:
        rows.append((row, criteria.exclusion_criterion))
        row += 1
    for part in criteria.parts:
        rows.append((row, part.code))
        row += 1
        for leaf in part_leaves(part):
            rows.append((row, leaf))
            row += 1
    return rows


def overall_row(criteria: CriteriaSheet) -> int:
    return leaf_rows(criteria)[-1][0] + 2


def levels_text(leaf: Criterion) -> str:
    cases = {case.code: case.name.vi for case in leaf.cases}
    lines = []
    for level in leaf.levels:
        prefix = f"({cases[level.case]}) " if level.case in cases else ""
        points = format_points(level.points)
        marker = f" {'*' * level.stars}" if level.stars else ""
        lines.append(f"{level.code}: {points} đ – {prefix}{level.text.vi}{marker}")
    return "\n".join(lines)


# --- the blank XLSX ---------------------------------------------------------------------------


def header_block(ws, facts: dict, criteria: CriteriaSheet) -> None:
    ws.merge_cells("A1:E1")
    put(ws, "A1", _("PHIẾU CHẤM ĐIỂM SẢN PHẨM OCOP"), bold=True).font = Font(bold=True, size=14)
    lines = [
        (_("Phiếu đánh giá"), criteria.name.vi),
        (_("Hội đồng"), facts["council"]),
        (_("Phiên họp"), facts["session"]),
        (_("Mã hồ sơ"), facts["receipt_code"]),
        (_("Sản phẩm"), facts["product"]),
        (_("Thành viên"), f"{facts['member_number']}. {facts['member_name']}"),
        (_("Vòng chấm"), str(facts["scoring_round"])),
    ]
    for row, (label, value) in enumerate(lines, start=2):
        put(ws, f"A{row}", label, bold=True)
        ws.merge_cells(f"B{row}:E{row}")
        put(ws, f"B{row}", value)
    ws.merge_cells("A9:E9")
    put(ws, "A9", _("Ghi mã mức đã chọn vào cột “Mức chọn (mã)”; chỉ các ô tô vàng được sửa."))
    headings = (_("Mã"), _("Tiêu chí"), _("Mức chọn (mã)"), _("Các mức (mã: điểm – nội dung)"))
    for column, heading in zip("ABCDE", (*headings, _("Ghi chú")), strict=True):
        put(ws, f"{column}{FIRST_ROW - 1}", heading, bold=True)


def editable(cell) -> None:
    cell.protection = Protection(locked=False)
    cell.fill = PatternFill("solid", fgColor="FFF2CC")
    cell.number_format = "@"


def criterion_row(ws, row: int, leaf: Criterion) -> None:
    put(ws, f"A{row}", leaf.code, bold=True)
    put(ws, f"B{row}", leaf.name.vi)
    put(ws, f"D{row}", levels_text(leaf))
    for column in (INPUT, COMMENT):
        editable(ws[f"{column}{row}"])
    codes = ",".join(level.code for level in leaf.levels)
    rule = DataValidation(type="list", formula1=f'"{codes}"', allow_blank=True)
    rule.error = _("Chỉ ghi một mã mức có trong cột “Các mức”.")
    rule.errorTitle = _("Mức không có trong phiếu")
    rule.add(f"{INPUT}{row}")
    ws.add_data_validation(rule)


def identity_sheet(wb, facts: dict, criteria: CriteriaSheet) -> None:
    meta = wb.create_sheet(META_SHEET)
    values = {
        "format": FORMAT,
        "sheet_code": criteria.code,
        "sheet_version": criteria.version,
        "dossier_id": facts["dossier_id"],
        "member_id": facts["member_id"],
        "scoring_round": facts["scoring_round"],
    }
    for row, (key, value) in enumerate(values.items(), start=1):
        put(meta, f"A{row}", key)
        put(meta, f"B{row}", str(value))
    meta.sheet_state = "hidden"
    meta.protection.sheet = True


def blank_xlsx(facts: dict, criteria: CriteriaSheet) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = _("Phiếu chấm")[:31]
    header_block(ws, facts, criteria)
    for row, entry in leaf_rows(criteria):
        if isinstance(entry, str):
            put(ws, f"A{row}", _("Phần %(code)s", code=entry), bold=True)
        else:
            criterion_row(ws, row, entry)
    last = overall_row(criteria)
    put(ws, f"B{last}", _("Nhận xét chung"), bold=True)
    editable(ws[f"{INPUT}{last}"])
    ws[f"{INPUT}{last}"].comment = Comment(_("Nhận xét chung của thành viên (không bắt buộc)."), "")
    put(ws, f"B{last + 2}", _("Thành viên ký, ghi rõ họ tên: ................................"))
    for column, width in zip("ABCDE", (8, 45, 14, 70, 30), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = f"A{FIRST_ROW}"
    ws.protection.sheet = True
    identity_sheet(wb, facts, criteria)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


# --- reading a filled XLSX --------------------------------------------------------------------


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_identity(wb) -> dict[str, str]:
    if META_SHEET not in wb.sheetnames:
        return {}
    rows = wb[META_SHEET].iter_rows(min_row=1, max_col=2, values_only=True)
    return {cell_text(key): cell_text(value) for key, value in rows if key}


def identity_errors(found: dict[str, str], facts: dict, criteria: CriteriaSheet) -> list[str]:
    if found.get("format") != FORMAT:
        return [_("Tệp này không phải phiếu chấm tải từ hệ thống (thiếu phần nhận diện phiếu).")]
    checks = [
        ("dossier_id", facts["dossier_id"], _("Tệp này là phiếu của hồ sơ khác.")),
        ("member_id", facts["member_id"], _("Tệp này là phiếu của thành viên khác.")),
        ("scoring_round", facts["scoring_round"], _("Tệp này là phiếu của vòng chấm khác.")),
        ("sheet_code", criteria.code, _("Tệp này dùng phiếu đánh giá khác.")),
        (
            "sheet_version",
            criteria.version,
            _("Mẫu phiếu đã thay đổi từ khi tải tệp; hãy tải phiếu trống mới."),
        ),
    ]
    return [message for key, wanted, message in checks if found.get(key) != str(wanted)]


def read_cells(ws, criteria: CriteriaSheet) -> dict[str, str]:
    """Every value of the sheet by cell reference (read-only workbooks have no random access)."""
    cells = {}
    for row in ws.iter_rows(min_row=1, max_row=overall_row(criteria), max_col=5):
        for cell in row:
            if getattr(cell, "coordinate", None) and cell.value is not None:
                cells[cell.coordinate] = cell_text(cell.value)
    return cells


def read_choices(cells: dict[str, str], criteria: CriteriaSheet) -> tuple[PaperSheet, list[str]]:
    paper, errors, bad = PaperSheet(), [], set()
    for row, leaf in leaf_rows(criteria):
        if isinstance(leaf, str):
            continue
        if cells.get(f"A{row}") != leaf.code:
            errors.append(
                _(
                    "Ô A%(row)d: mẫu phiếu đã bị sửa (cần mã tiêu chí %(code)s).",
                    row=row,
                    code=leaf.code,
                )
            )
            bad.add(leaf.code)
            continue
        value = cells.get(f"{INPUT}{row}", "")
        codes = {level.code.casefold(): level.code for level in leaf.levels}
        if value and value.casefold() not in codes:
            errors.append(
                _(
                    "Ô %(cell)s (tiêu chí %(code)s): mức “%(level)s” không có trong phiếu",
                    cell=f"{INPUT}{row}",
                    code=leaf.code,
                    level=value,
                )
            )
            bad.add(leaf.code)
        elif value:
            paper.choices[leaf.code] = codes[value.casefold()]
        if comment := cells.get(f"{COMMENT}{row}"):
            paper.comments[leaf.code] = comment
    paper.overall = cells.get(f"{INPUT}{overall_row(criteria)}", "")
    return paper, errors + missing_cells(paper, criteria, bad)


def missing_cells(paper: PaperSheet, criteria: CriteriaSheet, bad: set[str]) -> list[str]:
    """Required cells left empty; conditional criteria and those after a stop level may be."""
    missing = set(score_sheet(criteria, paper.choices).missing) - bad
    return [
        _("Ô %(cell)s (tiêu chí %(code)s) chưa điền", cell=f"{INPUT}{row}", code=leaf.code)
        for row, leaf in leaf_rows(criteria)
        if not isinstance(leaf, str) and leaf.code in missing
    ]


def read_filled(data: bytes, facts: dict, criteria: CriteriaSheet) -> PaperSheet:
    """The choices of a filled sheet, or `ImportRefused` naming every wrong cell."""
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=True)
    except UNREADABLE:
        raise ImportRefused([_("Không đọc được tệp Excel này.")]) from None
    try:
        errors = identity_errors(read_identity(wb), facts, criteria)
        if errors:
            raise ImportRefused(errors)
        paper, errors = read_choices(read_cells(wb.worksheets[0], criteria), criteria)
    except UNREADABLE:  # read-only sheets are parsed as they are read
        raise ImportRefused([_("Không đọc được tệp Excel này.")]) from None
    finally:
        wb.close()
    if errors:
        raise ImportRefused(errors)
    return paper


def record_paper_sheet(
    item: AgendaItem, member: CouncilMember, paper: PaperSheet, note: str, actor: User
) -> ScoreSheet:
    """Save the member's sheet as read from paper, entered by `actor` (the secretary), as a draft
    awaiting the member's confirmation in the application: nothing the secretary does signs a
    member's sheet (issue 13). The member is notified. Raises `ScoringError` as the online path."""
    sheet = open_sheet(item, member, actor)
    save_draft(sheet, paper.choices, paper.comments, paper.overall, None, actor)
    sheet.entered_by_id = actor.id
    db.session.flush()
    audit.record(
        "sheet.paper_imported",
        sheet,
        actor=actor,
        after={"member_id": member.id, "choices": dict(sheet.choices), "awaits_member": True},
        note=note,
    )
    notify(
        [member.user],
        _l("Phiếu giấy chờ bạn xác nhận"),
        _l(
            "Thư ký đã nhập phiếu giấy của bạn cho hồ sơ %(dossier)s; phiếu đang chờ bạn xác "
            "nhận. Phiếu chỉ được tính khi bạn xác nhận trong hệ thống: hãy xem lại các mức rồi "
            "xác nhận hoặc phản đối.",
            dossier=item.dossier.receipt_code or item.dossier.product.name,
        ),
        absolute_url("scoring.sheet", item_id=item.id),
    )
    return sheet


# --- the printable PDF ------------------------------------------------------------------------


def pdf_parts(criteria: CriteriaSheet) -> list[dict]:
    """The criteria table as plain data for the PDF template."""
    parts = []
    for part in criteria.parts:
        leaves = part_leaves(part)
        parts.append(
            {
                "code": part.code,
                "max": format_points(part.max_points),
                "leaves": [
                    {
                        "code": leaf.code,
                        "name": leaf.name.vi,
                        "conditional": leaf.condition is not None,
                        "levels": [
                            {
                                "code": level.code,
                                "points": format_points(level.points),
                                "text": level.text.vi,
                                "stars": level.stars,
                            }
                            for level in leaf.levels
                        ],
                    }
                    for leaf in leaves
                ],
            }
        )
    return parts
