"""A broken sheet file and a sheet missing from the library, as an administrator and everyone
else meet them (issue 15): the file is listed with every reason on the administrator's sheet page
and home; the version already in the library keeps serving, so nothing else changes; only a page
that needs a sheet the library cannot give says so, with no 500."""

import json

import pytest

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.rules import clear_caches
from tests.factories import make_user


@pytest.fixture
def broken_sheet(shipped_data, meeting):
    """The shipped file of the meeting's dossier's sheet, emptied in place."""
    code = meeting.item.dossier.sheet_code
    path = shipped_data / "1048-2019" / "sheets" / f"{code}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**data, "parts": []}), encoding="utf-8")
    clear_caches()
    return code


def test_the_administrator_sees_the_broken_file_and_why(client, auth, broken_sheet):
    auth.login(make_user(Role.ADMIN))
    home = client.get("/").text
    assert 'id="queue-sheet-files"' in home and "Tệp phiếu đánh giá lỗi" in home
    page = client.get("/admin/sheets")
    assert page.status_code == 200
    assert f"{broken_sheet}.json" in page.text
    assert "Phần A: thiếu trong phiếu" in page.text
    assert "Phiên bản đã nạp trước đó (nếu có) vẫn được dùng." in page.text


def test_the_version_in_the_library_keeps_serving(client, auth, meeting, broken_sheet):
    assert client.get("/rulebooks/").status_code == 200
    page = client.get("/rulebooks/1048-2019")
    assert page.status_code == 200 and f"/sheets/{broken_sheet}" in page.text
    assert client.get(f"/rulebooks/1048-2019/sheets/{broken_sheet}").status_code == 200
    auth.login(meeting.members[1].user)
    assert client.get(f"/scoring/items/{meeting.item.id}").status_code == 200


def test_a_sheet_the_library_cannot_give_is_reported_not_a_500(client, auth, meeting):
    dossier = meeting.item.dossier
    dossier.sheet_code, dossier.sheet_version_id = "khong-co-phieu", None
    db.session.commit()
    auth.login(meeting.members[1].user)
    page = client.get(f"/scoring/items/{meeting.item.id}")
    assert page.status_code == 503
    assert "Phiếu đánh giá “khong-co-phieu” đang lỗi dữ liệu" in page.text
    assert "Dữ liệu đã lưu không bị mất" in page.text


def test_with_every_file_sound_the_administrator_has_nothing_waiting(client, auth):
    auth.login(make_user(Role.ADMIN))
    home = client.get("/").text
    assert 'id="queue-sheet-files"' in home
    assert "Tệp phiếu đi kèm ứng dụng bị bỏ qua" not in client.get("/admin/sheets").text
