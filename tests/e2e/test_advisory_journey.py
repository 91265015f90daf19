"""The advisory group's work clicked through in Chromium (26/2026 Điều 7.3.c): the secretary
assigns a dossier to an adviser; the adviser reviews the documents, records a site visit with a
photo, requests a lab test and records its result, and sends the report; the chair reads it
beside the dossier and downloads its PDF."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from evalapp.common.time import local_today
from tests.e2e.test_commune_journey import downloaded_pdf_text, log_in
from tests.integration.advisory.conftest import group  # noqa: F401
from tests.integration.dossiers.conftest import pdf_bytes
from tests.integration.producers.helpers import png_bytes
from tests.integration.scoring.conftest import meeting26  # noqa: F401

pytestmark = pytest.mark.e2e

CONCLUSION = "Đề nghị Hội đồng xem xét công nhận sản phẩm đạt 4 sao."


def dd_mm_yyyy(days: int) -> str:
    return (local_today() + timedelta(days=days)).strftime("%d/%m/%Y")


def switch_to(page: Page, base: str, email: str) -> None:
    page.context.clear_cookies()
    log_in(page, base, email)


def test_advisory_journey(page: Page, live_server, group, screenshot):  # noqa: F811
    # The secretary assigns the dossier from the council's advisory page.
    log_in(page, live_server, group.secretary.email)
    page.goto(f"{live_server}/councils/{group.council.id}")
    page.get_by_role("link", name="Tổ tư vấn: phân công, tiến độ").click()
    page.get_by_label("Hồ sơ", exact=True).select_option(str(group.dossier.id))
    page.get_by_label("Thành viên Tổ tư vấn").select_option(str(group.adviser.id))
    page.get_by_role("button", name="Phân công").click()
    expect(page.get_by_text("Đã phân công hồ sơ cho Đỗ Thị Hằng.")).to_be_visible()
    expect(page.locator('[data-member="Đỗ Thị Hằng"] .assigned')).to_have_text("1")

    # The adviser finds it in the navigation, reviews the documents.
    switch_to(page, live_server, group.adviser.user.email)
    page.locator("#main-nav").get_by_role("link", name="Hồ sơ tư vấn").click()
    page.get_by_role("link", name="Giỏ đay Hiếu Lâm").click()
    for select in page.locator("select[name^='finding-']").all():
        select.select_option("met")
    page.get_by_role("button", name="Lưu kết quả xem xét").click()
    expect(page.get_by_text("Đã lưu kết quả xem xét hồ sơ.")).to_be_visible()

    # The site visit, with a finding on criterion 1.1 and a photo.
    page.get_by_role("link", name="Ghi biên bản khảo sát").click()
    page.get_by_label("Ngày khảo sát").fill(dd_mm_yyyy(-1))
    page.get_by_label("Địa điểm").fill("Xưởng đan đay, xã Kim Sơn")
    page.get_by_label("Thành phần tham dự").fill("Đỗ Thị Hằng (Tổ tư vấn)\nBà Lâm (chủ thể)")
    page.locator("#criterion-0").select_option("1.1")
    page.locator("#finding-0").fill("Đay mua của các hộ trong xã, có sổ theo dõi.")
    page.get_by_label("Ảnh chụp tại cơ sở").set_input_files(
        {"name": "Xưởng đan.png", "mimeType": "image/png", "buffer": png_bytes((60, 40))}
    )
    page.get_by_role("button", name="Lưu biên bản khảo sát").click()
    expect(page.get_by_text("Đã lưu biên bản khảo sát thực tế.")).to_be_visible()
    expect(page.locator("img.visit-photo")).to_have_count(1)

    # A lab test, then its result.
    page.get_by_label("Chỉ tiêu cần kiểm nghiệm").fill("Độ ẩm, nấm mốc")
    page.get_by_label("Lý do", exact=True).fill("Phiếu kiểm nghiệm trong hồ sơ đã quá hạn.")
    page.get_by_label("Hạn nộp kết quả").fill(dd_mm_yyyy(7))
    page.get_by_role("button", name="Gửi đề nghị kiểm nghiệm").click()
    expect(page.get_by_text("Đã gửi đề nghị bổ sung kết quả kiểm nghiệm.")).to_be_visible()
    page.get_by_text("Ghi kết quả kiểm nghiệm").click()
    form = page.locator(".lab-result-form")
    form.get_by_label("Ngày có kết quả").fill(dd_mm_yyyy(0))
    form.get_by_label("Kết luận").select_option("yes")
    form.get_by_label("Phiếu kết quả kiểm nghiệm").set_input_files(
        {"name": "Kết quả kiểm nghiệm.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    form.get_by_role("button", name="Ghi kết quả").click()
    expect(page.get_by_text("Đã ghi kết quả kiểm nghiệm.")).to_be_visible()

    # The report, sent to the chair.
    page.get_by_label("Phần A — Sản xuất và phát triển cộng đồng").fill("Nguyên liệu địa phương.")
    page.get_by_label("Kết luận chung và kiến nghị").fill(CONCLUSION)
    page.get_by_role("button", name="Gửi Chủ tịch Hội đồng").click()
    expect(page.get_by_text("Đã gửi báo cáo đánh giá cho Chủ tịch Hội đồng.")).to_be_visible()
    expect(page.locator("#frozen")).to_be_visible()
    screenshot("advisory-report-sent")

    # The chair reads it beside the dossier and downloads the PDF.
    switch_to(page, live_server, group.chair.email)
    page.goto(f"{live_server}/dossiers/{group.dossier.id}")
    beside = page.locator("#advisory-report")
    expect(beside).to_contain_text(CONCLUSION)
    text = downloaded_pdf_text(page, beside.get_by_role("link", name="Tải báo cáo (PDF)"))
    assert "BÁO CÁO ĐÁNH GIÁ" in text
    assert "Đay mua của các hộ trong xã, có sổ theo dõi." in text
    assert CONCLUSION in text
