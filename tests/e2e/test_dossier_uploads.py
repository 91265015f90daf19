"""Files for a checklist item go up without reloading the workspace; without JavaScript the same
form posts and comes back."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_producer_journey import item, log_in, pdf
from tests.integration.dossiers.conftest import kim_son, start  # noqa: F401 (fixture)

pytestmark = pytest.mark.e2e

CORPUS = Path(__file__).resolve().parents[1] / "data" / "uploads"
ITEM, OTHER = "phieu_dang_ky", "phuong_an_kinh_doanh"
REFUSED = "Tệp “exe-named.pdf” không thuộc loại được phép."


def exe_named_pdf() -> dict:
    """A program renamed .pdf, from the upload corpus."""
    data = (CORPUS / "other" / "exe-named.pdf").read_bytes()
    return {"name": "exe-named.pdf", "mimeType": "application/pdf", "buffer": data}


def workspace(page: Page, base: str, scenario) -> None:
    dossier = start(scenario)
    log_in(page, base, scenario.producer.email)
    page.goto(f"{base}/dossiers/{dossier.id}/edit")


def test_three_files_chosen_at_once_go_up_without_a_reload(page: Page, live_server, kim_son):  # noqa: F811
    workspace(page, live_server, kim_son)
    other_before = item(page, OTHER).evaluate("box => box.outerHTML")
    item(page, ITEM).scroll_into_view_if_needed()
    page.evaluate("window.notReloaded = true")
    scrolled = page.evaluate("window.scrollY")

    # Choosing the files sends them: no button to press.
    item(page, ITEM).locator("input[type=file]").set_input_files(
        [
            pdf("Đơn đăng ký.pdf"),
            pdf("Bản sao đăng ký kinh doanh.pdf"),
            exe_named_pdf(),
        ]
    )

    box = item(page, ITEM)
    expect(box.get_by_role("link", name="Đơn đăng ký.pdf")).to_be_visible()
    expect(box.get_by_role("link", name="Bản sao đăng ký kinh doanh.pdf")).to_be_visible()
    expect(box.get_by_role("link", name="exe-named.pdf")).to_have_count(0)
    expect(box.get_by_role("alert")).to_contain_text(REFUSED)
    expect(box.get_by_text("Đã tải lên 2 tệp.")).to_be_visible()
    expect(page.locator("#upload-status")).to_have_text("Đã tải lên 2 tệp.")
    expect(box.locator("input[type=file]")).to_have_js_property("value", "")
    assert page.evaluate("window.notReloaded") is True
    assert page.evaluate("window.scrollY") == scrolled
    assert item(page, OTHER).evaluate("box => box.outerHTML") == other_before

    # The connection drops: the files stay chosen, a message says so, and the button retries.
    page.route("**/documents", lambda route: route.abort())
    box.locator("input[type=file]").set_input_files(pdf("Đơn bổ sung.pdf"))
    expect(box.get_by_role("alert").filter(has_text="mất kết nối")).to_be_visible()
    assert box.locator("input[type=file]").evaluate("input => input.files.length") == 1
    page.unroute("**/documents")
    box.get_by_role("button", name="Tải lên").click()
    expect(box.get_by_role("link", name="Đơn bổ sung.pdf")).to_be_visible()
    expect(box.get_by_text("Đã tải lên 1 tệp.")).to_be_visible()
    assert page.evaluate("window.notReloaded") is True


def test_the_plain_form_still_works_without_javascript(browser, live_server, kim_son):  # noqa: F811
    context = browser.new_context(locale="vi-VN", java_script_enabled=False)
    page = context.new_page()
    try:
        workspace(page, live_server, kim_son)
        box = item(page, ITEM)
        box.locator("input[type=file]").set_input_files([pdf("Đơn đăng ký.pdf"), exe_named_pdf()])
        box.get_by_role("button", name="Tải lên").click()
        expect(page.get_by_text("Đã tải lên 1 tệp.")).to_be_visible()
        expect(item(page, ITEM).get_by_role("link", name="Đơn đăng ký.pdf")).to_be_visible()
        expect(item(page, ITEM).get_by_role("alert")).to_contain_text(REFUSED)
    finally:
        context.close()


def test_refusals_before_saving_keep_the_chosen_files(page: Page, app, live_server, kim_son):  # noqa: F811
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    workspace(page, live_server, kim_son)
    box = item(page, ITEM)
    chosen = box.locator("input[type=file]")
    too_big = {"name": "Bản quét.pdf", "mimeType": "application/pdf", "buffer": b"%PDF" * 400_000}
    chosen.set_input_files(too_big)
    expect(box.get_by_role("alert")).to_contain_text("vượt quá giới hạn 1 MB cho một lần tải lên")
    assert chosen.evaluate("input => input.files.length") == 1

    app.config["UPLOAD_RATE_LIMIT"] = "1 per hour"
    chosen.set_input_files([pdf("Đơn đăng ký.pdf"), pdf("Đơn bổ sung.pdf")])
    expect(box.get_by_role("alert")).to_contain_text("quá nhiều tệp trong thời gian ngắn")
    assert chosen.evaluate("input => input.files.length") == 2
    expect(box.get_by_text("Chưa có tệp.")).to_be_visible()
