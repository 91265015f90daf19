"""The secretary issues and prints the certificates of an issued decision in Chromium; then a
member of the public follows the certificate's QR code to its verification page."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from evalapp.common.time import local_today
from tests.conftest import TEST_PASSWORD
from tests.e2e.conftest import SCREENSHOTS
from tests.integration.certificates.conftest import make_issuing
from tests.integration.certificates.qr import decode_pdf_qr
from tests.integration.certificates.support import pdf_text

pytestmark = pytest.mark.e2e


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công.")).to_be_visible()


def test_the_secretary_prints_and_the_public_verifies(page: Page, live_server, app, screenshot):
    app.config["PUBLIC_BASE_URL"] = live_server  # the QR code points at this test server
    signed_on = local_today() - timedelta(days=10)
    issuing = make_issuing(signed_on=signed_on)
    number = f"NB-{signed_on.year}-0001"

    log_in(page, live_server, issuing.secretary.email)
    page.goto(f"{live_server}/certificates/decisions/{issuing.decision.id}")
    expect(page.get_by_text("Hạng 5 sao do Hội đồng cấp Trung ương công nhận")).to_be_visible()
    page.get_by_role("button", name="Cấp giấy chứng nhận").click()
    expect(page.locator("#confirmation")).to_contain_text("số đã cấp không thể thu lại")
    page.get_by_role("button", name="Xác nhận cấp giấy chứng nhận").click()
    expect(page.get_by_text("Đã cấp 2 giấy chứng nhận.")).to_be_visible()
    row = page.locator("tr", has_text="Giỏ đay Hiếu Lâm")
    expect(row.get_by_role("link", name=number)).to_be_visible()
    screenshot("certificates-issued")

    with page.expect_download() as download:
        row.get_by_role("link", name="Tải PDF").click()
    pdf = download.value.path().read_bytes()
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    assert "Giỏ đay Hiếu Lâm" in text and "Công ty TNHH Hiếu Lâm" in text

    decoded = decode_pdf_qr(pdf)
    if decoded is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: cannot read the QR code")
    (url,) = decoded
    assert url.startswith(f"{live_server}/verify/")

    visitor = page.context.browser.new_context(locale="vi-VN")
    public = visitor.new_page()
    public.goto(url)
    expect(public.locator("#certificate-status")).to_contain_text("Còn hiệu lực")
    expect(public.get_by_text("Giỏ đay Hiếu Lâm").first).to_be_visible()
    expect(public.get_by_text(number).first).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    public.screenshot(path=str(SCREENSHOTS / "certificate-verified.png"), full_page=True)
    visitor.close()


def test_the_print_job_page_follows_the_job_until_the_file_is_ready(page: Page, live_server):
    """The page polls the job's JSON (print-job.js): a job still waiting when the page opens
    shows its progress, then the download link once the worker is done."""
    from evalapp.certificates import printing, services
    from evalapp.extensions import db

    issuing = make_issuing(signed_on=local_today() - timedelta(days=10))
    services.issue_certificates(issuing.decision, issuing.secretary)
    job = printing.start_print_job(issuing.decision, issuing.secretary)
    db.session.commit()

    log_in(page, live_server, issuing.secretary.email)
    page.goto(f"{live_server}/certificates/print-jobs/{job.id}")
    expect(page.locator("#job-label")).to_have_text("Đang chờ")
    expect(page.locator("#job-file")).to_be_hidden()

    printing.run_print_job(job.id)  # what the huey worker does

    expect(page.locator("#job-label")).to_have_text("Đã xong", timeout=10_000)
    expect(page.locator("#job-done")).to_have_text("2")
    with page.expect_download() as download:
        page.locator("#job-file").click()
    assert "Cơm cháy Cung Đình" in pdf_text(download.value.path().read_bytes())


def test_print_all_finishes_with_the_worker_make_run_starts(
    page: Page, live_server, tmp_path, monkeypatch
):
    """`make run` (flask serve) runs the job worker beside the server: the secretary's batch
    print goes through the real queue and the file arrives (issue 14, item 1)."""
    from huey.storage import SqliteStorage

    from evalapp.certificates import services
    from evalapp.common import jobs
    from evalapp.extensions import db

    monkeypatch.setattr(jobs.huey, "_immediate", False)  # as in development: queued, not inline
    monkeypatch.setattr(jobs.huey, "storage", SqliteStorage("evalapp", str(tmp_path / "q.db")))
    issuing = make_issuing(signed_on=local_today() - timedelta(days=10))
    services.issue_certificates(issuing.decision, issuing.secretary)
    db.session.commit()

    consumer = jobs.start_worker_threads()  # what `flask serve` starts with the server
    try:
        log_in(page, live_server, issuing.secretary.email)
        page.goto(f"{live_server}/certificates/decisions/{issuing.decision.id}")
        page.get_by_role("button", name="In tất cả giấy chứng nhận").click()
        expect(page.locator("#job-label")).to_have_text("Đã xong", timeout=60_000)
        expect(page.locator("#job-cancel")).to_be_hidden()
        with page.expect_download() as download:
            page.locator("#job-file").click()
    finally:
        consumer.stop()
    text = pdf_text(download.value.path().read_bytes())
    assert "Giỏ đay Hiếu Lâm" in text and "Cơm cháy Cung Đình" in text


def test_a_waiting_print_can_be_cancelled_and_printed_again(page: Page, live_server, app):
    """No worker: the page says so after the configured delay; the secretary cancels, then
    prints again as a new job (inline here, as JOBS_IMMEDIATE prints in tests)."""
    from evalapp.certificates import printing, services
    from evalapp.extensions import db

    app.config["JOBS_STALE_AFTER_SECONDS"] = 1
    issuing = make_issuing(signed_on=local_today() - timedelta(days=10))
    services.issue_certificates(issuing.decision, issuing.secretary)
    job = printing.start_print_job(issuing.decision, issuing.secretary)
    db.session.commit()

    log_in(page, live_server, issuing.secretary.email)
    page.goto(f"{live_server}/certificates/print-jobs/{job.id}")
    expect(page.locator("#job-stale")).to_contain_text("flask jobs worker", timeout=10_000)
    page.get_by_role("button", name="Hủy lần in này").click()
    expect(page.get_by_text("Đã hủy lần in này.")).to_be_visible()
    expect(page.locator("#job-label")).to_have_text("Đã hủy")
    page.get_by_role("button", name="In lại (lần in mới)").click()
    expect(page.locator("#job-label")).to_have_text("Đã xong", timeout=30_000)
    assert page.url.endswith(f"/certificates/print-jobs/{job.id + 1}")
