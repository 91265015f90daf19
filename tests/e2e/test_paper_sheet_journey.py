"""A paper sheet goes through the secretary's hands but only the member signs it (issue 13,
item 1): the secretary downloads the member's blank workbook and imports it filled; the member
finds it waiting, checks the levels read from the paper and confirms it, or contests it."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_member_scoring import level, log_in
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES
from tests.integration.scoring.conftest import meeting  # noqa: F401 - the open session fixture
from tests.integration.scoring.test_offline import filled

pytestmark = pytest.mark.e2e


def import_paper_sheet(page: Page, live_server, meeting, member, tmp_path):  # noqa: F811
    log_in(page, live_server, meeting.secretary.user.email)
    page.goto(f"{live_server}/scoring/sessions/{meeting.session.id}")
    row = page.locator("li", has_text=member.user.full_name).locator(
        "li", has_text="Giỏ đay Hiếu Lâm"
    )
    with page.expect_download() as download:
        row.get_by_role("link", name="XLSX").click()
    workbook = tmp_path / "phieu.xlsx"
    workbook.write_bytes(filled(download.value.path().read_bytes(), HIEU_LAM_CHOICES))
    row.get_by_role("link", name="nhập phiếu đã điền").click()
    page.get_by_label("Phiếu đã điền (tệp Excel .xlsx)").set_input_files(workbook)
    page.get_by_label("Ghi chú của thư ký").fill("Phiếu giấy nhận tại phiên họp")
    page.get_by_role("button", name="Nhập phiếu").click()
    expect(page.get_by_text("phiếu chờ thành viên xác nhận trong hệ thống")).to_be_visible()
    page.get_by_role("button", name=meeting.secretary.user.full_name).click()
    page.get_by_role("button", name="Đăng xuất").click()


def test_the_member_confirms_the_sheet_the_secretary_imported(
    page: Page,
    live_server,
    meeting,  # noqa: F811
    tmp_path,
    screenshot,
):
    member = meeting.members[1]
    import_paper_sheet(page, live_server, meeting, member, tmp_path)

    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/scoring/items/{meeting.item.id}")
    waiting = page.locator("#paper-awaiting")
    expect(waiting).to_contain_text("đang chờ bạn xác nhận")
    expect(level(page, "1.1", HIEU_LAM_CHOICES["1.1"])).to_be_checked()
    expect(page.locator("#signed-notice")).to_have_count(0)
    screenshot("paper-sheet-awaiting")
    waiting.get_by_role("button", name="Xác nhận và ký phiếu này").click()
    expect(page.locator("#confirmation")).to_contain_text("được ký là phiếu của chính bạn")
    expect(page.locator("#confirmation-people")).to_contain_text(meeting.secretary.user.full_name)
    page.get_by_role("button", name="Xác nhận và ký phiếu giấy").click()

    expect(page.locator("#signed-notice")).to_contain_text("72,00")
    expect(page.locator("#paper-awaiting")).to_have_count(0)


def test_the_member_contests_a_wrong_paper_sheet(
    page: Page,
    live_server,
    meeting,  # noqa: F811
    tmp_path,
):
    member = meeting.members[1]
    import_paper_sheet(page, live_server, meeting, member, tmp_path)

    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/scoring/items/{meeting.item.id}")
    page.get_by_label("Lý do phản đối").fill("Mức 1.1 không phải mức tôi đã chấm")
    page.get_by_role("button", name="Phản đối phiếu giấy").click()

    expect(page.locator("#paper-awaiting")).to_have_count(0)
    expect(page.locator("#signed-notice")).to_have_count(0)
    expect(page.get_by_role("button", name="Ký phiếu", exact=True)).to_be_visible()
