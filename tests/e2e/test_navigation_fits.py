"""The navigation bar on the usual office laptop (1366 × 768) and at 1440 px: for the secretary
(the longest menu), the administrator and a council member, the bar keeps to one line, the page
is no wider than the screen, the unread-notifications badge shows inside it and the user menu
opens with "Đăng xuất" inside it (issue 14, item 7: the secretary's menu pushed both off-screen,
then wrapped onto two rows)."""

import pytest
from playwright.sync_api import Page, expect

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.notifications.services import notify
from tests.conftest import TEST_PASSWORD
from tests.factories import make_unit, make_user

pytestmark = pytest.mark.e2e

# A long but ordinary Vietnamese name: the user menu shows it.
FULL_NAME = "Nguyễn Thị Thanh Hương"
# Where each role works, with the menu it sees.
PAGES = {Role.SECRETARY: "/councils/", Role.ADMIN: "/admin/users", Role.COUNCIL_MEMBER: "/"}


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công")).to_be_visible()


def assert_inside(page: Page, locator, width: int, height: int) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, (box, width)
    assert box["y"] >= 0 and box["y"] + box["height"] <= height, (box, height)


@pytest.mark.parametrize("width", [1366, 1440])
@pytest.mark.parametrize("role", [Role.SECRETARY, Role.ADMIN, Role.COUNCIL_MEMBER])
def test_the_badge_and_the_logout_menu_are_on_screen(page: Page, live_server, role, width):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    user = make_user(role, unit=province, full_name=FULL_NAME)
    notify([user], "Hồ sơ mới", "Một hồ sơ mới chờ tiếp nhận.", "/")
    db.session.commit()
    page.set_viewport_size({"width": width, "height": 768})
    log_in(page, live_server, user.email)
    page.goto(live_server + PAGES[role])

    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # one line: every entry of the bar at the same height (not wrapped onto a second row)
    tops = page.locator("#main-nav .navbar-nav > .nav-item").evaluate_all(
        "items => items.map(item => Math.round(item.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, tops
    assert_inside(page, page.locator("#unread-count"), width, 768)
    page.get_by_role("button", name=FULL_NAME).click()
    assert_inside(page, page.get_by_role("button", name="Đăng xuất"), width, 768)


def test_the_reference_pages_are_under_tra_cuu(page: Page, live_server):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    user = make_user(Role.SECRETARY, unit=province, full_name=FULL_NAME)
    db.session.commit()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, live_server, user.email)
    page.locator("#main-nav").get_by_role("button", name="Tra cứu").click()
    page.get_by_role("link", name="Sản phẩm OCOP", exact=True).click()
    expect(page).to_have_url(live_server + "/registry", timeout=15000)
