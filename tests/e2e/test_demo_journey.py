"""The demo as its README tells it, in the browser: the newcomer scores Giỏ đay Hiếu Lâm on sheet
21 of 26/2026 in the open session and signs; the chair reads why Khay cói (mẫu) stays at 3★."""

import pytest
from playwright.sync_api import Page, expect

from evalapp.demo.products import GIO_DAY_2026
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_the_newcomer_scores_gio_day_and_the_chair_sees_the_cap(
    page: Page, live_server, demo, screenshot
):
    log_in(page, live_server, "thanhvien5.kimson")
    page.goto(live_server + "/councils/my-sessions")
    page.get_by_role("link", name="Phiên họp đánh giá sản phẩm OCOP đợt").first.click()
    page.get_by_role("link", name="Chấm điểm").first.click()
    expect(page.get_by_role("heading", name="Phiếu chấm điểm: Giỏ đay Hiếu Lâm")).to_be_visible()
    for code, choice in GIO_DAY_2026.items():
        page.locator(f'[id="l-{code}-{choice}"]').check()
    expect(page.locator("[data-running-total]")).to_have_text("72")
    expect(page.locator("#sheet-ceiling-headline")).to_contain_text("tối đa 4 sao", timeout=5000)
    screenshot("demo-newcomer-sheet-21")
    page.get_by_role("button", name="Ký phiếu").click()
    page.get_by_role("button", name="Xác nhận ký phiếu").click()
    expect(page.get_by_text("Đã ký phiếu chấm điểm.")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, live_server, "chutich.kimson")
    page.goto(live_server + "/councils/my-sessions")
    page.get_by_role("link", name="Phiên họp đánh giá sản phẩm OCOP đợt").first.click()
    page.get_by_role("link", name="Kết quả").last.click()
    expect(page.get_by_role("heading", name="Kết quả đánh giá: Khay cói (mẫu)")).to_be_visible()
    expect(page.locator("#result-class")).to_contain_text("Đạt 3 sao")
    expect(
        page.get_by_text("1.4 Liên kết chuỗi trong sản xuất: cần ≥ 2 điểm cho 4★")
    ).to_be_visible()
    screenshot("demo-chair-capped-result")
