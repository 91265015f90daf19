"""Home pages that are work queues (issue 14, item 2): a secretary and a council member land on
their home, see how much waits for them and follow a card to the list filtered to exactly that."""

import re

import pytest
from playwright.sync_api import Page, expect

from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from tests.e2e.test_member_scoring import log_in
from tests.factories import make_accepted_dossier
from tests.integration.scoring.conftest import meeting  # noqa: F401 - the open session fixture

pytestmark = pytest.mark.e2e


def forwarded(meeting, name: str) -> None:  # noqa: F811
    """A dossier the commune forwarded to the meeting's district, waiting to be received."""
    organisation = meeting.item.dossier.organisation
    dossier = make_accepted_dossier(meeting.council.round, organisation, name)
    dossier.state = DossierState.FORWARDED


def log_out(page: Page, user) -> None:
    page.get_by_role("button", name=user.full_name).click()
    page.get_by_role("button", name="Đăng xuất").click()


def test_a_secretary_and_a_member_follow_their_queues(
    page: Page,
    live_server,
    meeting,  # noqa: F811
    screenshot,
):
    forwarded(meeting, "Chiếu cói Kim Sơn")
    forwarded(meeting, "Thảm bèo bồng")
    db.session.commit()
    secretary = meeting.secretary.user

    log_in(page, live_server, secretary.email)
    expect(page).to_have_url(re.compile(r"/$"))
    to_receive = page.locator("#queue-to_receive")
    expect(to_receive.locator(".queue-count")).to_have_text("2")
    expect(to_receive).to_contain_text("còn")  # intake ends before the round's scoring
    expect(page.locator("#queue-to_check")).to_contain_text("Không có việc đang chờ")
    screenshot("home-secretary-queues")
    to_receive.click()
    expect(page).to_have_url(re.compile(r"/dossiers/intake\?queue=to_receive"))
    expect(page.get_by_label("Việc đang chờ")).to_have_value("to_receive")
    rows = page.locator("table.intake-queue tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Chiếu cói Kim Sơn")).to_have_count(1)
    expect(rows.filter(has_text="Giỏ đay Hiếu Lâm")).to_have_count(0)  # accepted: not waiting
    log_out(page, secretary)

    member = meeting.members[1].user
    log_in(page, live_server, member.email)
    sheets = page.locator("#queue-sheets")
    expect(sheets.locator(".queue-count")).to_have_text("1")
    screenshot("home-member-queues")
    sheets.click()
    expect(page.get_by_role("heading", name="Phiếu chấm chờ tôi")).to_be_visible()
    page.get_by_role("link", name="Giỏ đay Hiếu Lâm").click()
    expect(page.get_by_role("heading", name="Phiếu chấm điểm: Giỏ đay Hiếu Lâm")).to_be_visible()
