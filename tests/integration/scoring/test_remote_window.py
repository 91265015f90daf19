"""Members may score before the meeting inside a remote window the secretary sets."""

from datetime import timedelta

import pytest

from evalapp.common.time import utcnow
from evalapp.councils.models import SessionState
from evalapp.councils.services import CouncilError, close_session, set_remote_window
from evalapp.extensions import db
from evalapp.scoring import services


@pytest.fixture
def planned(meeting):
    meeting.session.state = SessionState.PLANNED
    db.session.commit()
    return meeting


def test_a_planned_session_accepts_scores_only_inside_its_window(planned):
    member = planned.members[1]
    with pytest.raises(services.ScoringError, match="không mở chấm điểm"):
        services.open_sheet(planned.item, member, member.user)
    db.session.rollback()
    now = utcnow()
    set_remote_window(
        planned.session, now - timedelta(hours=1), now + timedelta(days=2), planned.secretary.user
    )
    db.session.commit()
    sheet = services.open_sheet(planned.item, member, member.user)
    assert sheet.id is not None


def test_the_window_must_make_sense(planned):
    now = utcnow()
    with pytest.raises(CouncilError, match="phải sau thời điểm bắt đầu"):
        set_remote_window(
            planned.session,
            now + timedelta(days=2),
            now + timedelta(days=1),
            planned.secretary.user,
        )
    with pytest.raises(CouncilError, match="đã qua"):
        set_remote_window(
            planned.session,
            now - timedelta(days=3),
            now - timedelta(days=2),
            planned.secretary.user,
        )


def test_closing_ends_the_window_too(meeting):
    now = utcnow()
    set_remote_window(
        meeting.session, now - timedelta(hours=1), now + timedelta(days=2), meeting.secretary.user
    )
    close_session(meeting.session, meeting.secretary.user)
    db.session.commit()
    assert not meeting.session.accepts_scores(utcnow())


def test_the_secretary_sets_the_window_in_vietnam_time(app, planned):
    from tests.conftest import TEST_PASSWORD

    client = app.test_client()
    client.post(
        "/auth/login", data={"email": planned.secretary.user.email, "password": TEST_PASSWORD}
    )
    url = f"/councils/sessions/{planned.session.id}/remote-window"
    response = client.post(url, data={"opens_at": "31/02/2030 08:00", "closes_at": "x"})
    assert "Thời điểm không hợp lệ; hãy nhập theo dạng dd/mm/yyyy HH:MM." in response.text
    response = client.post(
        url,
        data={"opens_at": "01/12/2030 08:00", "closes_at": "03/12/2030 17:00"},
        follow_redirects=True,
    )
    assert "Đã mở thời gian chấm điểm từ xa." in response.text
    db.session.refresh(planned.session)
    assert planned.session.remote_opens_at.hour == 1  # 08:00 in Hà Nội is 01:00 UTC


def test_a_seat_that_scored_in_the_window_is_not_removed(planned, client, auth):
    """Before the meeting the secretary may still remove seats, but not one whose sheet already
    exists: the page says why (it was a 500), and the seat and its sheet stay."""
    member = planned.members[1]
    now = utcnow()
    set_remote_window(
        planned.session, now - timedelta(hours=1), now + timedelta(days=2), planned.secretary.user
    )
    sheet = services.open_sheet(planned.item, member, member.user)
    db.session.commit()
    auth.login(planned.secretary.user)
    url = f"/councils/{planned.council.id}/members/{member.id}/remove"
    response = client.post(url, follow_redirects=True)
    assert response.status_code == 200
    assert f"{member.user.full_name} đã có dữ liệu trong công việc của hội đồng" in response.text
    db.session.expire_all()
    assert member in planned.council.members and services.sheet_of(planned.item, member) == sheet
