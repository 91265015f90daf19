"""The sheet library as an administrator uses it (issue 15): the shipped sheets seeded as
published versions; an import checked whole (nothing saved while a problem remains); a draft
previewed and compared; publishing confirmed, used at once by every application instance on the
database; a dossier keeping the version it was made on."""

import copy
import io
import json
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.dossiers.rules import sheet_of
from evalapp.extensions import db
from evalapp.rules import list_rulebooks, list_sheets
from evalapp.sheets import library, services
from evalapp.sheets.models import SheetVersion, VersionSource, VersionState
from evalapp.sheets.services import check
from tests.factories import (
    make_accepted_dossier,
    make_organisation,
    make_round,
    make_unit,
    make_user,
)

DECOR = "tcmn-trang-tri"


@pytest.fixture
def admin(client, auth):
    user = make_user(Role.ADMIN)
    auth.login(user)
    return user


def shipped(code=DECOR) -> SheetVersion:
    return db.session.scalar(
        select(SheetVersion).where(SheetVersion.code == code, SheetVersion.number == 1)
    )


def reworded(code=DECOR, name="Phiếu thủ công mỹ nghệ (sửa đổi)") -> dict:
    """The shipped sheet with a new name and one option reworded: valid, sums unchanged."""
    data = copy.deepcopy(shipped(code).data)
    data["name"] = {"vi": name}
    leaf = data["parts"][0]["criteria"][0]
    while leaf.get("children"):
        leaf = leaf["children"][0]
    leaf["levels"][0]["text"] = {"vi": "Mức một, diễn đạt lại"}
    return data


def upload(client, data, rulebook="1048-2019", name="phieu.json", follow=False, **fields):
    body = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()
    return client.post(
        "/admin/sheets/import",
        data={"rulebook": rulebook, "sheet_file": (io.BytesIO(body), name), **fields},
        content_type="multipart/form-data",
        follow_redirects=follow,
    )


def versions() -> int:
    return db.session.scalar(select(func.count(SheetVersion.id)))


def test_the_shipped_sheets_are_published_read_only_versions(app):
    rows = db.session.scalars(select(SheetVersion)).all()
    expected = {(b.code, s.code) for b in list_rulebooks() for s in list_sheets(b.code)}
    assert {(v.rulebook_code, v.code) for v in rows} == expected
    assert {(v.number, v.state, v.source) for v in rows} == {
        (1, VersionState.PUBLISHED, VersionSource.SHIPPED)
    }
    assert [s.code for s in library.published_sheets("1048-2019")] == [
        s.code for s in sorted(list_sheets("1048-2019"), key=lambda s: s.code)
    ]


def test_a_sheet_with_mistakes_is_refused_whole_and_nothing_is_saved(client, admin):
    data = reworded()
    data["parts"][0]["criteria"].pop()  # part A no longer adds up
    data["parts"][1]["criteria"].append(copy.deepcopy(data["parts"][1]["criteria"][0]))
    before = versions()
    page = upload(client, data)
    assert page.status_code == 422
    assert "chưa có gì được lưu" in page.text
    assert "Phần A: tổng điểm tối đa" in page.text
    assert "bị trùng" in page.text
    assert versions() == before


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"\x00\x01 not a sheet", "không phải JSON hợp lệ"),
        (b"{}", "Phiếu trống"),
        (b"[1, 2]", "Tệp JSON phải là một đối tượng phiếu"),
        (b'{"parts": ', "Không phải JSON hợp lệ: dòng 1"),
    ],
)
def test_an_unreadable_or_empty_file_gets_a_clear_message(client, admin, body, message):
    page = upload(client, body)
    assert page.status_code == 422 and message in page.text


def test_the_same_content_again_is_refused_with_its_version(client, admin):
    page = upload(client, shipped().data)
    assert page.status_code == 422
    assert "giống hệt phiên bản 1" in page.text


def test_a_sheet_cannot_take_a_subgroup_another_sheet_serves(client, admin):
    data = reworded("tcmn-gia-dung")
    data["code"] = "gia-dung-moi"
    data["subgroups"] = shipped(DECOR).subgroups or ["5.01"]
    page = upload(client, data)
    assert page.status_code == 422 and "đang dùng phiếu" in page.text


def test_import_preview_diff_publish_and_the_dossier_keeps_its_version(client, admin):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    round_ = make_round(province, level_code="province")
    before = make_accepted_dossier(round_, make_organisation(), "Khay cói")
    db.session.commit()
    assert before.sheet_version_id == shipped().id

    page = upload(client, reworded(), legal_basis="Quyết định thử số 1", follow=True)
    assert "Đã lưu bản nháp phiên bản 2" in page.text
    draft = db.session.scalar(select(SheetVersion).where(SheetVersion.number == 2))
    assert draft.state is VersionState.DRAFT and draft.imported_by_id == admin.id
    assert "Mức một, diễn đạt lại" in page.text  # the preview
    assert 'id="version-changes"' in page.text
    # a draft is not used
    assert library.current_sheet("1048-2019", DECOR).name.vi != "Phiếu thủ công mỹ nghệ (sửa đổi)"

    asked = client.post(f"/admin/sheets/versions/{draft.id}/publish")
    assert "Công bố phiên bản 2 của phiếu" in asked.text and "1 hồ sơ đã lập" in asked.text
    db.session.refresh(draft)
    assert draft.state is VersionState.DRAFT
    done = client.post(
        f"/admin/sheets/versions/{draft.id}/publish", data={"confirmed": "1"}, follow_redirects=True
    )
    assert "Đã công bố phiên bản 2" in done.text
    db.session.expire_all()
    assert shipped().state is VersionState.RETIRED
    assert draft.state is VersionState.PUBLISHED and draft.published_by_id == admin.id
    actions = db.session.scalars(select(AuditEntry.action).where(AuditEntry.action.like("sheet.%")))
    assert sorted(actions) == ["sheet.imported", "sheet.published", "sheet.retired"]

    assert sheet_of(before).name.vi != "Phiếu thủ công mỹ nghệ (sửa đổi)"  # kept version 1
    after = make_accepted_dossier(round_, make_organisation(), "Giỏ cói")
    assert after.sheet_version_id == draft.id
    assert sheet_of(after).name.vi == "Phiếu thủ công mỹ nghệ (sửa đổi)"
    public = client.get(f"/rulebooks/1048-2019/sheets/{DECOR}").text
    assert "Phiếu thủ công mỹ nghệ (sửa đổi)" in public


SECOND_INSTANCE = """
import sys
from werkzeug.serving import make_server
from config import TestConfig
from evalapp import create_app
app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=sys.argv[1])
server = make_server("127.0.0.1", 0, app, threaded=True)
print(server.port, flush=True)
server.serve_forever()
"""


@pytest.fixture
def second_instance(app):
    """Another application process on the same database, as a second gunicorn worker is."""
    process = subprocess.Popen(
        [sys.executable, "-c", SECOND_INSTANCE, app.config["SQLALCHEMY_DATABASE_URI"]],
        stdout=subprocess.PIPE,
        cwd=Path(__file__).resolve().parents[3],
        text=True,
    )
    try:
        yield f"http://127.0.0.1:{int(process.stdout.readline())}"
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read().decode("utf-8")


def test_a_version_published_on_one_instance_is_used_by_another_without_restart(
    app, second_instance
):
    page = f"{second_instance}/rulebooks/1048-2019/sheets/{DECOR}"
    assert "Phiếu (bản mới)" not in fetch(page)  # the other process has read the library

    rulebook = library.load_rulebook("1048-2019")
    actor = make_user(Role.ADMIN)
    version = services.add_draft(rulebook, check(rulebook, reworded(name="Phiếu (bản mới)")), actor)
    services.publish(version, rulebook, actor)
    db.session.commit()

    assert "Phiếu (bản mới)" in fetch(page)


def test_retire_and_delete_are_confirmed_and_keep_what_was_made(client, admin):
    before = versions()
    upload(client, reworded())
    draft = db.session.scalar(select(SheetVersion).where(SheetVersion.number == 2))
    asked = client.post(f"/admin/sheets/versions/{draft.id}/delete")
    assert "Bản nháp bị xóa hẳn" in asked.text and versions() == before + 1
    client.post(f"/admin/sheets/versions/{draft.id}/delete", data={"confirmed": "1"})
    assert versions() == before

    version = shipped()
    asked = client.post(f"/admin/sheets/versions/{version.id}/retire")
    assert "sẽ không có phiếu để chấm" in asked.text
    page = client.post(
        f"/admin/sheets/versions/{version.id}/retire",
        data={"confirmed": "1"},
        follow_redirects=True,
    )
    assert "đã thôi dùng" in page.text
    db.session.expire_all()
    assert shipped().state is VersionState.RETIRED
    assert library.published_version("1048-2019", DECOR) is None
    # a retired version is never edited or published again
    again = client.post(
        f"/admin/sheets/versions/{version.id}/publish",
        data={"confirmed": "1"},
        follow_redirects=True,
    )
    assert "Chỉ bản nháp mới được công bố" in again.text


def test_a_changed_shipped_sheet_arrives_as_a_new_published_version(app, shipped_data, client):
    path = shipped_data / "1048-2019" / "sheets" / f"{DECOR}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["name"] = {"vi": "Phiếu trang trí (bản phát hành mới)"}
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    library.restart()  # a new release starts new processes
    page = client.get(f"/rulebooks/1048-2019/sheets/{DECOR}").text
    assert "Phiếu trang trí (bản phát hành mới)" in page
    db.session.expire_all()
    assert shipped().state is VersionState.RETIRED
    assert library.published_version("1048-2019", DECOR).number == 2


def test_an_official_edits_the_downloaded_workbook_and_imports_it_as_a_new_version(client, admin):
    from openpyxl import load_workbook

    from evalapp.sheets.layout import INFO_SHEET

    blank = client.get("/admin/sheets/template/26-2026.xlsx")
    assert blank.status_code == 200 and blank.data.startswith(b"PK")
    version = shipped()
    download = client.get(f"/admin/sheets/versions/{version.id}.xlsx")
    assert download.status_code == 200
    workbook = load_workbook(io.BytesIO(download.data))
    info = workbook[INFO_SHEET]
    name_cell = next(
        row[1] for row in info.iter_rows() if row[1].value == version.data["name"]["vi"]
    )
    name_cell.value = "Phiếu trang trí — bản tỉnh sửa"
    edited = io.BytesIO()
    workbook.save(edited)

    page = upload(client, edited.getvalue(), name="phieu.xlsx", follow=True)
    assert "Đã lưu bản nháp phiên bản 2" in page.text
    assert "Phiếu trang trí — bản tỉnh sửa" in page.text
    assert 'id="version-changes"' in page.text and "tên" in page.text


def test_import_and_publish_from_the_command_line(app, runner, tmp_path):
    path = tmp_path / "phieu.json"
    path.write_text(json.dumps(reworded(name="Phiếu (dòng lệnh)")), encoding="utf-8")
    imported = runner.invoke(args=["sheets", "import", str(path), "--rulebook", "1048-2019"])
    assert imported.exit_code == 0, imported.output
    draft = db.session.scalar(select(SheetVersion).where(SheetVersion.number == 2))
    published = runner.invoke(args=["sheets", "publish", str(draft.id)])
    assert published.exit_code == 0 and "version 1 retired" in published.output
    again = runner.invoke(args=["sheets", "import", str(path), "--rulebook", "1048-2019"])
    assert again.exit_code == 1 and "giống hệt phiên bản 2" in again.output
    listing = runner.invoke(args=["sheets", "list", "--rulebook", "1048-2019"]).output
    assert f"{DECOR}\tv2\tpublished\timported" in listing


def test_an_end_before_the_start_is_refused_and_nothing_is_saved(client, admin):
    before = versions()
    page = upload(client, reworded(), effective_from="01/07/2026", effective_until="30/06/2026")
    assert page.status_code == 422
    assert "Ngày hết áp dụng phải sau ngày bắt đầu áp dụng." in page.text
    assert 'value="30/06/2026"' in page.text and versions() == before
