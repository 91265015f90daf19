"""The workspace's script uploads and removes files without leaving the page: the server answers
with the item's box as the page renders it (and the submission blockers when they are shown)."""

from io import BytesIO

from evalapp.extensions import db
from tests.factories import make_producer
from tests.integration.dossiers.conftest import pdf_file, start

SCRIPT = {"X-Requested-With": "fetch"}
ITEM = "phieu_dang_ky"


def exe_named_pdf():
    fake = pdf_file("ảnh.pdf")
    fake.stream = BytesIO(b"MZ\x90\x00" + b"\x00" * 200)
    return fake


def upload(client, dossier, *files, item=ITEM, **fields):
    return client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": item, "files": list(files), **fields},
        content_type="multipart/form-data",
        headers=SCRIPT,
    )


def test_saved_files_come_back_as_the_items_box(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    response = upload(client, dossier, pdf_file("Đơn đăng ký.pdf"), exe_named_pdf())
    assert response.status_code == 200
    box = response.text
    assert box.lstrip().startswith('<div class="border rounded p-3 mb-3 document-item')
    assert f'id="item-{ITEM}"' in box and box.count('class="border rounded') == 1
    assert "Đơn đăng ký.pdf" in box and "Gỡ tệp" in box
    assert "Đã tải lên 1 tệp." in box
    errors = box.split("upload-errors")[1].split("</div>\n")[0]
    assert "ảnh.pdf" in errors and "không thuộc loại được phép" in errors
    assert "<html" not in box and "Thành phần hồ sơ" not in box
    assert "submission-blockers" not in box  # the page did not show them: nothing to refresh
    # Nothing waits in the session for the next full page.
    assert "upload-errors" not in client.get(f"/dossiers/{dossier.id}/edit").text


def test_all_files_refused_is_a_422_with_the_box(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    response = upload(client, dossier, exe_named_pdf())
    assert response.status_code == 422
    assert f'id="item-{ITEM}"' in response.text and "Chưa có tệp." in response.text
    assert "không thuộc loại được phép" in response.text and "Đã tải lên" not in response.text


def test_an_item_not_in_the_checklist_is_refused_without_a_box(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    response = upload(client, dossier, pdf_file(), item="khong_co")
    assert response.status_code == 422
    assert "Mục tài liệu không có trong danh mục hồ sơ." in response.text
    assert "document-item" not in response.text
    db.session.refresh(dossier)
    assert dossier.current_documents() == []


def test_another_producers_dossier_stays_closed(kim_son, login):
    dossier = start(kim_son)
    stranger = make_producer(full_name="Người lạ")
    response = upload(login(stranger), dossier, pdf_file())
    assert response.status_code in (403, 404)
    db.session.refresh(dossier)
    assert dossier.current_documents() == []


def test_blockers_shown_on_the_page_are_refreshed(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    before = upload(client, dossier, exe_named_pdf(), blockers="1").text
    assert 'id="submission-blockers"' in before and "Hồ sơ chưa thể nộp vì:" in before
    name = before.split('<h3 class="h6 mb-1">')[1].split("\n")[0].strip()
    assert f"Thiếu tài liệu bắt buộc: {name}." in before
    after = upload(client, dossier, pdf_file(), blockers="1").text
    assert f"Thiếu tài liệu bắt buộc: {name}." not in after
    assert "Hồ sơ chưa thể nộp vì:" in after  # the other items are still missing


def test_removal_answers_with_the_box_too(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    upload(client, dossier, pdf_file("Đơn đăng ký.pdf"))
    db.session.refresh(dossier)
    document = dossier.current_documents()[0]
    response = client.post(f"/dossiers/{dossier.id}/documents/{document.id}/remove", headers=SCRIPT)
    assert response.status_code == 200
    assert "Đã gỡ tệp “Đơn đăng ký.pdf”." in response.text and "Chưa có tệp." in response.text
    db.session.expire_all()
    assert dossier.current_documents() == []


def test_the_page_without_script_keeps_the_redirect(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    response = client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": ITEM, "files": [pdf_file()]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Đã tải lên 1 tệp." in page and 'src="/static/js/uploads.js?v=' in page
