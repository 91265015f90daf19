"""Issue 15, tried as an administrator would: 148/QĐ-TTg ships no criteria sheet, so its
subgroups say "chưa có phiếu". The administrator downloads the blank XLSX template from the
library, fills a small sheet for fresh vegetables (1.1a) with three mistakes, uploads it and
reads every mistake at its row and column with nothing saved; fixes the workbook, uploads it
again, previews the draft and publishes it through the confirmation page. A visitor then finds
the sheet from the rulebook's page, and a producer's new dossier of that subgroup in a 148
round opens its self-assessment on that sheet, pinned to version 1.
"""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.sheets.layout import CRITERIA_SHEET, FIRST_ROW, INFO_SHEET, LETTERS
from evalapp.sheets.models import SheetVersion, VersionState
from evalapp.units.models import UnitLevel
from tests.e2e.test_navigation_fits import log_in
from tests.factories import (
    make_organisation,
    make_producer,
    make_product,
    make_round,
    make_unit,
    make_user,
)

pytestmark = pytest.mark.e2e

RULEBOOK = "148-2023"
SUBGROUP = "1.1a"
SUBGROUP_NAME = "Thực phẩm tươi sống: rau, củ, quả, hạt tươi"
CODE = "rau-cu-qua-tuoi"
NAME = "Phiếu đánh giá rau, củ, quả tươi"
PRODUCT = "Rau cải ngọt Kim Đông"


def criterion(part: str, code: str, name: str, levels) -> list[dict]:
    """The rows of a criterion: one per option, its code on each, its name on the first."""
    rows = [
        {"part": part, "code": code, "level_vi": text, "level_points": points}
        for text, points in levels
    ]
    rows[0]["name_vi"] = name
    return rows


def criteria_rows(with_mistakes: bool) -> list[dict]:
    """Parts A 40, B 25, C 35 (148/QĐ-TTg). The mistakes: part A adds up to 38 (row 6), the
    third criterion of part B repeats code 3 (rows 12–13), a negative point in part C (row 15)."""
    return [
        {"part": "A", "points": 40},
        *criterion("A", "1", "Tổ chức sản xuất", [("Hộ gia đình", 0), ("Hợp tác xã", 20)]),
        *criterion(
            "A",
            "2",
            "Nguồn nguyên liệu",
            [("Mua ngoài", 0), ("Tự sản xuất", 18 if with_mistakes else 20)],
        ),
        {"part": "B", "points": 25},
        *criterion("B", "3", "Kênh phân phối", [("Tại chỗ", 0), ("Toàn quốc", 10)]),
        *criterion("B", "4", "Quảng bá", [("Không", 0), ("Có", 10)]),
        *criterion(
            "B", "3" if with_mistakes else "5", "Câu chuyện sản phẩm", [("Không", 0), ("Có", 5)]
        ),
        {"part": "C", "points": 35},
        *criterion(
            "C",
            "6",
            "Chất lượng",
            [("Chưa đạt", -5 if with_mistakes else 0), ("Đạt tiêu chuẩn", 35)],
        ),
    ]


def fill(template: Path, target: Path, with_mistakes: bool) -> Path:
    workbook = load_workbook(template)
    info = {row[0].value: row[1] for row in workbook[INFO_SHEET].iter_rows(min_row=2)}
    info["Mã phiếu"].value = CODE
    info["Tên phiếu"].value = NAME
    info["Nhóm sản phẩm áp dụng"].value = SUBGROUP
    sheet = workbook[CRITERIA_SHEET]
    for cells in sheet.iter_rows(min_row=FIRST_ROW):  # the template's part rows
        for cell in cells:
            cell.value = None
    for number, row in enumerate(criteria_rows(with_mistakes), start=FIRST_ROW):
        for key, value in row.items():
            sheet[f"{LETTERS[key]}{number}"] = value
    workbook.save(target)
    return target


def upload(page: Page, workbook: Path) -> None:
    page.get_by_label("Bộ tiêu chí").select_option(RULEBOOK)
    page.get_by_label("Tệp phiếu").set_input_files(workbook)
    page.get_by_label("Căn cứ pháp lý").fill("Quyết định số 148/QĐ-TTg ngày 24/02/2023")
    page.get_by_role("button", name="Kiểm tra và lưu bản nháp").click()


def versions_of_148() -> list[SheetVersion]:
    db.session.expire_all()
    return db.session.scalars(
        select(SheetVersion).where(SheetVersion.rulebook_code == RULEBOOK)
    ).all()


def test_an_administrator_adds_a_sheet_to_a_rulebook_that_had_none(
    page: Page, live_server, tmp_path
):
    admin = make_user(Role.ADMIN, full_name="Lê Văn Quản Trị")
    db.session.commit()
    page.goto(f"{live_server}/rulebooks/{RULEBOOK}")
    subgroup = page.locator("li", has_text=SUBGROUP_NAME)
    expect(subgroup).to_contain_text("chưa có phiếu")

    log_in(page, live_server, admin.email)
    page.locator("#main-nav").get_by_role("link", name="Phiếu", exact=True).click()
    expect(page.get_by_role("heading", name="Thư viện phiếu đánh giá")).to_be_visible()
    shelf = page.locator(f"#rulebook-{RULEBOOK}")
    expect(shelf).to_contain_text("chưa có phiếu đánh giá nào")
    page.get_by_role("link", name="Nhập phiếu").click()
    with page.expect_download() as download:
        page.get_by_role("link", name="148/QĐ-TTg", exact=True).click()
    assert download.value.suggested_filename == f"mau-phieu-{RULEBOOK}.xlsx"
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)

    # 1–2. The workbook with mistakes: each named where it is, nothing saved.
    upload(page, fill(template, tmp_path / "phieu-loi.xlsx", with_mistakes=True))
    problems = page.locator("#import-problems")
    expect(problems).to_contain_text("Tệp có 3 lỗi; chưa có gì được lưu")
    expect(problems).to_contain_text("Phần A: tổng điểm tối đa 38, thiếu 2 so với 40")
    expect(problems).to_contain_text("Mã 3 trùng ở hàng 8 và 12")
    expect(problems).to_contain_text("Hàng 15, cột V: điểm phải là số không âm")
    assert versions_of_148() == []
    page.get_by_role("link", name="Thư viện phiếu đánh giá").click()
    expect(shelf).to_contain_text("chưa có phiếu đánh giá nào")

    # 3. Fixed: a draft, previewed, then published after the confirmation page.
    page.get_by_role("link", name="Nhập phiếu").click()
    upload(page, fill(template, tmp_path / "phieu.xlsx", with_mistakes=False))
    expect(
        page.get_by_text("Đã lưu bản nháp phiên bản 1; hãy xem lại rồi công bố.")
    ).to_be_visible()
    expect(page.locator(".version-state")).to_have_text("Bản nháp")
    preview = page.locator("#version-preview")
    expect(preview).to_contain_text("6 tiêu chí chấm điểm")
    for text in ("Nguồn nguyên liệu", "Tự sản xuất", "Câu chuyện sản phẩm", "Đạt tiêu chuẩn"):
        expect(preview).to_contain_text(text)
    page.get_by_role("button", name="Công bố").click()
    expect(page.get_by_text(f"Công bố phiên bản 1 của phiếu {CODE}?")).to_be_visible()
    assert versions_of_148()[0].state is VersionState.DRAFT
    page.get_by_role("button", name="Xác nhận công bố").click()
    expect(page.get_by_text(f"Đã công bố phiên bản 1 của phiếu {CODE}.")).to_be_visible()
    page.get_by_role("link", name="Thư viện phiếu đánh giá").click()
    expect(shelf.locator("tbody tr")).to_have_count(1)
    expect(shelf.locator("tbody tr")).to_contain_text(SUBGROUP)

    # 4. A visitor finds the sheet from the rulebook's page.
    page.context.clear_cookies()
    page.goto(f"{live_server}/rulebooks/{RULEBOOK}")
    subgroup.get_by_role("link", name="phiếu chấm điểm").click()
    expect(page.get_by_role("heading", name=NAME)).to_be_visible()
    expect(page.get_by_text("Phiên bản 1 · 6 tiêu chí chấm điểm")).to_be_visible()

    # 5. A producer starts a dossier of 1.1a in a 148 round: it is scored on that version.
    (version,) = versions_of_148()
    assert version.state is VersionState.PUBLISHED
    province = make_unit("Tỉnh Ninh Bình", level=UnitLevel.PROVINCE, code="NB")
    commune = make_unit("Xã Kim Đông", level=UnitLevel.COMMUNE, parent=province)
    producer = make_producer(make_organisation(commune), full_name="Phạm Thị Hiếu")
    make_product(producer.organisation, PRODUCT, RULEBOOK, SUBGROUP, "1")
    round_ = make_round(province, rulebook_code=RULEBOOK, level_code="province")
    db.session.commit()
    log_in(page, live_server, producer.email)
    page.goto(f"{live_server}/dossiers/new")
    page.get_by_role("combobox", name="Sản phẩm", exact=True).select_option(label=PRODUCT)
    page.get_by_role("combobox", name="Đợt đánh giá", exact=True).select_option(
        label=f"{round_.name} — Tỉnh Ninh Bình"
    )
    page.get_by_role("button", name="Tạo hồ sơ").click()
    expect(page.get_by_text("Đã tạo hồ sơ nháp.")).to_be_visible()
    page.get_by_role("link", name="Mở phiếu tự đánh giá").click()
    expect(page.get_by_text(f"{NAME} · 148/QĐ-TTg")).to_be_visible()
    expect(page.get_by_text("Câu chuyện sản phẩm")).to_be_visible()
    db.session.expire_all()
    dossier = db.session.scalar(select(Dossier).where(Dossier.round_id == round_.id))
    assert (dossier.sheet_code, dossier.sheet_version_id) == (CODE, version.id)
