"""A re-evaluation decided by written opinions (26/2026 Điều 7.6.d) in the browser: the
secretariat plans a written-opinion session for two re-evaluation dossiers and opens the remote
window; members declare, score and sign remotely; the chair concludes one dossier without a
meeting; on the other a member asks for a meeting and the chair convenes it."""

from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Page, expect

from evalapp.councils.models import ConflictDeclaration, Position
from evalapp.dossiers.models import RegistrationType
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.e2e.test_member_scoring import level, log_in
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_round,
    make_unit,
)
from tests.integration.scoring.conftest import signed_sheet
from tests.unit.rules.test_hand_computed_26_2026 import BASKET

pytestmark = pytest.mark.e2e
VIETNAM = timedelta(hours=7)


def typed(moment: datetime) -> str:
    """A moment as typed in the forms: Vietnam time, dd/mm/yyyy HH:MM."""
    return (moment + VIETNAM).strftime("%d/%m/%Y %H:%M")


@pytest.fixture
def re_evaluations(app):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province)
    round_ = make_round(province, rulebook_code="26-2026", level_code="province")
    council = make_council(round_)
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm")
    dossiers = []
    for name in ("Giỏ đay Hiếu Lâm", "Thảm cói Kim Sơn"):
        dossier = make_accepted_dossier(round_, organisation, name)
        dossier.registration_type = RegistrationType.RE_EVALUATION
        dossiers.append(dossier)
    db.session.commit()
    return council, dossiers


def seat(council, position: Position):
    return next(m for m in council.members if m.position is position)


def others_sign(council, items, but):
    """The other members' remote opinions on both dossiers (the browser shows one member's)."""
    for item in items:
        for member in council.scoring_members():
            if item.declaration_of(member) is None:
                item.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
        db.session.commit()
        for member in council.scoring_members():
            if member.id != but.id or item is not items[0]:
                signed_sheet(item, member, BASKET)


def test_a_re_evaluation_decided_by_written_opinions(
    page: Page, live_server, re_evaluations, screenshot
):
    council, (basket, mat) = re_evaluations
    now = datetime.now(UTC)

    # The secretariat plans the session in the written mode and puts both dossiers on it.
    log_in(page, live_server, seat(council, Position.SECRETARY).user.email)
    page.goto(f"{live_server}/councils/{council.id}")
    page.get_by_label("Tên phiên họp").fill("Lấy ý kiến đánh giá lại 2026")
    page.get_by_label("Lấy ý kiến bằng văn bản (hồ sơ đánh giá, phân hạng lại, Điều 7.6.d)").check()
    page.get_by_label("Thời điểm họp").fill(typed(now + timedelta(days=10)))
    page.get_by_role("button", name="Lên lịch phiên họp").click()
    expect(page.locator(".session-mode").first).to_have_text("Lấy ý kiến bằng văn bản")
    page.goto(f"{live_server}/councils/sessions/{council_session_id(council)}")
    for dossier in (basket, mat):
        page.locator("#dossier_id").select_option(label=option_label(dossier))
        page.get_by_role("button", name="Đưa vào chương trình").click()
        expect(
            page.get_by_text(f"Đã đưa hồ sơ {dossier.receipt_code} vào chương trình.")
        ).to_be_visible()
    expect(page.locator(".written-line")).to_have_count(2)
    expect(page.get_by_role("heading", name="Điểm danh")).to_have_count(0)  # no attendance

    page.get_by_role("link", name="Chấm điểm từ xa").click()
    page.get_by_label("Bắt đầu chấm từ xa").fill(typed(now - timedelta(hours=1)))
    page.get_by_label("Kết thúc chấm từ xa").fill(typed(now + timedelta(days=3)))
    page.get_by_role("button", name="Mở chấm điểm từ xa").click()
    expect(page.get_by_text("Đã mở thời gian chấm điểm từ xa.")).to_be_visible()
    expect(page.locator("#written-mode")).to_contain_text("Thời gian lấy ý kiến")
    screenshot("written-session-secretariat")

    # A member declares and signs remotely; nobody marks them present.
    db.session.expire_all()
    session = db.session.get(type(council.sessions[-1]), council_session_id(council))
    items = list(session.agenda)
    member = seat(council, Position.VICE_CHAIR)
    page.context.clear_cookies()
    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/councils/sessions/{session.id}")
    row = page.locator(f"#item-{items[0].id}")
    row.get_by_label("Tôi không có xung đột lợi ích với hồ sơ này").check()
    row.get_by_role("button", name="Gửi khai báo").click()
    expect(page.get_by_text("Đã ghi nhận khai báo của bạn.")).to_be_visible()
    page.locator(f"#item-{items[0].id}").get_by_role("link", name="Chấm điểm").click()
    for code, choice in BASKET.items():
        level(page, code, choice).check()
    page.get_by_role("button", name="Ký phiếu").click()
    page.get_by_role("button", name="Xác nhận ký phiếu").click()
    expect(page.get_by_text("Đã ký phiếu chấm điểm.")).to_be_visible()

    others_sign(council, items, but=member)

    # On the mat, the member asks for a meeting, with the reason.
    page.goto(f"{live_server}/councils/sessions/{session.id}")
    row = page.locator(f"#item-{items[1].id}")
    row.locator("summary", has_text="Đề nghị họp trực tiếp").click()
    row.get_by_label("Lý do đề nghị họp").fill("Nguồn cói thay đổi, cần thảo luận.")
    row.get_by_role("button", name="Đề nghị họp trực tiếp").click()
    expect(page.get_by_text("Đã gửi đề nghị họp tới Chủ tịch Hội đồng.")).to_be_visible()

    # The chair concludes the basket without a meeting.
    chair = seat(council, Position.CHAIR)
    page.context.clear_cookies()
    log_in(page, live_server, chair.user.email)
    page.goto(f"{live_server}/results/items/{items[0].id}")
    expect(page.locator("#written-unsigned")).to_have_text("Mọi thành viên đã ký phiếu.")
    page.get_by_label("Kết luận của Hội đồng").fill("Hội đồng thống nhất qua ý kiến bằng văn bản.")
    page.get_by_role("button", name="Chốt kết quả").click()
    page.get_by_role("button", name="Xác nhận chốt kết quả").click()
    expect(page.get_by_text("Đã chốt kết quả đánh giá của hồ sơ.")).to_be_visible()
    screenshot("written-concluded")

    # For the mat, the chair reads the request and convenes a meeting.
    page.goto(f"{live_server}/results/items/{items[1].id}")
    expect(page.locator(".meeting-ground")).to_contain_text("Nguồn cói thay đổi, cần thảo luận.")
    page.get_by_label("Thời điểm họp").fill(typed(now + timedelta(days=5)))
    page.get_by_label("Địa điểm họp").fill("Phòng họp Sở Nông nghiệp và Môi trường")
    page.get_by_role("button", name="Triệu tập họp").click()
    expect(page.get_by_text("Đã triệu tập họp trực tiếp về hồ sơ này.")).to_be_visible()
    expect(page.locator("#written-mode")).to_contain_text("Chủ tịch đã triệu tập họp: ")
    expect(page.locator("#written-mode")).to_contain_text("Phòng họp Sở Nông nghiệp và Môi trường")
    screenshot("written-convened")


def council_session_id(council) -> int:
    from sqlalchemy import select

    from evalapp.councils.models import CouncilSession

    db.session.expire_all()
    return db.session.scalar(
        select(CouncilSession.id)
        .where(CouncilSession.council_id == council.id)
        .order_by(CouncilSession.id.desc())
    )


def option_label(dossier) -> str:
    return f"{dossier.receipt_code} — {dossier.product.name} — {dossier.organisation.name}"
