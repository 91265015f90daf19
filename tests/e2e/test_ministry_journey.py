"""The two levels of 26/2026 in Chromium: Ninh Bình's secretariat issues the province's decision
for the 3★ and 4★ products (Điều 7.3.đ–e), sends the written notices of every result (Điều
7.3.g), records the chair's approval of the 91-point product and sends the proposal to the
ministry (Điều 7.3.e, 6.3); the ministry's OCOP office finds it in its intake with the bundle
(Điều 7.4.a). The council's results are made by the factories (scoring is tested elsewhere)."""

import pytest
from playwright.sync_api import Page, expect

from evalapp.common.time import local_today
from tests.conftest import TEST_PASSWORD
from tests.integration.levels.conftest import build_levels

pytestmark = pytest.mark.e2e


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công.")).to_be_visible()


def test_the_province_decides_notifies_and_proposes_and_the_ministry_receives(
    page: Page, live_server, app, screenshot
):
    levels = build_levels()
    today = local_today().strftime("%d/%m/%Y")
    round_id = levels.closed.round.id

    log_in(page, live_server, levels.closed.secretary.email)
    page.goto(f"{live_server}/reports/rounds/{round_id}/decisions")
    # Only the 3★ and 4★ are offered for the province's decision.
    choices = page.locator("#new-draft").locator("..").locator("input[name=results]")
    expect(choices).to_have_count(2)
    expect(page.get_by_text("Đèn cói")).to_have_count(0)
    page.get_by_label("Họ tên người ký").fill("Phạm Quang Ngọc")
    page.get_by_role("button", name="Lập dự thảo").click()
    expect(page.get_by_text("Đã lập dự thảo quyết định.")).to_be_visible()
    page.locator("#issue-number").fill("88/QĐ-UBND")
    page.locator("#issue-signed_on").fill(today)
    page.get_by_role("button", name="Ghi nhận quyết định đã ban hành").click()
    page.get_by_role("button", name="Xác nhận ban hành quyết định").click()
    expect(page.get_by_text("Đã ghi nhận quyết định ban hành")).to_be_visible()

    # The written notices: every result, the 2★ and the excluded one included.
    page.goto(f"{live_server}/reports/rounds/{round_id}/decisions")
    page.get_by_role("link", name="Thông báo kết quả (Điều 7.3.g)").click()
    expect(page.locator("#notices")).to_contain_text("Thảm bèo")
    page.get_by_role("button", name="Gửi thông báo kết quả").click()
    page.get_by_role("button", name="Xác nhận gửi thông báo").click()
    expect(page.get_by_text("Đã gửi 4 thông báo kết quả.")).to_be_visible()
    expect(page.locator("#notices tr", has_text="Đèn cói")).to_contain_text(
        "chờ Chủ tịch UBND cấp tỉnh phê duyệt"
    )
    screenshot("ministry-notices")

    # The chair's approval of the 91-point product, then the letter to the ministry.
    page.goto(f"{live_server}/reports/rounds/{round_id}/decisions")
    page.get_by_role(
        "link", name="Sản phẩm từ 90 điểm: đề nghị Bộ đánh giá 5 sao (Điều 7.3.e)"
    ).click()
    card = page.locator(".proposal", has_text="Đèn cói")
    card.get_by_label("Số quyết định phê duyệt").fill("12/QĐ-UBND")
    card.get_by_label("Ngày ký").fill(today)
    card.get_by_label("Họ tên Chủ tịch UBND cấp tỉnh").fill("Phạm Quang Ngọc")
    card.get_by_role("button", name="Ghi nhận quyết định phê duyệt kết quả").click()
    expect(page.locator("#confirmation")).to_contain_text("không sửa được số, ngày ký hay người ký")
    page.get_by_role("button", name="Xác nhận ghi nhận phê duyệt").click()
    expect(page.get_by_text("Đã ghi nhận quyết định phê duyệt kết quả.")).to_be_visible()
    card = page.locator(".proposal", has_text="Đèn cói")
    card.get_by_label("Số văn bản đề nghị").fill("345/UBND-NN")
    card.get_by_label("Ngày ký văn bản").fill(today)
    card.get_by_label("Đợt đánh giá cấp trung ương").select_option(str(levels.central_round.id))
    card.get_by_role("button", name="Gửi văn bản đề nghị và hồ sơ lên Bộ").click()
    page.get_by_role("button", name="Xác nhận gửi lên Bộ").click()
    expect(
        page.get_by_text("Đã gửi văn bản đề nghị và hồ sơ lên Bộ Nông nghiệp và Môi trường.")
    ).to_be_visible()
    expect(card.locator(".bundle-item")).to_have_count(6)
    screenshot("ministry-proposal-sent")
    # The approved product's notice goes now.
    page.goto(f"{live_server}/notices/rounds/{round_id}")
    page.get_by_role("button", name="Gửi thông báo kết quả").click()
    page.get_by_role("button", name="Xác nhận gửi thông báo").click()
    expect(page.get_by_text("Đã gửi 1 thông báo kết quả.")).to_be_visible()

    # The ministry's OCOP office receives it, with the bundle of Điều 6.3.
    office = page.context.browser.new_context(locale="vi-VN")
    ministry = office.new_page()
    log_in(ministry, live_server, levels.central_secretary.email)
    ministry.goto(f"{live_server}/dossiers/intake")
    row = ministry.locator("tr", has_text="Đèn cói")
    expect(row).to_contain_text("Đề xuất từ Tỉnh Ninh Bình: 91,00 điểm, 5 sao")
    row.get_by_role("link").first.click()
    bundle = ministry.locator("#proposal-bundle")
    expect(bundle).to_contain_text("văn bản số 345/UBND-NN")
    expect(bundle).to_contain_text("Không có báo cáo của Tổ tư vấn trong hệ thống.")
    with ministry.expect_download() as download:
        bundle.get_by_role(
            "link", name="Quyết định phê duyệt kết quả đánh giá của Chủ tịch UBND cấp tỉnh"
        ).click()
    assert download.value.path().read_bytes().startswith(b"%PDF-")
    office.close()
