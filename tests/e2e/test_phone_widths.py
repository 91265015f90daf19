"""The four pages people open on a phone (issue 14, item 5), at 390 × 844 on the demo's data:
the secretariat's intake queue, the producer's "Hồ sơ của tôi", the secretary's scoring dashboard
and the member's score sheet. The page never scrolls sideways, each row's status is on screen,
and on the sheet (about 19,000 px tall on a phone) the total and "Ký phiếu" stay in view."""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from evalapp.councils.models import AgendaItem, CouncilSession, SessionState
from evalapp.extensions import db
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = 390, 844
# A finger, not a mouse pointer: the smallest comfortable tap target.
TAP = 44


@pytest.fixture
def phone(page: Page) -> Page:
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})
    return page


def open_session() -> CouncilSession:
    """The demo's provincial session in progress now (Giỏ đay Hiếu Lâm, Khay cói)."""
    return db.session.scalar(
        select(CouncilSession)
        .where(CouncilSession.state == SessionState.OPEN)
        .order_by(CouncilSession.id.desc())
    )


def assert_no_sideways_scroll(page: Page) -> None:
    """Neither the page nor a table's own box (.table-responsive) scrolls sideways."""
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    overflowing = page.locator(".table-responsive").evaluate_all(
        "boxes => boxes.filter(box => box.scrollWidth > box.clientWidth).length"
    )
    assert overflowing == 0


def assert_statuses_on_screen(page: Page, rows: str, status: str) -> int:
    boxes = page.locator(rows).evaluate_all(
        f"""rows => rows.map(row => {{
            const box = row.querySelector({status!r}).getBoundingClientRect();
            return [box.left, box.right, box.width];
        }})"""
    )
    assert boxes
    for left, right, width in boxes:
        assert width > 0 and left >= 0 and right <= WIDTH, (left, right)
    return len(boxes)


def still_to_score(page: Page) -> int:
    """Criteria with no option chosen, leaving out those whose condition is not met."""
    return page.evaluate(
        """() => [...document.querySelectorAll('fieldset[data-criterion]')].filter(
            f => !f.classList.contains('criterion-skipped') && !f.querySelector('input:checked')
        ).length"""
    )


def assert_in_view(page: Page, locator) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, box


def test_the_intake_queue_on_a_phone(phone: Page, live_server, demo):
    log_in(phone, live_server, "thuky.ninhbinh")
    phone.goto(live_server + "/dossiers/intake")
    expect(phone.get_by_role("heading", name="Tiếp nhận hồ sơ")).to_be_visible()
    assert_no_sideways_scroll(phone)
    assert assert_statuses_on_screen(phone, ".intake-queue tbody tr", ".state-badge") >= 3
    phone.screenshot(path="/tmp/phone-intake.png", full_page=True)


def test_my_dossiers_on_a_phone(phone: Page, live_server, demo):
    log_in(phone, live_server, "htxcoi")
    phone.goto(live_server + "/dossiers/")
    expect(phone.get_by_role("heading", name="Hồ sơ của tôi")).to_be_visible()
    assert_no_sideways_scroll(phone)
    assert assert_statuses_on_screen(phone, ".my-dossiers tbody tr", ".state-badge") >= 10
    phone.screenshot(path="/tmp/phone-mine.png", full_page=True)


def test_the_scoring_dashboard_on_a_phone(phone: Page, live_server, demo):
    session = open_session()
    log_in(phone, live_server, "thuky.ninhbinh")
    phone.goto(f"{live_server}/scoring/sessions/{session.id}")
    expect(phone.get_by_role("heading", name="Theo hồ sơ")).to_be_visible()
    assert_no_sideways_scroll(phone)
    assert assert_statuses_on_screen(phone, "#dossier-progress tbody tr", ".signed-count") == 2
    assert_statuses_on_screen(phone, "#dossier-progress tbody tr", ".quorum")
    phone.screenshot(path="/tmp/phone-dashboard.png", full_page=True)


def test_the_member_keeps_the_total_and_the_sign_button_in_view(phone: Page, live_server, demo):
    session = open_session()
    item = db.session.scalar(
        select(AgendaItem)
        .where(AgendaItem.session_id == session.id)
        .order_by(AgendaItem.position)
        .limit(1)
    )
    log_in(phone, live_server, "thanhvien5.kimson")
    phone.goto(f"{live_server}/scoring/items/{item.id}")
    expect(phone.get_by_role("heading", name="Phiếu chấm điểm: Giỏ đay Hiếu Lâm")).to_be_visible()
    assert_no_sideways_scroll(phone)
    bar = phone.locator("#sheet-actions")
    total = bar.locator("[data-bar-total]")
    sign = phone.get_by_role("button", name="Ký phiếu")
    assert_in_view(phone, total)
    assert_in_view(phone, sign)
    unscored = bar.locator("[data-unscored-count]")
    expect(unscored).to_have_text(str(still_to_score(phone)))
    before = int(unscored.inner_text())
    assert before > 20
    phone.screenshot(path="/tmp/phone-sheet-top.png")

    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height > 5 * HEIGHT
    phone.evaluate(f"window.scrollTo(0, {height // 2})")
    in_view = phone.evaluate(
        """() => [...document.querySelectorAll('fieldset[data-criterion]')]
            .map(f => f.getBoundingClientRect()).filter(b => b.top < 600 && b.bottom > 0).length"""
    )
    assert in_view  # criteria on screen: the middle of the sheet, not its end
    assert_in_view(phone, total)
    assert_in_view(phone, sign)

    # a criterion in view is chosen with a finger: the row is a large enough target, and the
    # bar follows (total and unscored count) without covering what was tapped
    label = phone.locator('label[for="l-1.1-3"]')
    label.scroll_into_view_if_needed()
    box = label.bounding_box()
    assert box["height"] >= TAP, box
    label.click()
    expect(phone.locator('[id="l-1.1-3"]')).to_be_checked()
    expect(total).to_have_text("4")
    expect(unscored).to_have_text(str(before - 1))
    heights = phone.locator("fieldset[data-criterion] .level label").evaluate_all(
        "labels => labels.map(label => label.getBoundingClientRect().height)"
    )
    assert min(heights) >= TAP, min(heights)
    phone.screenshot(path="/tmp/phone-sheet-middle.png")

    # the last thing on the page (the footer) is not hidden under the bar
    phone.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    footer = phone.locator(".site-footer").bounding_box()
    bar_box = bar.bounding_box()
    assert footer["y"] >= bar_box["y"] + bar_box["height"] - 1, (footer, bar_box)


def test_the_menu_folds_behind_the_toggler_on_a_phone(phone: Page, live_server, demo):
    log_in(phone, live_server, "thuky.ninhbinh")
    phone.goto(live_server + "/dossiers/intake")
    expect(phone.locator("#main-nav")).to_be_hidden()
    phone.get_by_role("button", name="Mở menu").click()
    expect(phone.locator("#main-nav")).to_have_class(re.compile(r"\bcollapse show\b"))
    assert_no_sideways_scroll(phone)
    rights = phone.locator("#main-nav .nav-item").evaluate_all(
        "items => items.map(item => item.getBoundingClientRect().right)"
    )
    assert max(rights) <= WIDTH
    phone.get_by_role("button", name="Lương Văn Bình").click()
    logout = phone.get_by_role("button", name="Đăng xuất")
    logout.scroll_into_view_if_needed()
    assert_in_view(phone, logout)
    phone.screenshot(path="/tmp/phone-menu.png")
