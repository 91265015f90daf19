"""A council member scores a dossier in the browser: running total, autosave, signing; a draft
kept on the machine when the login expires, given back after logging in again."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import TEST_PASSWORD
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES
from tests.integration.scoring.conftest import (  # noqa: F401 - the open session fixtures
    meeting,
    meeting26,
)

pytestmark = pytest.mark.e2e


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công")).to_be_visible()


def level(page: Page, code: str, choice: str):
    return page.locator(f'[id="l-{code}-{choice}"]')


def test_a_member_scores_autosaves_and_signs(page: Page, live_server, meeting, screenshot):  # noqa: F811
    member = meeting.members[1]
    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/scoring/items/{meeting.item.id}")
    expect(page.get_by_role("heading", name="Phiếu chấm điểm: Giỏ đay Hiếu Lâm")).to_be_visible()
    for code, choice in HIEU_LAM_CHOICES.items():
        level(page, code, choice).check()
    expect(page.locator("[data-running-total]")).to_have_text("72")
    page.get_by_label("Nhận xét chung").fill("Sản phẩm thủ công tốt")
    expect(page.locator("#autosave-status")).to_contain_text("Đã tự động lưu lúc", timeout=5000)
    # the server's time, 24-hour, in Vietnam time (not the browser's toLocaleTimeString)
    expect(page.locator("#autosave-status")).to_have_text(
        re.compile(r"^Đã tự động lưu lúc [0-2]\d:[0-5]\d$")
    )

    page.reload()
    expect(level(page, "1.1", HIEU_LAM_CHOICES["1.1"])).to_be_checked()
    expect(page.get_by_label("Nhận xét chung")).to_have_value("Sản phẩm thủ công tốt")
    expect(page.locator("[data-running-total]")).to_have_text("72")
    screenshot("member-sheet")

    page.get_by_role("button", name="Ký phiếu").click()
    expect(page.locator("#confirmation-consequences")).to_contain_text("Tổng điểm 72,00")
    page.get_by_role("button", name="Xác nhận ký phiếu").click()
    expect(page.get_by_text("Đã ký phiếu chấm điểm.")).to_be_visible()
    expect(page.locator("#signed-notice")).to_contain_text(re.compile(r"Đã ký lúc .*72,00"))
    expect(page.get_by_role("button", name="Ký phiếu")).to_have_count(0)
    expect(level(page, "1.1", HIEU_LAM_CHOICES["1.1"])).to_be_disabled()


def test_signing_names_an_unscored_criterion_first(page: Page, live_server, meeting):  # noqa: F811
    """Issue 14: the confirmation names what is still unscored; back, score it, confirm."""
    member = meeting.members[1]
    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/scoring/items/{meeting.item.id}")
    last = list(HIEU_LAM_CHOICES)[-1]
    for code, choice in HIEU_LAM_CHOICES.items():
        if code != last:
            level(page, code, choice).check()
    page.get_by_role("button", name="Ký phiếu").click()
    expect(page.locator("#confirmation-blockers")).to_contain_text(f"{last} ")
    expect(page.get_by_role("button", name="Xác nhận ký phiếu")).to_have_count(0)

    page.get_by_role("link", name="Quay lại").click()
    expect(level(page, "1.1", HIEU_LAM_CHOICES["1.1"])).to_be_checked()  # the draft was kept
    level(page, last, HIEU_LAM_CHOICES[last]).check()
    page.get_by_role("button", name="Ký phiếu").click()
    expect(page.locator("#confirmation-blockers")).to_have_count(0)
    expect(page.locator("#confirmation")).to_contain_text("Sau khi ký, phiếu không thể sửa.")
    page.get_by_role("button", name="Xác nhận ký phiếu").click()
    expect(page.locator("#signed-notice")).to_contain_text(re.compile(r"Đã ký lúc .*72,00"))


def test_a_draft_survives_an_expired_login(page: Page, live_server, meeting):  # noqa: F811
    member = meeting.members[1]
    log_in(page, live_server, member.user.email)
    sheet_url = f"{live_server}/scoring/items/{meeting.item.id}"
    page.goto(sheet_url)
    level(page, "1.1", "4").check()
    expect(page.locator("#autosave-status")).to_contain_text("Đã tự động lưu lúc", timeout=5000)

    page.context.clear_cookies()  # the login expires mid-sheet
    level(page, "1.2", "2").check()
    expect(page.locator("#autosave-expired")).to_contain_text(
        "Phiên đăng nhập đã hết hạn — bản nháp vẫn được giữ trên máy này", timeout=5000
    )

    log_in(page, live_server, member.user.email)
    page.goto(sheet_url)
    expect(level(page, "1.2", "2")).not_to_be_checked()
    page.get_by_role("button", name="Khôi phục bản nháp").click()
    expect(level(page, "1.2", "2")).to_be_checked()
    expect(page.locator("#autosave-status")).to_contain_text("Đã tự động lưu lúc", timeout=5000)
    page.reload()
    expect(level(page, "1.2", "2")).to_be_checked()
    expect(page.get_by_role("button", name="Khôi phục bản nháp")).to_be_hidden()


def test_on_a_26_2026_sheet_the_member_sees_what_their_choices_still_allow(
    page: Page,
    live_server,
    meeting26,  # noqa: F811
    screenshot,
):
    """Sheet 21: choosing 1 point on 1.4 (below its **** option) leaves at most 3★ on the
    member's own sheet, said in the panel after the autosave; the exclusion line is an answer."""
    member = meeting26.members[1]
    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/scoring/items/{meeting26.item.id}")
    ceiling = page.locator("#sheet-ceiling-headline")
    expect(ceiling).to_contain_text("còn có thể đạt tối đa 5 sao")
    expect(page.locator("#criterion-1\\.4 .star-minimum")).to_have_count(2)
    level(page, "1.4", "2").check()
    expect(ceiling).to_contain_text("còn có thể đạt tối đa 3 sao", timeout=5000)
    expect(page.locator("#sheet-ceiling-blocking")).to_contain_text(
        "1.4 Liên kết chuỗi trong sản xuất: cần ≥ 2 điểm cho 4★"
    )
    level(page, "1.4", "3").check()
    expect(ceiling).to_contain_text("còn có thể đạt tối đa 4 sao", timeout=5000)
    page.get_by_label("Đề nghị loại hồ sơ").check()
    expect(ceiling).to_contain_text("Bạn đã đề nghị loại hồ sơ", timeout=5000)
    expect(page.locator("#sheet-ceiling-blocking li")).to_have_count(0)
    screenshot("member-sheet-26-2026")


def test_a_save_answered_503_after_it_was_committed_is_retried_and_autosave_goes_on(
    page: Page,
    live_server,
    meeting,  # noqa: F811
):
    """Issue 16: the database restarts between the commit and the answer. The page says it is
    trying again (not "saved elsewhere"), sends the same draft again, the server answers it as
    saved, and later changes are autosaved as before."""
    member = meeting.members[1]
    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/scoring/items/{meeting.item.id}")
    lost = []

    def lose_the_first_answer(route):
        if lost:
            route.continue_()
            return
        lost.append(route.fetch().status)  # the server saves it; the browser never hears so
        route.fulfill(status=503, content_type="text/html", body="<h1>503</h1>")

    page.route("**/autosave", lose_the_first_answer)
    level(page, "1.1", "4").check()
    status = page.locator("#autosave-status")
    expect(status).to_have_text("Mất kết nối, đang thử lưu lại…", timeout=5000)
    expect(status).to_contain_text("Đã tự động lưu lúc", timeout=5000)
    assert lost == [200]
    expect(page.locator("#autosave-refused")).to_be_hidden()

    with page.expect_response("**/autosave") as later:
        level(page, "1.2", "2").check()
    assert later.value.status == 200  # sent with the version the retry returned: no conflict
    page.reload()
    expect(level(page, "1.1", "4")).to_be_checked()
    expect(level(page, "1.2", "2")).to_be_checked()
