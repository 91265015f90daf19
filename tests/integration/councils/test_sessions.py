from datetime import UTC, date, datetime

import pytest

from evalapp.councils import services
from evalapp.councils.models import ConflictDeclaration, Position, SessionState
from evalapp.councils.services import working_days_between
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from tests.factories import make_accepted_dossier, make_council, make_round, make_session, make_unit
from tests.integration.councils.conftest import put_on_agenda, seat


def test_the_agenda_offers_accepted_dossiers_of_the_round(
    client, as_secretary, session, dossier, round_, organisation
):
    pending = make_accepted_dossier(round_, organisation, name="Nón lá chưa nhận")
    pending.state = DossierState.RECEIVED
    elsewhere = make_accepted_dossier(make_round(round_.unit), organisation, name="Gạo đợt khác")
    db.session.commit()
    page = client.get(f"/councils/sessions/{session.id}").text
    assert "Chiếu cói Kim Sơn" in page
    assert "Nón lá chưa nhận" not in page and "Gạo đợt khác" not in page
    response = client.post(
        f"/councils/sessions/{session.id}/agenda",
        data={"dossier_id": str(dossier.id)},
        follow_redirects=True,
    )
    assert f"Đã đưa hồ sơ {dossier.receipt_code} vào chương trình." in response.text
    for other in (pending, elsewhere):
        response = client.post(
            f"/councils/sessions/{session.id}/agenda", data={"dossier_id": str(other.id)}
        )
        assert (
            "Chỉ đưa vào chương trình các hồ sơ đã được chấp nhận của đợt đánh giá này."
            in response.text
        )
    db.session.refresh(session)
    assert [item.dossier for item in session.agenda] == [dossier]


def test_the_dossier_reaches_members_a_working_day_ahead(
    client, as_secretary, council, dossier, monkeypatch
):
    friday = date(2026, 1, 9)
    monkeypatch.setattr(services, "local_today", lambda: friday)
    saturday = make_session(council, starts_at=datetime(2026, 1, 10, 1, 0, tzinfo=UTC))
    monday = make_session(council, starts_at=datetime(2026, 1, 12, 1, 0, tzinfo=UTC))
    db.session.commit()
    response = client.post(
        f"/councils/sessions/{saturday.id}/agenda", data={"dossier_id": str(dossier.id)}
    )
    assert "Hồ sơ phải đến thành viên ít nhất 1 ngày làm việc trước phiên họp." in response.text
    response = client.post(
        f"/councils/sessions/{monday.id}/agenda",
        data={"dossier_id": str(dossier.id)},
        follow_redirects=True,
    )
    assert "vào chương trình." in response.text


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 1, 9), date(2026, 1, 10), 0),  # Friday → Saturday
        (date(2026, 1, 9), date(2026, 1, 12), 1),  # Friday → Monday
        (date(2026, 1, 8), date(2026, 1, 9), 1),  # Thursday → Friday
        (date(2026, 1, 5), date(2026, 1, 19), 10),  # two weeks
        (date(2026, 1, 9), date(2026, 1, 9), 0),
    ],
)
def test_working_days_between(start, end, days):
    assert working_days_between(start, end) == days


def mark_present(client, session, *members):
    return client.post(
        f"/councils/sessions/{session.id}/attendance",
        data={"present": [str(m.id) for m in members]},
        follow_redirects=True,
    )


def test_attendance_and_the_quorum_shown_live(client, as_secretary, council, session, item):
    chair, vice = seat(council, Position.CHAIR), seat(council, Position.VICE_CHAIR)
    first, second = seat(council, Position.MEMBER), seat(council, Position.MEMBER, 1)
    page = mark_present(client, session, chair, vice, first).text
    assert "Đã lưu điểm danh." in page
    assert "Đủ điều kiện họp: 3/4 thành viên có mặt, có Chủ tịch" in page
    assert f'value="{chair.id}" id="present-{chair.id}" checked' in page
    page = mark_present(client, session, vice, first, second).text
    assert "Chưa đủ điều kiện họp: 3/4 thành viên có mặt, vắng Chủ tịch" in page
    page = mark_present(client, session, chair, vice).text
    assert "Chưa đủ điều kiện họp: 2/4 thành viên có mặt, có Chủ tịch" in page


def test_attendance_ignores_what_is_not_a_seat(client, as_secretary, council, session, item):
    response = mark_present(client, session, seat(council, Position.CHAIR))
    assert "Đã lưu điểm danh." in response.text
    url = f"/councils/sessions/{session.id}/attendance"
    response = client.post(url, data={"present": ["ba"]}, follow_redirects=True)
    assert "Không đọc được danh sách điểm danh; vui lòng thử lại." in response.text
    response = client.post(url, data={"present": ["999999"]}, follow_redirects=True)
    assert "Chưa đủ điều kiện họp: 0/4 thành viên có mặt, vắng Chủ tịch" in response.text


def declare_conflict(item, member):
    item.declarations.append(
        ConflictDeclaration(member=member, has_conflict=True, reason="Họ hàng")
    )
    db.session.commit()


def test_a_conflicted_chair_is_replaced_by_the_vice_chair(
    client, as_secretary, council, session, item
):
    chair, vice = seat(council, Position.CHAIR), seat(council, Position.VICE_CHAIR)
    declare_conflict(item, chair)
    page = mark_present(
        client,
        session,
        chair,
        vice,
        seat(council, Position.MEMBER),
        seat(council, Position.MEMBER, 1),
    ).text
    assert "Đủ điều kiện họp: 3/3 thành viên có mặt, có Chủ tịch" in page
    assert "Phó Chủ tịch Lê Thị Phó chủ trì thay Chủ tịch đối với hồ sơ này." in page
    assert "Số thành viên khai báo có xung đột lợi ích: 1" in page
    assert "Họ hàng" not in page  # counted, never who nor why


def test_a_conflicted_member_does_not_count(client, as_secretary, council, session, item):
    first = seat(council, Position.MEMBER)
    declare_conflict(item, first)
    page = mark_present(client, session, seat(council, Position.CHAIR), first).text
    assert "Chưa đủ điều kiện họp: 1/3 thành viên có mặt, có Chủ tịch" in page


def test_open_and_close_a_session(client, as_secretary, session, dossier):
    response = client.post(f"/councils/sessions/{session.id}/open", follow_redirects=True)
    assert "Phiên họp chưa có hồ sơ nào trong chương trình." in response.text
    put_on_agenda(session, dossier)
    response = client.post(f"/councils/sessions/{session.id}/close", follow_redirects=True)
    assert (
        "Phiên họp đang ở trạng thái “Chưa họp”, không thể thực hiện thao tác này." in response.text
    )
    response = client.post(f"/councils/sessions/{session.id}/open", follow_redirects=True)
    assert "Đã mở phiên họp; thành viên có thể khai báo và chấm điểm." in response.text
    assert "Đang họp, đang chấm điểm" in response.text and "Kết thúc phiên họp" in response.text
    response = client.post(f"/councils/sessions/{session.id}/agenda", data={"dossier_id": "1"})
    assert "Phiên họp đang ở trạng thái “Đang họp, đang chấm điểm”" in response.text
    response = client.post(f"/councils/sessions/{session.id}/close")
    assert "Không thể mở lại phiên họp sau khi kết thúc." in response.text
    assert 'name="confirmed" value="1"' in response.text and "Kết thúc phiên họp" in response.text
    db.session.refresh(session)
    assert session.state is SessionState.OPEN  # nothing closed without confirmation
    response = client.post(
        f"/councils/sessions/{session.id}/close", data={"confirmed": "1"}, follow_redirects=True
    )
    assert "Đã kết thúc phiên họp." in response.text and "Điểm danh" not in response.text
    response = client.post(f"/councils/sessions/{session.id}/open", follow_redirects=True)
    assert "Phiên họp đang ở trạng thái “Đã kết thúc”" in response.text
    db.session.refresh(session)
    assert session.state is SessionState.CLOSED


def test_the_secretary_of_another_unit_cannot_use_the_session(client, auth, session, item):
    from evalapp.auth.models import Role
    from tests.factories import make_user

    auth.login(make_user(Role.SECRETARY, unit=make_unit("Tỉnh Thanh Hóa", code="TH")))
    url = f"/councils/sessions/{session.id}"
    assert client.get(url).status_code == 403
    assert client.post(f"{url}/attendance", data={"present": []}).status_code == 403
    assert client.post(f"{url}/agenda", data={"dossier_id": "1"}).status_code == 403
    assert client.post(f"{url}/close").status_code == 403


def test_a_dossier_of_another_round_cannot_be_put_on_the_agenda(
    client, as_secretary, session, organisation
):
    foreign_round = make_round(make_unit("Tỉnh Thanh Hóa", code="TH"))
    foreign = make_accepted_dossier(foreign_round, organisation, name="Hồ sơ tỉnh khác")
    other_council = make_council(foreign_round)
    db.session.commit()
    response = client.post(
        f"/councils/sessions/{session.id}/agenda", data={"dossier_id": str(foreign.id)}
    )
    assert "Chỉ đưa vào chương trình" in response.text
    assert client.get(f"/councils/{other_council.id}").status_code == 403


def test_a_dossier_whose_group_has_no_criteria_sheet_stays_off_the_agenda(
    client, as_secretary, session, round_, organisation
):
    """148/QĐ-TTg ships no criteria sheet: nobody could score the dossier, so it is refused
    with a message that says why, and the agenda stays as it was."""
    round_.rulebook_code = "148-2023"
    unsheeted = make_accepted_dossier(round_, organisation, name="Chiếu cói không phiếu")
    db.session.commit()
    assert unsheeted.sheet_code is None
    response = client.post(
        f"/councils/sessions/{session.id}/agenda", data={"dossier_id": str(unsheeted.id)}
    )
    assert response.status_code == 200
    assert "chưa có phiếu đánh giá theo 148/QĐ-TTg: hồ sơ này không thể chấm điểm." in (
        response.text
    )
    assert "Không thể đưa hồ sơ vào chương trình phiên họp." in response.text
    db.session.refresh(session)
    assert session.agenda == []


def test_presence_follows_every_change_of_the_attendance(session, council, secretary, item):
    """`is_present` keeps the present seats once read; every way attendance changes is seen."""
    chair, member = seat(council, Position.CHAIR), seat(council, Position.MEMBER)
    services.record_attendance(session, {chair.id}, secretary)
    assert session.is_present(chair) and not session.is_present(member)
    services.record_attendance(session, {chair.id, member.id}, secretary)  # rows set in place
    assert session.is_present(member)
    db.session.commit()
    assert session.is_present(member)  # read again after the commit expired the session
    row = next(a for a in session.attendance if a.member_id == member.id)
    row.present = False
    assert not session.is_present(member)
    session.attendance.remove(row)
    assert not session.is_present(member)
    db.session.rollback()
    assert session.is_present(member) and item.takes_part(member)
