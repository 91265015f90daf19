"""`flask sheets export|validate|template`, as an administrator runs them."""

import io
import json
from decimal import Decimal

from openpyxl import load_workbook

from evalapp.rules import load_rulebook, load_sheet, parse_sheet
from evalapp.sheets.layout import CRITERIA_SHEET, LETTERS

DECOR = ("1048-2019", "tcmn-trang-tri")


def test_export_as_xlsx_then_validate_says_ok(runner, tmp_path):
    target = tmp_path / "decor.xlsx"
    result = runner.invoke(args=["sheets", "export", *DECOR, "--format", "xlsx", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "tcmn-trang-tri" in result.output
    checked = runner.invoke(args=["sheets", "validate", str(target), "--rulebook", "1048-2019"])
    assert checked.exit_code == 0, checked.output
    assert checked.output.startswith("OK: tcmn-trang-tri")


def test_export_as_json_reads_back_identical(runner, tmp_path):
    target = tmp_path / "sheet.json"
    result = runner.invoke(
        args=["sheets", "export", "26-2026", "23-hoa", "--format", "json", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text(encoding="utf-8"), parse_float=Decimal)
    rulebook = load_rulebook("26-2026")
    assert parse_sheet(data, rulebook) == load_sheet("26-2026", "23-hoa")
    checked = runner.invoke(args=["sheets", "validate", str(target), "--rulebook", "26-2026"])
    assert checked.exit_code == 0, checked.output
    data["parts"][0]["criteria"][0]["children"][0]["levels"][-1]["points"] += 2
    target.write_text(json.dumps(data, default=float, ensure_ascii=False), encoding="utf-8")
    wrong = runner.invoke(args=["sheets", "validate", str(target), "--rulebook", "26-2026"])
    assert wrong.exit_code == 1
    assert "Phần A: tổng điểm tối đa" in wrong.output


def test_validate_prints_every_problem_with_its_row_and_fails(runner, tmp_path):
    source = tmp_path / "decor.xlsx"
    runner.invoke(args=["sheets", "export", *DECOR, "-o", str(source)])
    wb = load_workbook(source)
    ws = wb[CRITERIA_SHEET]
    ws[f"{LETTERS['level_points']}3"] = -1
    ws[f"{LETTERS['stars']}4"] = 8
    wb.save(source)
    result = runner.invoke(args=["sheets", "validate", str(source), "--rulebook", "1048-2019"])
    assert result.exit_code == 1
    assert f"Hàng 3, cột {LETTERS['level_points']}: điểm phải là số không âm" in result.output
    assert f"Hàng 4, cột {LETTERS['stars']}: sao phải là số nguyên từ 1 đến 5" in result.output
    english = runner.invoke(
        args=["sheets", "validate", str(source), "--rulebook", "1048-2019", "--lang", "en"]
    )
    assert (
        f"Row 3, column {LETTERS['level_points']}: points must be a non-negative number"
        in english.output
    )


def test_the_blank_template_validates_as_an_empty_sheet(runner, tmp_path):
    target = tmp_path / "blank.xlsx"
    result = runner.invoke(args=["sheets", "template", "26-2026", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert load_workbook(io.BytesIO(target.read_bytes())).sheetnames[1] == CRITERIA_SHEET
    checked = runner.invoke(args=["sheets", "validate", str(target), "--rulebook", "26-2026"])
    assert checked.exit_code == 1
    assert "Phiếu trống" in checked.output


def test_a_file_that_is_not_a_sheet_and_unknown_names_are_refused_cleanly(runner, tmp_path):
    junk = tmp_path / "notes.xlsx"
    junk.write_bytes(b"just some text")
    result = runner.invoke(args=["sheets", "validate", str(junk), "--rulebook", "1048-2019"])
    assert result.exit_code == 1
    assert "Tệp không phải bảng tính Excel .xlsx" in result.output
    broken = tmp_path / "broken.json"
    broken.write_text('{"code": ', encoding="utf-8")
    result = runner.invoke(args=["sheets", "validate", str(broken), "--rulebook", "1048-2019"])
    assert result.exit_code == 1 and "Không phải JSON hợp lệ: dòng 1" in result.output
    missing = runner.invoke(
        args=["sheets", "export", "1048-2019", "khong-co", "-o", str(tmp_path / "x")]
    )
    assert missing.exit_code == 1 and "no sheet 'khong-co'" in missing.output
    unknown = runner.invoke(args=["sheets", "template", "9999", "-o", str(tmp_path / "x")])
    assert unknown.exit_code == 1 and "no rulebook '9999'" in unknown.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
