"""The calendars of the day boxes in Chromium: a secretary picks a round's last scoring day and a
session's start in the calendar, the box shows dd/mm/yyyy (HH:MM), and the saved value is the
one picked; the page's Content Security Policy reports nothing."""

from datetime import date, datetime, timedelta

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.time import local_today
from evalapp.councils.models import CouncilSession
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound
from tests.e2e.test_secretary_session import log_in
from tests.factories import make_council, make_round, make_unit, make_user

pytestmark = pytest.mark.e2e

OPEN_CALENDAR = ".flatpickr-calendar.open"


@pytest.fixture
def secretary(app):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    user = make_user(Role.SECRETARY, unit=province, full_name="Thư ký Tỉnh")
    council = make_council(make_round(province, name="Đợt đánh giá OCOP tỉnh Ninh Bình"))
    db.session.commit()
    return user, council


@pytest.fixture
def console(page: Page) -> list[str]:
    """What the page wrote to the console as errors or warnings (a CSP refusal is one)."""
    messages: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            messages.append(message.text)

    page.on("console", keep)
    return messages


def twentieth_of_next_month(today: date) -> date:
    first_of_next = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_of_next.replace(day=20)


def pick_next_months_twentieth(page: Page) -> None:
    calendar = page.locator(OPEN_CALENDAR)
    expect(calendar).to_be_visible()
    calendar.locator(".flatpickr-next-month").click()
    calendar.locator(".flatpickr-day:not(.prevMonthDay):not(.nextMonthDay)", has_text="20").click()


def test_a_round_day_is_picked_in_the_calendar(page: Page, live_server, secretary, console):
    user, _council = secretary
    log_in(page, live_server, user.email)
    page.goto(live_server + "/rounds/new")
    today = local_today()
    page.get_by_label("Tên đợt đánh giá").fill("Đợt chọn ngày trên lịch")
    page.locator("#year").fill(str(today.year))
    page.get_by_label("Cấp đánh giá").select_option("province")
    page.get_by_label("Bắt đầu nhận hồ sơ").fill(f"{today:%d/%m/%Y}")
    page.get_by_label("Hết hạn nộp hồ sơ").fill(f"{today + timedelta(days=1):%d/%m/%Y}")
    page.get_by_label("Bắt đầu chấm điểm").fill(f"{today + timedelta(days=2):%d/%m/%Y}")

    end = page.get_by_label("Kết thúc chấm điểm")
    suggested = datetime.strptime(end.input_value(), "%d/%m/%Y").date()  # the calendar opens there
    end.click()
    calendar = page.locator(OPEN_CALENDAR)
    expect(calendar.locator(".flatpickr-weekday").first).to_have_text("T2")  # Monday first
    expect(calendar.locator(".flatpickr-monthDropdown-months")).to_contain_text("Tháng mười hai")
    pick_next_months_twentieth(page)
    picked = twentieth_of_next_month(suggested)
    expect(end).to_have_value(f"{picked:%d/%m/%Y}")

    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã lưu đợt đánh giá Đợt chọn ngày trên lịch.")).to_be_visible()
    expect(page.get_by_text(f"– {picked:%d/%m/%Y}")).to_be_visible()
    saved = db.session.scalar(
        select(EvaluationRound).where(EvaluationRound.name == "Đợt chọn ngày trên lịch")
    )
    assert saved.scoring_ends_on == picked
    assert not [text for text in console if "Content Security Policy" in text], console


def test_typed_text_that_is_no_day_stays_for_the_server_to_explain(
    page: Page, live_server, secretary
):
    user, _council = secretary
    log_in(page, live_server, user.email)
    page.goto(live_server + "/rounds/new")
    opens = page.get_by_label("Bắt đầu nhận hồ sơ")
    opens.click()
    expect(page.locator(OPEN_CALENDAR)).to_be_visible()
    opens.fill("31/02/2026")
    expect(page.locator(OPEN_CALENDAR)).to_have_count(0)  # typing closes it: nothing covered
    page.get_by_label("Tên đợt đánh giá").click()  # leaving the box: flatpickr re-reads it
    expect(opens).to_have_value("31/02/2026")
    page.get_by_label("Hết hạn nộp hồ sơ").fill("2026-03-05")
    page.get_by_label("Tên đợt đánh giá").click()
    expect(page.get_by_label("Hết hạn nộp hồ sơ")).to_have_value("05/03/2026")


def test_a_session_start_is_picked_in_the_calendar(page: Page, live_server, secretary, console):
    user, council = secretary
    log_in(page, live_server, user.email)
    page.goto(f"{live_server}/councils/{council.id}")
    page.get_by_label("Tên phiên họp").fill("Phiên họp chọn trên lịch")
    starts = page.get_by_label("Thời điểm họp")
    starts.click()
    pick_next_months_twentieth(page)
    calendar = page.locator(OPEN_CALENDAR)
    calendar.locator("input.flatpickr-hour").fill("14")
    calendar.locator("input.flatpickr-minute").fill("30")
    calendar.locator("input.flatpickr-minute").press("Enter")
    picked = twentieth_of_next_month(local_today())
    expect(starts).to_have_value(f"{picked:%d/%m/%Y} 14:30")

    page.get_by_label("Địa điểm").fill("Hội trường Sở Nông nghiệp")
    page.get_by_role("button", name="Lên lịch phiên họp").click()
    expect(page.get_by_text("Đã lên lịch Phiên họp chọn trên lịch.")).to_be_visible()
    db.session.expire_all()
    session = db.session.scalar(
        select(CouncilSession).where(CouncilSession.title == "Phiên họp chọn trên lịch")
    )
    assert session.starts_at.date() == picked
    assert (session.starts_at.hour, session.starts_at.minute) == (7, 30)  # 14:30 in Hà Nội
    assert not [text for text in console if "Content Security Policy" in text], console
