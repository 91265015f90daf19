from datetime import UTC, date, timedelta

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.time import utcnow
from evalapp.councils.models import Council, CouncilSession, Position, SessionState
from evalapp.extensions import db
from tests.factories import make_unit, make_user
from tests.integration.councils.conftest import seat


def council_form(**fields) -> dict:
    return {
        "name": "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình",
        "decision_number": "245/QĐ-UBND",
        "decision_date": "12/03/2026",
        **fields,
    }


def test_the_index_offers_a_council_for_rounds_without_one(client, as_secretary, round_):
    page = client.get("/councils/").text
    assert "Đơn vị chưa thành lập hội đồng nào." in page
    assert f"/councils/new?round_id={round_.id}" in page and "Thành lập hội đồng" in page


def test_secretary_sets_up_the_council_of_a_round(client, as_secretary, round_):
    response = client.post(
        f"/councils/new?round_id={round_.id}", data=council_form(), follow_redirects=True
    )
    assert (
        "Đã thành lập Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Ninh Bình." in response.text
    )
    assert "Quyết định số 245/QĐ-UBND ngày 12/03/2026" in response.text
    council = db.session.scalars(select(Council)).one()
    assert (council.round_id, council.decision_date) == (round_.id, date(2026, 3, 12))
    index = client.get("/councils/").text
    assert "Số 245/QĐ-UBND ngày 12/03/2026" in index and "round_id=" not in index


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"decision_date": "12.03.2026"}, "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy."),
        ({"decision_date": "31/02/2026"}, "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy."),
        ({"decision_number": ""}, "Vui lòng nhập trường này."),
    ],
)
def test_a_council_needs_a_decision_number_and_date(client, as_secretary, round_, fields, message):
    response = client.post(f"/councils/new?round_id={round_.id}", data=council_form(**fields))
    assert response.status_code == 200 and message in response.text
    assert 'value="245/QĐ-UBND"' in response.text or fields.get("decision_number") == ""
    assert db.session.scalars(select(Council)).first() is None


def test_a_round_has_one_council(client, as_secretary, council):
    response = client.post(f"/councils/new?round_id={council.round_id}", data=council_form())
    assert "Đợt đánh giá này đã có hội đồng." in response.text


def test_the_composition_shows_numbers_names_and_positions(client, as_secretary, council):
    page = client.get(f"/councils/{council.id}").text
    assert "Trần Văn Chủ" in page and "Chủ tịch hội đồng" in page
    assert "Phó Chủ tịch hội đồng" in page and "Tổ tư vấn" in page


def add(client, council, user, position: Position):
    return client.post(
        f"/councils/{council.id}/members",
        data={"user_id": str(user.id), "position": position.value},
        follow_redirects=True,
    )


def test_secretary_seats_staff_of_the_unit(client, as_secretary, council, province):
    expert = make_user(Role.COUNCIL_MEMBER, unit=province, full_name="Phạm Chuyên Gia")
    assert "Phạm Chuyên Gia" in client.get(f"/councils/{council.id}").text
    response = add(client, council, expert, Position.MEMBER)
    assert "Đã thêm Phạm Chuyên Gia vào hội đồng." in response.text
    db.session.refresh(council)
    assert council.member_for(expert).number == 6


def test_one_chair_and_one_secretary(client, as_secretary, council, province):
    chair = make_user(Role.COUNCIL_CHAIR, unit=province, full_name="Chủ Tịch Hai")
    response = add(client, council, chair, Position.CHAIR)
    assert "Hội đồng đã có Chủ tịch hội đồng." in response.text
    assert f'<option selected value="{chair.id}">' in response.text  # the choice is kept
    add(client, council, as_secretary, Position.SECRETARY)
    other = make_user(Role.SECRETARY, unit=province)
    response = add(client, council, other, Position.SECRETARY)
    assert "Hội đồng đã có Thư ký hội đồng." in response.text


def test_a_member_is_seated_once_and_only_staff_of_the_unit(client, as_secretary, council):
    seated = seat(council, Position.MEMBER).user
    response = add(client, council, seated, Position.MEMBER)
    assert "Vui lòng chọn một giá trị trong danh sách." in response.text
    outsider = make_user(Role.COUNCIL_MEMBER, unit=make_unit("Tỉnh Khác"))
    response = add(client, council, outsider, Position.MEMBER)
    assert "Vui lòng chọn một giá trị trong danh sách." in response.text
    producer = make_user(Role.PRODUCER)
    assert producer.full_name not in client.get(f"/councils/{council.id}").text
    db.session.refresh(council)
    assert len(council.members) == 5


def test_a_member_is_removed_until_the_council_has_met(client, as_secretary, council, session):
    member = seat(council, Position.MEMBER, 1)
    url = f"/councils/{council.id}/members/{member.id}/remove"
    response = client.post(url, follow_redirects=True)
    assert "Đã đưa Đỗ Thị Hai ra khỏi hội đồng." in response.text
    session.state = SessionState.OPEN
    db.session.commit()
    other = seat(council, Position.MEMBER)
    response = client.post(
        f"/councils/{council.id}/members/{other.id}/remove", follow_redirects=True
    )
    assert "Không thể thay đổi thành phần hội đồng sau khi đã họp." in response.text


def session_form(**fields) -> dict:
    moment = (utcnow() + timedelta(days=10)).astimezone(UTC) + timedelta(hours=7)
    return {
        "title": "Phiên họp đánh giá đợt 1",
        "starts_at": moment.strftime("%d/%m/%Y") + " 08:30",
        "place": "Hội trường Sở Nông nghiệp",
        **fields,
    }


def test_a_session_is_scheduled_in_vietnam_time(client, as_secretary, council):
    response = client.post(
        f"/councils/{council.id}/sessions", data=session_form(), follow_redirects=True
    )
    assert "Đã lên lịch Phiên họp đánh giá đợt 1." in response.text
    session = db.session.scalars(select(CouncilSession)).one()
    assert (session.starts_at.hour, session.starts_at.minute) == (1, 30)  # 08:30 in Hà Nội
    assert "08:30 · Hội trường Sở Nông nghiệp" in response.text and "Chưa họp" in response.text


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"starts_at": "01/01/2020 08:00"}, "Thời điểm họp phải ở tương lai."),
        (
            {"starts_at": "2026-05-20 08:00"},
            "Thời điểm không hợp lệ; hãy nhập theo dạng dd/mm/yyyy HH:MM.",
        ),
        ({"place": ""}, "Vui lòng ghi địa điểm họp, hoặc chọn họp trực tuyến."),
        ({"title": ""}, "Vui lòng nhập trường này."),
    ],
)
def test_a_session_needs_a_future_time_and_a_place(client, as_secretary, council, fields, message):
    response = client.post(f"/councils/{council.id}/sessions", data=session_form(**fields))
    assert response.status_code == 200 and message in response.text
    assert db.session.scalars(select(CouncilSession)).first() is None


def test_an_online_session_needs_no_place(client, as_secretary, council):
    data = session_form(place="", is_online="y")
    response = client.post(f"/councils/{council.id}/sessions", data=data, follow_redirects=True)
    assert "Họp trực tuyến" in response.text
    assert db.session.scalars(select(CouncilSession)).one().is_online


def test_another_units_secretary_cannot_touch_the_council(client, auth, council, session, round_):
    stranger = make_user(Role.SECRETARY, unit=make_unit("Tỉnh Thanh Hóa", code="TH"))
    auth.login(stranger)
    assert client.get(f"/councils/{council.id}").status_code == 403
    assert client.get(f"/councils/sessions/{session.id}").status_code == 403
    assert client.get(f"/councils/new?round_id={round_.id}").status_code == 403
    member = seat(council, Position.MEMBER)
    assert client.post(f"/councils/{council.id}/members/{member.id}/remove").status_code == 403
    assert client.post(f"/councils/{council.id}/sessions", data=session_form()).status_code == 403
    assert client.post(f"/councils/sessions/{session.id}/open").status_code == 403
    assert "Hội đồng đánh giá thử" not in client.get("/councils/").text
    db.session.refresh(council)
    assert len(council.members) == 5 and session.state is SessionState.PLANNED
