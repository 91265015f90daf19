"""A committed save is answered as saved, even when the database goes away right after the
commit (a restart); the member's retry of that save, same version and same content, is answered
as saved too, while a different content on that version is still a conflict (issue 16)."""

from sqlalchemy import func, select

from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES
from tests.integration.faults import database_lost_after_commit
from tests.integration.scoring.conftest import autosave_url, opened, own_sheet


def saves_audited(sheet) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(AuditEntry)
        .where(AuditEntry.action == "sheet.saved", AuditEntry.object_id == str(sheet.id))
    )


def test_an_autosave_committed_before_the_database_went_away_is_answered_as_saved(
    client, auth, meeting
):
    member = meeting.members[1]
    version = opened(client, auth, meeting, member).version
    body = {"version": version, "choices": {"1.1": "4"}, "overall": "Tốt"}
    with database_lost_after_commit() as refused:
        response = client.post(autosave_url(meeting), json=body)
    assert response.status_code == 200, response.data
    assert refused == []  # nothing read the database after the commit
    saved = own_sheet(meeting, member)
    assert saved.choices == {"1.1": "4"}
    assert response.json["version"] == saved.version == version + 1
    assert response.json["total"] == "3"


def test_a_retry_of_a_save_whose_answer_was_lost_is_answered_as_saved(client, auth, meeting):
    member = meeting.members[1]
    version = opened(client, auth, meeting, member).version
    body = {"version": version, "choices": {"1.1": "4"}, "comments": {"1.1": " Cói "}}
    client.post(autosave_url(meeting), json=body)  # committed; the browser never saw the answer
    retried = client.post(autosave_url(meeting), json=body)
    assert retried.status_code == 200
    saved = own_sheet(meeting, member)
    assert retried.json["version"] == saved.version == version + 1
    assert retried.json["total"] == "3"
    assert saves_audited(saved) == 1  # the retry wrote nothing


def test_a_different_content_on_the_old_version_is_still_a_conflict(client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    client.post(autosave_url(meeting), json={"version": sheet.version, "choices": {"1.1": "4"}})
    changed = {"version": sheet.version, "choices": {"1.1": "4"}, "overall": "Khác"}
    response = client.post(autosave_url(meeting), json=changed)
    assert response.status_code == 409
    assert own_sheet(meeting, member).overall_comment == ""


def test_the_saved_draft_is_acknowledged_by_the_form_even_when_the_database_goes_away(
    client, auth, meeting
):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    data = {"c-1.1": "4", "version": sheet.version, "action": "save"}
    with database_lost_after_commit() as refused:
        response = client.post(f"/scoring/items/{meeting.item.id}", data=data)
    assert response.status_code == 302 and refused == []
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Đã lưu nháp phiếu chấm điểm." in page
    assert own_sheet(meeting, member).choices == {"1.1": "4"}


def test_a_signature_committed_before_the_database_went_away_is_acknowledged(client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    data = {f"c-{code}": level for code, level in HIEU_LAM_CHOICES.items()}
    fields = {**data, "version": sheet.version, "action": "sign"}
    asked = client.post(f"/scoring/items/{meeting.item.id}", data=fields)
    assert asked.status_code == 200 and "Xác nhận" in asked.get_data(as_text=True)
    version = own_sheet(meeting, member).version
    with database_lost_after_commit() as refused:
        response = client.post(
            f"/scoring/items/{meeting.item.id}",
            data={**fields, "version": version, "confirmed": "1"},
        )
    assert response.status_code == 302 and refused == []
    assert "Đã ký phiếu chấm điểm." in client.get(response.headers["Location"]).get_data(True)
    assert own_sheet(meeting, member).is_signed


def test_a_paper_import_and_its_confirmation_are_acknowledged_when_the_database_goes_away(
    client, auth, meeting
):
    from tests.integration.scoring.test_offline import blank, filled, sheet_in_db, upload

    member = meeting.members[1]
    data = filled(blank(client, auth, meeting, member), HIEU_LAM_CHOICES)
    with database_lost_after_commit() as refused:
        imported = upload(client, meeting, member, data)
    assert imported.status_code == 302 and refused == []
    auth.logout()
    version = sheet_in_db(meeting, member).version
    auth.login(member.user)
    with database_lost_after_commit() as refused:
        confirmed = client.post(
            f"/scoring/items/{meeting.item.id}/paper/confirm",
            data={"version": version, "confirmed": "1"},
        )
    assert confirmed.status_code == 302 and refused == []
    assert sheet_in_db(meeting, member).is_signed


def test_a_confirmed_signature_sent_again_is_answered_as_signed(client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    data = {f"c-{code}": level for code, level in HIEU_LAM_CHOICES.items()}
    fields = {**data, "version": sheet.version, "action": "sign", "confirmed": "1"}
    client.post(f"/scoring/items/{meeting.item.id}", data=fields)  # signed; the answer was lost
    signed_at = own_sheet(meeting, member).signed_at

    again = client.post(f"/scoring/items/{meeting.item.id}", data=fields)

    assert again.status_code == 302
    assert "Đã ký phiếu chấm điểm." in client.get(again.headers["Location"]).get_data(True)
    assert own_sheet(meeting, member).signed_at == signed_at
    changed = client.post(f"/scoring/items/{meeting.item.id}", data={**fields, "c-1.1": "1"})
    assert changed.status_code == 422  # another content on a signed sheet: still refused
    assert "Phiếu đã được ký" in changed.get_data(as_text=True)
