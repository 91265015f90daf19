"""The secretary runs a session in Chromium: the agenda, attendance, the quorum per dossier,
opening, watching the signed sheets come in on the dashboard, closing."""

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from evalapp.councils import services as councils
from evalapp.councils.models import AgendaItem, CouncilMember, Position
from evalapp.extensions import db
from evalapp.scoring import services as scoring
from evalapp.units.models import UnitLevel
from tests.conftest import TEST_PASSWORD
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_round,
    make_session,
    make_unit,
)
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES

pytestmark = pytest.mark.e2e

PRODUCTS = ("Giỏ đay Hiếu Lâm", "Chiếu cói Kim Sơn")


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công.")).to_be_visible()


@pytest.fixture
def planned(app):
    """A district round under 1048-2019, its council (chair, vice-chair, two members, secretary),
    a session ten days ahead and two accepted dossiers not yet on the agenda."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province, code="NB-KS")
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district, code="NB-KS-TK")
    round_ = make_round(district, level_code="district", name="Đợt đánh giá OCOP huyện Kim Sơn")
    council = make_council(round_, name="Hội đồng OCOP huyện Kim Sơn")
    session = make_session(council, days_ahead=10, title="Phiên họp tháng 6")
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm")
    dossiers = [make_accepted_dossier(round_, organisation, name) for name in PRODUCTS]
    db.session.commit()
    return council, session, dossiers


def seat_and_item(member_id: int, dossier_id: int) -> tuple[CouncilMember, AgendaItem]:
    db.session.expire_all()
    member = db.session.get(CouncilMember, member_id)
    item = db.session.scalar(select(AgendaItem).where(AgendaItem.dossier_id == dossier_id))
    return member, item


def declare_for(member_id: int, dossier_id: int) -> None:
    """A member declares no conflict through the service (not the browser)."""
    member, item = seat_and_item(member_id, dossier_id)
    councils.declare(item, member, False, "", member.user)
    db.session.commit()


def sign_for(member_id: int, dossier_id: int) -> None:
    """A member who declared scores the dossier and signs, through the services."""
    member, item = seat_and_item(member_id, dossier_id)
    sheet = scoring.open_sheet(item, member, member.user)
    scoring.save_draft(sheet, dict(HIEU_LAM_CHOICES), {}, "", sheet.version, member.user)
    scoring.sign_sheet(sheet, sheet.version, member.user)
    db.session.commit()


def test_the_secretary_runs_a_session(page: Page, live_server, planned, screenshot):
    council, _session, dossiers = planned
    by_position = {}
    for member in council.members:
        by_position.setdefault(member.position, []).append(member)
    secretary = by_position[Position.SECRETARY][0]
    chair, vice = by_position[Position.CHAIR][0], by_position[Position.VICE_CHAIR][0]
    absent = by_position[Position.MEMBER][1]
    present_member = by_position[Position.MEMBER][0]
    ids = {"chair": chair.id, "vice": vice.id, "absent": absent.id}
    dossier_ids = [d.id for d in dossiers]
    receipts = [d.receipt_code for d in dossiers]

    log_in(page, live_server, secretary.user.email)
    page.locator("#main-nav").get_by_role("link", name="Hội đồng đánh giá", exact=True).click()
    page.get_by_role("link", name="Hội đồng OCOP huyện Kim Sơn").click()
    page.get_by_role("link", name="Phiên họp tháng 6").click()
    expect(page.get_by_role("heading", name="Phiên họp tháng 6")).to_be_visible()
    expect(page.get_by_text("Chưa có hồ sơ nào trong chương trình.")).to_be_visible()

    for receipt, product in zip(receipts, PRODUCTS, strict=True):
        page.locator("#dossier_id").select_option(
            label=f"{receipt} — {product} — Công ty TNHH Hiếu Lâm"
        )
        page.get_by_role("button", name="Đưa vào chương trình").click()
        expect(page.get_by_text(f"Đã đưa hồ sơ {receipt} vào chương trình.")).to_be_visible()
    agenda = page.locator("table").first
    for product in PRODUCTS:
        expect(agenda.get_by_role("cell", name=product)).to_be_visible()

    for member in council.members:
        box = page.locator(f"#present-{member.id}")
        if member.id == ids["absent"]:
            box.uncheck()
        else:
            box.check()
    page.get_by_role("button", name="Lưu điểm danh").click()
    expect(page.get_by_text("Đã lưu điểm danh.")).to_be_visible()
    expect(page.locator(f"#present-{ids['absent']}")).not_to_be_checked()
    expect(page.locator(f"#present-{ids['chair']}")).to_be_checked()
    quorum = page.locator(".quorum")
    expect(quorum).to_have_count(2)
    for index in range(2):
        expect(quorum.nth(index)).to_have_text(
            "Đủ điều kiện họp: 3/4 thành viên có mặt, có Chủ tịch"
        )

    page.get_by_role("button", name="Mở phiên họp").click()
    expect(
        page.get_by_text("Đã mở phiên họp; thành viên có thể khai báo và chấm điểm.")
    ).to_be_visible()
    expect(page.locator(".session-state")).to_have_text("Đang họp, đang chấm điểm")

    page.get_by_role("link", name="Theo dõi chấm điểm").click()
    counts = page.locator("#dossier-progress .signed-count")
    expect(counts).to_have_text(["0/0", "0/0"])  # nobody has declared yet

    for member_id in (chair.id, vice.id, present_member.id):
        for dossier_id in dossier_ids:
            declare_for(member_id, dossier_id)
    page.reload()
    expect(counts).to_have_text(["0/3", "0/3"])

    sign_for(ids["chair"], dossier_ids[0])
    page.reload()
    expect(counts).to_have_text(["1/3", "0/3"])

    sign_for(ids["vice"], dossier_ids[0])
    sign_for(ids["chair"], dossier_ids[1])
    page.reload()
    expect(counts).to_have_text(["2/3", "1/3"])
    todo = page.locator("#member-todo")
    expect(todo.locator("li.list-group-item", has_text=absent.user.full_name)).to_contain_text(
        "vắng mặt"
    )
    screenshot("secretary-dashboard")

    page.get_by_role("link", name="Phiên họp tháng 6").click()
    page.get_by_role("button", name="Kết thúc phiên họp").click()
    expect(page.locator("#confirmation-consequences")).to_contain_text("chưa có phiếu đã ký của")
    page.get_by_role("button", name="Xác nhận kết thúc phiên họp").click()
    expect(page.get_by_text("Đã kết thúc phiên họp.")).to_be_visible()
    expect(page.locator(".session-state")).to_have_text("Đã kết thúc")
    expect(page.get_by_role("button", name="Kết thúc phiên họp")).to_have_count(0)
