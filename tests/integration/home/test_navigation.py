"""The navigation bar and the home page's cards, for each role: both come from
`evalapp.home.navigation`, and each role sees what it saw before they shared it."""

from __future__ import annotations

import re

import pytest

from evalapp.auth.models import Role
from evalapp.extensions import db
from tests.factories import make_organisation, make_producer, make_unit, make_user

MENU_FOR_EVERYONE = [
    ("/", "Trang chủ"),
    ("/rulebooks/", "Bộ tiêu chí"),
    ("/registry", "Sản phẩm OCOP"),
]
# A signed-in user finds the reference pages under "Tra cứu" (one line at 1366 px).
SIGNED_IN = [
    ("/", "Trang chủ"),
    ("#", "Tra cứu"),
    ("/rulebooks/", "Bộ tiêu chí"),
    ("/registry", "Sản phẩm OCOP"),
    ("/verify", "Tra cứu giấy chứng nhận"),
]
PRODUCER_PAGES = [
    ("/dossiers/", "Hồ sơ của tôi"),
    ("/producers/products", "Sản phẩm"),
    ("/producers/organisation", "Tổ chức"),
]
INTAKE = [("/dossiers/intake", "Tiếp nhận hồ sơ")]
SECRETARIAT = [
    ("/rounds/", "Đợt đánh giá"),
    ("/producers/staff/organisations", "Chủ thể OCOP"),
]
# Issue 13, item 9: the commune and the secretariat verify self-registered organisations.
VERIFICATION = [("/producers/staff/verification", "Tổ chức chờ xác minh")]
# The secretariat's producer pages sit under "Chủ thể" (its bar keeps to one line at 1366 px).
SECRETARIAT_MENU = [
    ("/rounds/", "Đợt đánh giá"),
    ("#", "Chủ thể"),
    ("/producers/staff/organisations", "Chủ thể OCOP"),
    *VERIFICATION,
]
COUNCILS = [("/councils/", "Hội đồng đánh giá")]
CERTIFICATES = [("/certificates/", "Giấy chứng nhận")]
MY_SESSIONS = [("/councils/my-sessions", "Phiên họp của tôi")]
ADVISORY_MENU = [("/advisory/", "Hồ sơ tư vấn")]
ADVISORY_CARD = [("/advisory/", "Hồ sơ Tổ tư vấn")]
RULEBOOKS_CARD = [("/rulebooks/", "Bộ tiêu chí OCOP")]
PASSWORD_CARD = [("/auth/password", "Đổi mật khẩu")]

MENUS = {
    Role.PRODUCER: SIGNED_IN + PRODUCER_PAGES,
    Role.COMMUNE_OFFICER: SIGNED_IN + INTAKE + VERIFICATION,
    Role.SECRETARY: SIGNED_IN + INTAKE + SECRETARIAT_MENU + COUNCILS + CERTIFICATES,
    Role.COUNCIL_CHAIR: SIGNED_IN + MY_SESSIONS,
    Role.COUNCIL_MEMBER: SIGNED_IN + MY_SESSIONS,
    Role.ADVISORY_MEMBER: SIGNED_IN + MY_SESSIONS + ADVISORY_MENU,
    Role.ADMIN: [
        *SIGNED_IN,
        ("/admin/users", "Người dùng"),
        ("/admin/units/", "Đơn vị"),
        ("/admin/audit", "Nhật ký"),
        ("/admin/sheets", "Phiếu"),
        ("/admin/api-tokens/", "API"),
    ],
}
CARDS = {
    Role.PRODUCER: PRODUCER_PAGES,
    Role.COMMUNE_OFFICER: INTAKE + VERIFICATION,
    Role.SECRETARY: INTAKE + SECRETARIAT + VERIFICATION + COUNCILS,
    Role.COUNCIL_CHAIR: MY_SESSIONS,
    Role.COUNCIL_MEMBER: MY_SESSIONS,
    Role.ADVISORY_MEMBER: MY_SESSIONS + ADVISORY_CARD,
    Role.ADMIN: [
        ("/admin/users", "Người dùng"),
        ("/admin/units/", "Đơn vị hành chính"),
        ("/admin/audit", "Nhật ký hệ thống"),
        ("/admin/sheets", "Phiếu đánh giá"),
        ("/admin/api-tokens/", "Mã truy cập API"),
    ],
}


def user_with(role: Role):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    if role is Role.PRODUCER:
        user = make_producer(make_organisation(name="Công ty TNHH Hiếu Lâm"))
    elif role is Role.COMMUNE_OFFICER:
        commune = make_unit("Xã Thượng Kiệm", parent=province, code="NB-TK")
        user = make_user(role, unit=commune)
    else:
        user = make_user(role, unit=province)
    db.session.commit()
    return user


def links(html: str, pattern: str) -> list[tuple[str, str]]:
    return [
        (href, re.sub(r"<[^>]+>", "", label).strip())
        for href, label in re.findall(pattern, html, re.DOTALL)
    ]


def menu_of(html: str) -> list[tuple[str, str]]:
    """The bar's links in order, a dropdown's heading ("#") followed by its entries."""
    bar = html.split('<ul class="navbar-nav me-auto">', 1)[1].split('<ul class="navbar-nav">')[0]
    bar = bar.split('<div class="d-flex gap-2">')[0]  # a visitor's sign-up and login buttons
    return links(bar, r'<a class="(?:nav-link[^"]*|dropdown-item)" href="([^"]+)"[^>]*>(.*?)</a>')


def cards_of(html: str) -> list[tuple[str, str]]:
    return links(html, r'dashboard-card" href="([^"]+)">.*?<h2[^>]*>(.*?)</h2>')


@pytest.mark.parametrize("role", list(Role))
def test_each_role_sees_its_menu_and_cards(client, auth, role):
    auth.login(user_with(role))

    page = client.get("/").text

    assert menu_of(page) == MENUS[role]
    assert cards_of(page) == CARDS[role] + RULEBOOKS_CARD + PASSWORD_CARD


def test_a_visitor_sees_the_public_pages_only(client):
    assert menu_of(client.get("/").text) == MENU_FOR_EVERYONE


def test_a_producer_without_an_organisation_has_no_producer_pages(client, auth):
    producer = make_user(Role.PRODUCER)
    db.session.commit()
    auth.login(producer)

    page = client.get("/").text

    assert menu_of(page) == SIGNED_IN
    assert cards_of(page) == RULEBOOKS_CARD + PASSWORD_CARD
