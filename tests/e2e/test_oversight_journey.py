"""After recognition under 26/2026, in Chromium: the secretariat plans an inspection of a valid
certificate, records that the product no longer maintains its criteria with a photo as evidence
and proposes the revocation (Điều 9 → 8.1.b); the chair approves it naming who signs the
decision (Điều 8.3); the decision PDF says so, and the public verification page shows the
certificate revoked."""

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from evalapp.auth.models import Role
from evalapp.common.time import local_today
from evalapp.extensions import db
from tests.e2e.test_certificates import log_in
from tests.factories import make_unit, make_user
from tests.integration.certificates.support import pdf_text
from tests.integration.inspections.test_inspections import issue

pytestmark = pytest.mark.e2e


def test_an_inspection_leads_to_a_revocation_the_public_sees(page: Page, live_server, tmp_path):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    secretary = make_user(Role.SECRETARY, unit=province, full_name="Trần Thị Thư Ký")
    chair = make_user(Role.COUNCIL_CHAIR, unit=province, full_name="Lê Văn Chủ Tịch")
    certificate = issue(province, secretary, chair, "Chiếu cói Kim Sơn", "12/QĐ-UBND")
    db.session.commit()
    today = local_today().strftime("%d/%m/%Y")
    photo = tmp_path / "nhan-mac.png"
    Image.new("RGB", (64, 48), (196, 160, 90)).save(photo, format="PNG")

    log_in(page, live_server, secretary.email)
    page.goto(f"{live_server}/inspections/")
    page.get_by_label("Tên kế hoạch").fill("Kiểm tra định kỳ năm 2026")
    page.get_by_label("Kỳ kiểm tra (năm hoặc giai đoạn)").fill("2026")
    page.get_by_label(f"{certificate.number} — Chiếu cói Kim Sơn", exact=False).check()
    page.get_by_role("button", name="Lập kế hoạch").click()
    expect(page.get_by_role("heading", name="Kiểm tra định kỳ năm 2026")).to_be_visible()

    page.get_by_role("link", name="Ghi biên bản kiểm tra").click()
    page.get_by_label("Số biên bản kiểm tra").fill("05/BB-KT")
    page.get_by_label("Ngày kiểm tra").fill(today)
    page.get_by_label("Người kiểm tra (họ tên)").fill("Nguyễn Văn Kiểm")
    page.get_by_label("Việc duy trì các tiêu chí", exact=False).fill(
        "Phần B: không còn phiếu kiểm nghiệm định kỳ."
    )
    page.get_by_label("Sử dụng nhãn hiệu OCOP").select_option("correct")
    page.get_by_label("Kết luận").select_option("not_maintained")
    page.get_by_label("Tài liệu, hình ảnh kèm theo").set_input_files(str(photo))
    page.get_by_role("button", name="Lưu biên bản").click()
    expect(page.get_by_role("heading", name="Biên bản số 05/BB-KT")).to_be_visible()
    expect(page.locator("#evidence")).to_contain_text("nhan-mac.png")
    expect(page.get_by_text("Điều 8.1.b").first).to_be_visible()

    page.get_by_label("Lý do thu hồi", exact=False).fill(
        "Sản phẩm không còn kiểm nghiệm định kỳ theo biên bản 05/BB-KT."
    )
    page.get_by_label("Thu hồi từ ngày").fill(today)
    page.get_by_role("button", name="Đề nghị thu hồi").click()
    expect(page.get_by_text("Đã gửi đề nghị thu hồi", exact=False)).to_be_visible()

    page = page.context.browser.new_context(locale="vi-VN").new_page()
    log_in(page, live_server, chair.email)
    page.goto(f"{live_server}/certificates/{certificate.id}")
    approval = page.locator("#approval-form")
    approval.get_by_label("Chức vụ người ký").fill("Phó Chủ tịch")
    approval.get_by_label("Họ tên người ký").fill("Trần Song Tùng")
    approval.get_by_role("button", name="Phê duyệt thu hồi").click()
    expect(page.locator("#confirmation")).to_contain_text(
        "Không thể huỷ việc thu hồi sau khi phê duyệt."
    )
    page.get_by_role("button", name="Xác nhận thu hồi").click()
    expect(page.get_by_text("Đã thu hồi giấy chứng nhận.")).to_be_visible()
    expect(page.locator("#revocation-ground")).to_contain_text("Điều 8.1.b")

    link = page.locator("#revocation-decision").get_by_role("link").first
    response = page.request.get(live_server + link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.body())
    assert "thu hồi Giấy chứng nhận sản phẩm OCOP" in text
    assert "Biên bản kiểm tra số 05/BB-KT" in text
    assert "KT. CHỦ TỊCH" in text and "Trần Song Tùng" in text

    visitor = page.context.browser.new_context(locale="vi-VN")
    public = visitor.new_page()
    public.goto(f"{live_server}/verify/{certificate.public_id}")
    expect(public.locator("#certificate-status")).to_have_attribute("data-status", "revoked")
    visitor.close()
