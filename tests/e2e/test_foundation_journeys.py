import re

import pytest
from playwright.sync_api import Page, expect

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.conftest import TEST_PASSWORD
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.e2e


def log_in(page: Page, base: str, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()


def test_admin_adds_a_province_and_reads_the_list_in_english(page: Page, live_server, screenshot):
    make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    db.session.commit()
    admin = make_user(Role.ADMIN, email="quantri@so-nn.vn", full_name="Nguyễn Văn Quản")
    log_in(page, live_server, admin.email)
    expect(page.get_by_role("heading", name="Xin chào, Nguyễn Văn Quản")).to_be_visible()

    page.get_by_role("link", name="Đơn vị", exact=True).click()
    page.get_by_role("link", name="Thêm đơn vị").click()
    page.get_by_role("textbox", name="Mã đơn vị", exact=True).fill("NB")
    page.get_by_label("Tên đơn vị").fill("Tỉnh Ninh Bình")
    page.get_by_label("Cấp").select_option("province")
    page.get_by_label("Trực thuộc").select_option(label="Trung ương (TW)")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu đơn vị Tỉnh Ninh Bình.")).to_be_visible()
    expect(page.get_by_role("cell", name="Tỉnh Ninh Bình")).to_be_visible()
    screenshot("units-vi")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Administrative units")).to_be_visible()
    expect(page.get_by_role("cell", name="Tỉnh Ninh Bình")).to_be_visible()


def test_wrong_password_is_explained_and_the_email_kept(page: Page, live_server):
    make_user(Role.PRODUCER, email="hieulam@vi-du.vn")
    log_in(page, live_server, "hieulam@vi-du.vn", "sai mật khẩu")
    expect(page.get_by_text("Email hoặc mật khẩu không đúng.")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("hieulam@vi-du.vn")


def test_phone_layout_with_vietnamese_font(page: Page, live_server, screenshot):
    producer = make_user(Role.PRODUCER, full_name="Phạm Thị Hiếu")
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, producer.email)
    expect(page.get_by_role("heading", name="Xin chào, Phạm Thị Hiếu")).to_be_visible()
    toggler = page.get_by_role("button", name="Mở menu")
    expect(toggler).to_be_visible()
    toggler.click()
    page.get_by_role("navigation").get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_role("navigation").get_by_role("link", name="Bộ tiêu chí")).to_be_visible()
    assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Xin chào ệ')")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot("dashboard-phone")


def test_logout_from_the_user_menu(page: Page, live_server):
    user = make_user(Role.PRODUCER, full_name="Bùi Văn Lâm")
    log_in(page, live_server, user.email)
    page.get_by_role("button", name="Bùi Văn Lâm").click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()
    page.goto(live_server + "/auth/password")
    expect(page.get_by_text("Vui lòng đăng nhập để tiếp tục.")).to_be_visible()


def test_visitor_reads_the_handicraft_criteria_sheet(page: Page, live_server, screenshot):
    page.goto(live_server + "/")
    page.get_by_role("link", name="Xem bộ tiêu chí").click()
    page.get_by_role("link", name="1048/QĐ-TTg").click()
    expect(page.get_by_role("heading", name="Xếp hạng sao theo điểm trung bình")).to_be_visible()
    page.get_by_role("link", name="phiếu chấm điểm").first.click()
    expect(
        page.get_by_role("heading", name="Phần A — Sản phẩm và sức mạnh cộng đồng")
    ).to_be_visible()
    expect(page.locator("#criterion-1\\.1").get_by_text("Loại sản phẩm")).to_be_visible()
    screenshot("criteria-sheet")


def test_producer_tries_the_sheet_and_sees_running_totals_then_4_stars(
    page: Page, live_server, screenshot
):
    from tests.unit.rules.test_hand_computed import HIEU_LAM_A, HIEU_LAM_B, HIEU_LAM_DECOR_C

    page.goto(live_server + "/rulebooks/1048-2019/sheets/tcmn-trang-tri")
    page.get_by_role("link", name="Tự chấm thử").click()
    for code, level in HIEU_LAM_A.items():
        page.locator(f'[id="l-{code}-{level}"]').check()
    expect(page.locator("[data-running-part='A']")).to_have_text("26")
    for code, level in {**HIEU_LAM_B, **HIEU_LAM_DECOR_C}.items():
        page.locator(f'[id="l-{code}-{level}"]').check()
    expect(page.locator("[data-running-total]")).to_have_text("72")
    page.locator('[id="l-5.1-1"]').check()  # no story: 5.2 and 5.3 no longer count
    expect(page.locator("[data-running-total]")).to_have_text("67")
    expect(page.locator("#criterion-5\\.2")).to_have_class(re.compile("criterion-skipped"))
    page.locator('[id="l-5.1-3"]').check()
    page.get_by_role("button", name="Tính điểm").click()
    expect(page.locator("#self-check-result")).to_contain_text("Đạt 4 sao")
    expect(page.locator("#self-check-result")).to_contain_text("72,00")
    screenshot("self-check")
