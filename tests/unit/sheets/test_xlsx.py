"""A criteria sheet as an XLSX workbook an official fills in: exported and read back identical,
and every mistake of a hand-filled workbook named at its row and column."""

import io
import zipfile
from dataclasses import replace
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from evalapp.rules import list_rulebooks, list_sheets, load_rulebook, load_sheet, parse_sheet
from evalapp.sheets import xlsx_reading
from evalapp.sheets.layout import COLUMNS, CRITERIA_SHEET, INFO_SHEET, LETTERS
from evalapp.sheets.xlsx import blank_template, export_sheet, import_sheet

SHIPPED = [(rb, sheet) for rb in list_rulebooks() for sheet in list_sheets(rb.code)]
R1048, R26 = load_rulebook("1048-2019"), load_rulebook("26-2026")
DECOR = load_sheet("1048-2019", "tcmn-trang-tri")


def messages(outcome) -> list[str]:
    assert outcome.sheet is None and outcome.data is None
    return [p.message_vi for p in outcome.problems]


def edited(data: bytes, edit) -> bytes:
    wb = load_workbook(io.BytesIO(data))
    edit(wb[CRITERIA_SHEET], wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(ws, code: str, level: str | None = None) -> int:
    """The first row of criterion `code` (with option `level`)."""
    for row in range(2, ws.max_row + 1):
        if ws[f"{LETTERS['code']}{row}"].value == code and (
            level is None or ws[f"{LETTERS['level']}{row}"].value == level
        ):
            return row
    raise KeyError(code)


def put(ws, row: int, key: str, value) -> None:
    ws[f"{LETTERS[key]}{row}"] = value


@pytest.mark.parametrize("rulebook, sheet", SHIPPED, ids=[s.code for _, s in SHIPPED])
def test_every_shipped_sheet_exports_and_imports_back_identical(rulebook, sheet):
    outcome = import_sheet(export_sheet(sheet, rulebook), rulebook)
    assert outcome.problems == ()
    assert outcome.sheet == sheet
    assert parse_sheet(outcome.data, rulebook) == sheet


def test_all_29_shipped_sheets_are_covered():
    assert len(SHIPPED) == 29


def test_the_workbook_has_its_worksheets_frozen_headings_and_validations():
    wb = load_workbook(io.BytesIO(export_sheet(DECOR, R1048)))
    assert wb.sheetnames == [INFO_SHEET, CRITERIA_SHEET, "Hướng dẫn"]
    ws = wb[CRITERIA_SHEET]
    assert ws.freeze_panes == "C2"
    assert [c.value for c in ws[1]][:4] == [
        "Phần",
        "Mã tiêu chí",
        "Tên tiêu chí",
        "Tên tiêu chí (tiếng Anh)",
    ]
    kinds = {(dv.type, str(dv.sqref).split(":")[0]) for dv in ws.data_validations.dataValidation}
    assert ("list", f"{LETTERS['part']}2") in kinds
    assert ("decimal", f"{LETTERS['level_points']}2") in kinds
    assert ("whole", f"{LETTERS['stars']}2") in kinds
    assert ("list", f"{LETTERS['knockout']}2") in kinds
    info = {row[0].value: row[1].value for row in wb[INFO_SHEET].iter_rows(min_row=2)}
    assert info["Mã phiếu"] == "tcmn-trang-tri" and info["Bộ tiêu chí"] == "1048-2019"
    guide = [row[1].value for row in wb["Hướng dẫn"].iter_rows(min_row=2)]
    assert "Điểm" in guide and "Sao" in guide


def test_one_row_per_option_and_one_per_section():
    ws = load_workbook(io.BytesIO(export_sheet(DECOR, R1048)))[CRITERIA_SHEET]
    leaf = DECOR.leaves[0]
    rows = [r for r in range(2, ws.max_row + 1) if ws[f"{LETTERS['code']}{r}"].value == leaf.code]
    assert len(rows) == len(leaf.levels)
    section = next(node for _, node in DECOR.walk() if node.children)
    assert ws[f"{LETTERS['level_vi']}{row_of(ws, section.code)}"].value is None


def test_the_blank_template_imports_as_an_empty_sheet():
    outcome = import_sheet(blank_template(R26), R26)
    assert "Phiếu trống: chưa có tiêu chí nào ở trang “Tiêu chí”" in messages(outcome)
    ws = load_workbook(io.BytesIO(blank_template(R26)))[CRITERIA_SHEET]
    assert [ws[f"A{r}"].value for r in range(2, 2 + len(R26.parts))] == [p.code for p in R26.parts]


def hand_filled(rulebook, rows) -> bytes:
    wb = Workbook()
    info = wb.active
    info.title = INFO_SHEET
    for row, (label, value) in enumerate(
        [("Mã phiếu", "phieu-thu"), ("Bộ tiêu chí", rulebook.code), ("Tên phiếu", "Phiếu thử")],
        start=2,
    ):
        info[f"A{row}"], info[f"B{row}"] = label, value
    ws = wb.create_sheet(CRITERIA_SHEET)
    ws.append([column.header for column in COLUMNS])
    for number, values in enumerate(rows, start=2):
        for key, value in values.items():
            put(ws, number, key, value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def small_sheet_rows(rulebook):
    """One section and one leaf per part, worth the part's maximum; level codes left out."""
    rows = []
    for index, part in enumerate(rulebook.parts, start=1):
        rows += [
            {"part": part.code, "code": str(index), "name_vi": f"Mục {index}"},
            {"code": f"{index}.1", "name_vi": "Tiêu chí", "level_vi": "Không", "level_points": 0},
            {
                "code": f"{index}.1",
                "level_vi": "Có",
                "level_points": float(part.maximum),
                "stars": 3,
            },
        ]
    return rows


def test_a_small_hand_filled_sheet_is_read_with_defaults():
    outcome = import_sheet(hand_filled(R1048, small_sheet_rows(R1048)), R1048)
    assert outcome.problems == ()
    sheet = outcome.sheet
    assert sheet.code == "phieu-thu" and sheet.version == "1"
    leaf = sheet.criterion("1.1")
    assert [lv.code for lv in leaf.levels] == ["1", "2"]
    assert leaf.levels[1].stars == 3 and leaf.part == R1048.parts[0].code
    assert [c.code for c in sheet.criterion("1").children] == ["1.1"]
    assert outcome.data["parts"][0]["criteria"][0]["children"][0]["levels"][1]["points"] == Decimal(
        R1048.parts[0].maximum
    )


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("level_points", -1, "điểm phải là số không âm"),
        ("level_points", "nhiều", "điểm phải là số không âm"),
        ("stars", 7, "sao phải là số nguyên từ 1 đến 5"),
        ("knockout", "có lẽ", "ghi x hoặc để trống"),
        ("part", "Z", "phần Z không có trong bộ tiêu chí (A, B, C)"),
        ("level_vi", None, "thiếu nội dung mức"),
        ("level_points", None, "thiếu điểm"),
        ("rule", "Cấm", "chọn Loại, Dừng hoặc Dừng khi có tiêu chí 0 điểm"),
    ],
)
def test_a_wrong_cell_is_named_by_row_and_column(key, value, expected):
    leaf = DECOR.leaves[2]
    rows = {}

    def edit(ws, _wb):
        rows["row"] = row_of(ws, leaf.code, leaf.levels[1].code)
        put(ws, rows["row"], key, value)

    found = messages(import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048))
    assert f"Hàng {rows['row']}, cột {LETTERS[key]}: {expected}" in found


def test_a_duplicate_code_names_both_rows_once():
    first, later = DECOR.leaves[1], DECOR.leaves[6]
    rows = {}

    def edit(ws, _wb):
        rows["first"], rows["later"] = row_of(ws, first.code), row_of(ws, later.code)
        for row in range(rows["later"], rows["later"] + len(later.levels)):
            put(ws, row, "code", first.code)
        put(ws, rows["later"], "name_vi", "Bản sao")

    found = messages(import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048))
    assert f"Mã {first.code} trùng ở hàng {rows['first']} và {rows['later']}" in found
    # once for the criterion, not once per option row; and no part total counted without it
    assert sum(f"Mã {first.code} trùng" in message for message in found) == 1
    assert not any(message.startswith(f"Phần {later.part}:") for message in found)


def test_a_wrong_part_total_says_how_far_off():
    leaf = next(leaf for leaf in DECOR.leaves if leaf.part == "C")
    best = max(leaf.levels, key=lambda lv: lv.points)
    maximum = R1048.part("C").maximum

    def edit(ws, _wb):
        put(ws, row_of(ws, leaf.code, best.code), "level_points", float(best.points - 2))

    found = messages(import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048))
    assert f"Phần C: tổng điểm tối đa {maximum - 2}, thiếu 2 so với {maximum}" in found


def test_a_missing_parent_and_a_dangling_condition():
    leaf, other = DECOR.leaves[3], DECOR.leaves[5]
    rows = {}

    def edit(ws, _wb):
        rows["leaf"], rows["other"] = row_of(ws, leaf.code), row_of(ws, other.code)
        for row in range(rows["leaf"], rows["leaf"] + len(leaf.levels)):
            put(ws, row, "code", "42.1")
        put(ws, rows["other"], "cond", "77")

    found = messages(import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048))
    assert (
        f"Hàng {rows['leaf']}, cột B: tiêu chí cha 42 của 42.1 chưa có ở hàng trên trong phần {leaf.part}"
        in found
    )
    assert (
        f"Hàng {rows['other']}, cột {LETTERS['cond']}: Tiêu chí {other.code}: điều kiện tham chiếu "
        "tiêu chí 77 không tồn tại"
    ) in found


def test_an_unknown_subgroup_is_placed_on_the_information_sheet():
    def edit(_ws, wb):
        wb[INFO_SHEET]["B6"] = "9.99"

    found = messages(import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048))
    assert found == [
        "Trang Thông tin, hàng 6, cột B: Nhóm sản phẩm 9.99 không có trong bộ tiêu chí"
    ]


def test_several_mistakes_are_all_listed_and_no_sheet_is_returned():
    a, b, c = DECOR.leaves[0], DECOR.leaves[4], DECOR.leaves[8]
    rows = {}

    def edit(ws, wb):
        rows["a"], rows["b"], rows["c"] = row_of(ws, a.code), row_of(ws, b.code), row_of(ws, c.code)
        put(ws, rows["a"], "level_points", -3)
        put(ws, rows["b"], "stars", 9)
        put(ws, rows["c"], "name_vi", None)
        wb[INFO_SHEET]["B2"] = "Mã Có Dấu"

    outcome = import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048)
    found = messages(outcome)
    assert f"Hàng {rows['a']}, cột {LETTERS['level_points']}: điểm phải là số không âm" in found
    assert f"Hàng {rows['b']}, cột {LETTERS['stars']}: sao phải là số nguyên từ 1 đến 5" in found
    assert f"Hàng {rows['c']}, cột C: thiếu tên tiêu chí {c.code}" in found
    assert any(
        m.startswith("Trang Thông tin, hàng 2, cột B: mã phiếu “Mã Có Dấu” không hợp lệ")
        for m in found
    )
    assert all(p.message_en for p in outcome.problems)
    assert {(p.row, p.column) for p in outcome.problems} >= {(rows["a"], LETTERS["level_points"])}


def test_moved_columns_are_refused_by_their_headings():
    def edit(ws, _wb):
        ws.insert_cols(3)

    found = messages(import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048))
    assert (
        found[0]
        == "Hàng 1, cột C: tiêu đề cột phải là “Tên tiêu chí” (các cột giữ đúng thứ tự của mẫu)"
    )


def test_a_formula_cell_is_refused_not_evaluated():
    leaf = DECOR.leaves[0]
    rows = {}

    def edit(ws, _wb):
        rows["row"] = row_of(ws, leaf.code)
        put(ws, rows["row"], "level_points", "=1+1")

    found = messages(import_sheet(edited(export_sheet(DECOR, R1048), edit), R1048))
    assert (
        f"Hàng {rows['row']}, cột {LETTERS['level_points']}: ô chứa công thức; hãy ghi giá trị"
        in found
    )


def test_text_that_looks_like_a_formula_is_written_and_read_as_text():
    sheet = replace(DECOR, name=replace(DECOR.name, vi='=HYPERLINK("http://x")'))
    data = export_sheet(sheet, R1048)
    assert load_workbook(io.BytesIO(data))[INFO_SHEET]["B4"].data_type == "s"
    assert import_sheet(data, R1048).sheet == sheet


@pytest.mark.parametrize(
    "data, expected",
    [
        (b"", "Tệp trống"),
        (b"name,points\n1.1,3\n", "Tệp không phải bảng tính Excel .xlsx hoặc bị hỏng"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "Tệp được đặt mật khẩu hoặc là tệp Excel cũ",
        ),
        (b"PK\x03\x04broken", "Tệp không phải bảng tính Excel .xlsx hoặc bị hỏng"),
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_refused_with_a_message(data, expected):
    found = messages(import_sheet(data, R1048))
    assert len(found) == 1 and found[0].startswith(expected)


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert messages(import_sheet(out.getvalue(), R1048)) == [
        "Tệp không phải bảng tính Excel .xlsx hoặc bị hỏng"
    ]


def test_a_huge_file_and_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(xlsx_reading, "MAX_BYTES", 1000)
    assert messages(import_sheet(export_sheet(DECOR, R1048), R1048)) == [
        "Tệp quá lớn (tối đa 0 MB)"
    ]
    monkeypatch.undo()
    monkeypatch.setattr(xlsx_reading, "MAX_ROWS", 10)
    found = messages(import_sheet(export_sheet(DECOR, R1048), R1048))
    assert "Trang Tiêu chí có quá nhiều hàng (tối đa 10)" in found


def test_a_corrected_option_keeps_its_printed_figure_and_the_correction_is_checked():
    item = next(i for i in R26.irregularities if i.correction is not None)
    sheet = load_sheet("26-2026", item.sheet)
    fix = item.correction
    level = sheet.criterion(item.criterion).levels[fix.option]
    data = export_sheet(sheet, R26)
    ws = load_workbook(io.BytesIO(data))[CRITERIA_SHEET]
    row = row_of(ws, item.criterion, level.code)
    assert ws[f"{LETTERS['level_points']}{row}"].value == fix.points
    assert ws[f"{LETTERS['printed']}{row}"].value == fix.printed_points

    def printed_only(ws, _wb):
        put(ws, row, "level_points", int(fix.printed_points))
        put(ws, row, "printed", None)

    assert import_sheet(edited(data, printed_only), R26).sheet == sheet

    def wrong(ws, _wb):
        put(ws, row, "level_points", 5)

    found = messages(import_sheet(edited(data, wrong), R26))
    assert any(
        m.startswith(f"Hàng {row}, cột {LETTERS['printed']}: bộ tiêu chí đính chính mức này")
        for m in found
    )
