"""A broken sheet file, as an administrator and everyone else meet it (issue 15): it is listed
with every reason on the administrator's sheet page and home; the rulebook pages and the other
sheets work; only the pages that need that very sheet say it is unusable, with no 500."""

import json

import pytest

from evalapp.auth.models import Role
from evalapp.rules import clear_caches
from tests.factories import make_user


@pytest.fixture
def broken_sheet(shipped_data, meeting):
    """The sheet of the meeting's dossier, emptied in place."""
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
    assert "2 phiếu dùng được" in page.text and "26 phiếu dùng được" in page.text


def test_the_rulebook_pages_and_the_other_sheets_keep_working(client, broken_sheet):
    assert client.get("/rulebooks/").status_code == 200
    page = client.get("/rulebooks/1048-2019")
    assert page.status_code == 200
    assert f"/sheets/{broken_sheet}" not in page.text  # no link to a sheet that cannot open
    assert client.get(f"/rulebooks/1048-2019/sheets/{broken_sheet}").status_code == 404
    for other in ("tcmn-trang-tri", "tcmn-gia-dung", "tp-che-bien-rau-cu-qua-hat"):
        if other != broken_sheet:
            assert client.get(f"/rulebooks/1048-2019/sheets/{other}").status_code == 200


def test_the_member_is_told_the_sheet_is_unusable_not_given_a_500(
    client,
    auth,
    meeting,
    broken_sheet,
):
    auth.login(meeting.members[1].user)
    page = client.get(f"/scoring/items/{meeting.item.id}")
    assert page.status_code == 503
    assert f"Phiếu đánh giá “{broken_sheet}” đang lỗi dữ liệu" in page.text
    assert "Dữ liệu đã lưu không bị mất" in page.text


def test_with_every_file_sound_the_administrator_has_nothing_waiting(client, auth):
    auth.login(make_user(Role.ADMIN))
    assert client.get("/admin/sheets").status_code == 200
    home = client.get("/").text
    assert 'id="queue-sheet-files"' in home
    assert "Tệp phiếu lỗi" not in client.get("/admin/sheets").text
