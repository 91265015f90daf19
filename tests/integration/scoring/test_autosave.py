"""Autosave: JSON in, JSON out; a changed sheet is 409 with the difference, a closed session 423;
an expired login or CSRF token is answered so that the script keeps the draft."""

import re
from datetime import UTC, datetime
from pathlib import Path
from unittest.mock import patch

from evalapp.councils.services import close_session
from evalapp.extensions import db
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES
from tests.integration.scoring.conftest import autosave_url, opened, own_sheet


def test_a_draft_is_saved_and_the_totals_come_back(client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    body = {"version": sheet.version, "choices": {"1.1": "4"}, "comments": {"1.1": "Cói tại chỗ"}}
    response = client.post(autosave_url(meeting), json={**body, "overall": "Tốt"})
    assert response.status_code == 200
    saved = own_sheet(meeting, member)
    assert response.json == {
        "version": saved.version,
        "saved_at": response.json["saved_at"],
        "total": "3",
        "parts": response.json["parts"],
        "ceiling": response.json["ceiling"],
    }
    assert response.json["parts"]["A"] == "3"
    assert response.json["ceiling"]["stars"] == 5  # 1048 has no starred options
    assert "tối đa 5 sao" in response.json["ceiling"]["headline"]
    assert saved.choices == {"1.1": "4"} and saved.comments == {"1.1": "Cói tại chỗ"}
    assert saved.overall_comment == "Tốt"


def test_a_stale_copy_is_refused_with_the_difference(client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    client.post(autosave_url(meeting), json={"version": sheet.version, "choices": {"1.1": "4"}})
    response = client.post(
        autosave_url(meeting), json={"version": sheet.version, "choices": {"1.1": "2"}}
    )
    assert response.status_code == 409
    assert "Phiếu vừa được lưu ở nơi khác" in response.json["error"]
    assert [d["code"] for d in response.json["differences"]] == ["1.1"]
    assert own_sheet(meeting, member).choices == {"1.1": "4"}
    assert response.json["version"] == own_sheet(meeting, member).version


def test_a_closed_session_is_423(client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    close_session(meeting.session, meeting.secretary.user)
    db.session.commit()
    response = client.post(
        autosave_url(meeting), json={"version": sheet.version, "choices": {"1.1": "4"}}
    )
    assert response.status_code == 423 and "Phiên họp không mở chấm điểm" in response.json["error"]
    assert own_sheet(meeting, member).choices == {}


def test_a_signed_sheet_is_not_autosaved(client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    data = {f"c-{code}": level for code, level in HIEU_LAM_CHOICES.items()}
    client.post(
        f"/scoring/items/{meeting.item.id}",
        data={**data, "version": sheet.version, "action": "sign", "confirmed": "1"},
    )
    version = own_sheet(meeting, member).version
    response = client.post(
        autosave_url(meeting), json={"version": version, "choices": {"1.1": "2"}}
    )
    assert response.status_code == 422 and "Phiếu đã được ký" in response.json["error"]


def test_a_body_that_is_not_a_sheet_is_400_never_500(client, auth, meeting):
    opened(client, auth, meeting, meeting.members[1])
    for body in ([1, 2], {"choices": "1.1=4"}, {"choices": {"1.1": "99"}, "version": 1}, "x"):
        response = client.post(autosave_url(meeting), json=body)
        assert response.status_code in {400, 422}, body
        assert "error" in response.json


def test_an_expired_login_is_sent_to_the_login_page(client, meeting):
    response = client.post(autosave_url(meeting), json={"version": 1, "choices": {}})
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_the_csrf_token_travels_in_a_header(app, client, auth, meeting):
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    app.config["WTF_CSRF_ENABLED"] = True
    page = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    token = re.search(r'<meta name="csrf-token" content="([^"]+)"', page).group(1)
    assert 'data-autosave-url="/scoring/items/' in page and "data-storage-key=" in page
    body = {"version": sheet.version, "choices": {"1.1": "4"}}
    without = client.post(autosave_url(meeting), json=body)
    assert without.status_code == 400 and not without.is_json  # the script keeps the draft
    response = client.post(autosave_url(meeting), json=body, headers={"X-CSRFToken": token})
    assert response.status_code == 200


def test_the_page_offers_the_expired_session_message_and_the_restore_button(client, auth, meeting):
    opened(client, auth, meeting, meeting.members[1])
    page = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert "Phiên đăng nhập đã hết hạn — bản nháp vẫn được giữ trên máy này" in page
    assert 'id="draft-restore-button"' in page
    assert "<script>" not in page  # CSP: no inline script


def test_the_saved_time_is_the_servers_in_vietnam_time_on_a_24_hour_clock(
    client, auth, meeting, app
):
    """Not the browser's clock and locale ("2:12:12 PM" in UTC): the page shows Vietnam time."""
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    afternoon = datetime(2026, 12, 3, 14, 12, 12, tzinfo=UTC)  # 21:12 in Vietnam
    with patch("evalapp.scoring.services.utcnow", return_value=afternoon):
        response = client.post(
            autosave_url(meeting), json={"version": sheet.version, "choices": {"1.1": "4"}}
        )
    assert response.status_code == 200
    assert response.json["saved_at"] == "21:12"
    client.post("/language", data={"lang": "en"})  # the same 24-hour Vietnam time in English
    sheet = own_sheet(meeting, member)
    with patch("evalapp.scoring.services.utcnow", return_value=afternoon):
        again = client.post(
            autosave_url(meeting), json={"version": sheet.version, "choices": {"1.1": "3"}}
        )
    assert again.json["saved_at"] == "21:12"
    script = (Path(app.root_path).parent / "static/js/scoring.js").read_text()
    assert "toLocaleTimeString" not in script and "body.saved_at" in script
