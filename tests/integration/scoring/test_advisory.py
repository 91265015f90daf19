"""The advisory group's notes per criterion, and the members told of a re-scoring round."""

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.mail import outbox_messages
from evalapp.councils.models import CouncilMember, Position, SessionState
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.scoring import services
from evalapp.scoring.models import AdvisoryNote
from tests.factories import make_council, make_round, make_user
from tests.integration.scoring.conftest import signed_sheet, with_changes


def seat_adviser(council) -> CouncilMember:
    user = make_user(Role.ADVISORY_MEMBER, unit=council.round.unit, full_name="Trần Thị Tư Vấn")
    seat = CouncilMember(user=user, position=Position.ADVISORY, number=len(council.members) + 1)
    council.members.append(seat)
    db.session.commit()
    return seat


@pytest.fixture
def adviser(meeting) -> CouncilMember:
    return seat_adviser(meeting.council)


def url(meeting) -> str:
    return f"/scoring/items/{meeting.item.id}/advisory"


def notes_of(meeting) -> dict[str, str]:
    db.session.expire_all()
    notes = db.session.scalars(select(AdvisoryNote).where(AdvisoryNote.item_id == meeting.item.id))
    return {note.criterion_code: note.note for note in notes}


def test_an_adviser_writes_notes_that_members_read_while_scoring(client, auth, meeting, adviser):
    auth.login(adviser.user)
    page = client.get(url(meeting)).get_data(as_text=True)
    assert "Lưu ghi chú" in page and "Mở hồ sơ" in page
    assert 'type="radio"' not in page
    response = client.post(
        url(meeting), data={"note-1.1": "Vùng nguyên liệu cói có hợp đồng", "note-6.3": " "}
    )
    assert response.status_code == 302
    assert notes_of(meeting) == {"1.1": "Vùng nguyên liệu cói có hợp đồng"}
    assert "Vùng nguyên liệu cói có hợp đồng" in client.get(url(meeting)).get_data(as_text=True)

    auth.logout()
    auth.login(meeting.members[2].user)
    sheet = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert "Vùng nguyên liệu cói có hợp đồng" in sheet
    assert "Trần Thị Tư Vấn" not in sheet


def test_an_empty_note_deletes_the_advisers_note(client, auth, meeting, adviser):
    services.save_advisory_notes(meeting.item, adviser, {"1.1": "Cần xem lại"}, adviser.user)
    db.session.commit()
    auth.login(adviser.user)
    client.post(url(meeting), data={"note-1.1": ""})
    assert notes_of(meeting) == {}


def test_the_session_page_links_advisers_to_their_notes(client, auth, meeting, adviser):
    auth.login(adviser.user)
    page = client.get(f"/councils/sessions/{meeting.session.id}").get_data(as_text=True)
    assert "Ghi chú tư vấn" in page and url(meeting) in page
    auth.logout()
    auth.login(meeting.members[1].user)
    page = client.get(f"/councils/sessions/{meeting.session.id}").get_data(as_text=True)
    assert url(meeting) not in page


def test_members_and_other_councils_advisers_are_refused(client, auth, meeting, adviser):
    auth.login(meeting.members[1].user)
    assert client.get(url(meeting)).status_code == 403
    auth.logout()
    other_round = make_round(meeting.council.round.unit, level_code="district")
    stranger = seat_adviser(make_council(other_round))
    auth.login(stranger.user)
    assert client.get(url(meeting)).status_code == 403
    assert client.post(url(meeting), data={"note-1.1": "Không được"}).status_code == 403
    with pytest.raises(services.ScoringError):
        services.save_advisory_notes(meeting.item, stranger, {"1.1": "x"}, stranger.user)
    with pytest.raises(services.ScoringError):
        services.save_advisory_notes(meeting.item, meeting.members[1], {"1.1": "x"}, adviser.user)
    db.session.rollback()
    assert notes_of(meeting) == {}


def test_notes_are_refused_once_the_session_is_closed(client, auth, meeting, adviser):
    meeting.session.state = SessionState.CLOSED
    db.session.commit()
    auth.login(adviser.user)
    assert client.post(url(meeting), data={"note-1.1": "Muộn"}).status_code == 403
    with pytest.raises(services.ScoringError, match="đã kết thúc"):
        services.save_advisory_notes(meeting.item, adviser, {"1.1": "Muộn"}, adviser.user)
    db.session.rollback()
    assert notes_of(meeting) == {}


def test_unknown_criteria_are_refused(meeting, adviser):
    with pytest.raises(services.ScoringError):
        services.save_advisory_notes(
            meeting.item, adviser, {"1.1": "Đúng", "99.9": "Sai"}, adviser.user
        )
    db.session.rollback()
    assert notes_of(meeting) == {}


LOW = with_changes(**{"6.3": "1", "6.1": "1", "6.4": "1", "4.1": "1"})


def test_members_are_told_when_the_chair_opens_a_rescoring_round(app, client, auth, meeting):
    for member in meeting.members[:3]:
        signed_sheet(meeting.item, member)
    signed_sheet(meeting.item, meeting.members[3], LOW)
    auth.login(meeting.chair.user)
    client.post(f"/results/items/{meeting.item.id}/rescore", data={"confirmed": "1"})
    notices = db.session.scalars(select(Notification)).all()
    others = [m for m in meeting.members if m.user_id != meeting.chair.user_id]
    assert {n.user_id for n in notices} == {m.user_id for m in others}  # not the chair who acted
    receipt = meeting.item.dossier.receipt_code
    assert all(n.subject == f"Hội đồng chấm lại hồ sơ {receipt}" for n in notices)
    assert all(n.link == f"/scoring/items/{meeting.item.id}" for n in notices)
    mails = [m for m in outbox_messages(app) if "chấm lại" in m["Subject"]]
    assert {m["To"] for m in mails} == {m.user.email for m in others}
    assert f"/scoring/items/{meeting.item.id}" in mails[0].get_content()
    auth.logout()
    auth.login(meeting.members[1].user)
    sheet = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert "chênh lệch 22 điểm" in sheet
