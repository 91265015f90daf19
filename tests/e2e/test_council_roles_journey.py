"""The secretary composes a council in Chromium: a chair's seat needs an account an administrator
granted the role; the e-mail invitation offers members and advisory members only."""

import pytest
from playwright.sync_api import Page, expect

from evalapp.auth.models import Role
from evalapp.extensions import db
from tests.e2e.test_secretary_session import log_in
from tests.factories import make_council, make_round, make_unit, make_user

pytestmark = pytest.mark.e2e


def test_the_secretary_cannot_make_a_chair(page: Page, live_server):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    round_ = make_round(province, name="Đợt đánh giá OCOP tỉnh Ninh Bình")
    council = make_council(round_, seats=[])
    secretary = make_user(Role.SECRETARY, unit=province, full_name="Thư ký Tỉnh")
    member = make_user(Role.COUNCIL_MEMBER, unit=province, full_name="Phạm Văn Thường")
    chair = make_user(Role.COUNCIL_CHAIR, unit=province, full_name="Trần Văn Chủ")
    db.session.commit()
    member_id, chair_id = str(member.id), str(chair.id)

    log_in(page, live_server, secretary.email)
    page.goto(f"{live_server}/councils/{council.id}")
    invitation = page.locator("form", has=page.get_by_role("heading", name="Mời thành viên mới"))
    expect(invitation.locator("select option")).to_have_text(["Thành viên", "Tổ tư vấn"])

    adding = page.locator("form", has=page.get_by_role("heading", name="Thêm thành viên"))
    adding.get_by_label("Người được cử").select_option(member_id)
    adding.get_by_label("Chức danh trong hội đồng").select_option(label="Chủ tịch hội đồng")
    adding.get_by_role("button", name="Thêm vào hội đồng").click()
    expect(page.get_by_text("chỉ quản trị viên hệ thống mới cấp tài khoản")).to_be_visible()

    adding = page.locator("form", has=page.get_by_role("heading", name="Thêm thành viên"))
    adding.get_by_label("Người được cử").select_option(chair_id)
    adding.get_by_label("Chức danh trong hội đồng").select_option(label="Chủ tịch hội đồng")
    adding.get_by_role("button", name="Thêm vào hội đồng").click()
    expect(page.get_by_text("Đã thêm Trần Văn Chủ vào hội đồng.")).to_be_visible()
