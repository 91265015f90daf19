"""Caps on the files of one upload request and of one dossier: counted before any file is read,
refused with a message, and nothing the dossier already holds is lost."""

import time
from io import BytesIO

from PIL import Image
from werkzeug.datastructures import FileStorage

from evalapp.extensions import db
from tests.integration.dossiers.conftest import pdf_file, start
from tests.integration.dossiers.test_upload_corpus import upload_errors

ITEM = "chung_tu_ke_toan"


def big_png() -> bytes:
    """A 25-megapixel PNG: about a second of decoding and re-encoding each, 84 KB to send."""
    buffer = BytesIO()
    Image.new("RGB", (5000, 5000), "#2a7").save(buffer, "PNG")
    return buffer.getvalue()


def post(client, dossier, files):
    response = client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": ITEM, "files": files},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    return client.get(response.headers["Location"]).text


def kept(dossier) -> list[str]:
    db.session.expire_all()
    return [document.file.original_name for document in dossier.current_documents()]


def test_more_files_than_a_request_may_carry_are_refused_before_any_is_decoded(app, kim_son, login):
    app.config["UPLOAD_MAX_FILES_PER_REQUEST"] = 4  # five files stay under werkzeug's spooling
    dossier = start(kim_son)
    client = login(kim_son.producer)
    post(client, dossier, [pdf_file("Sổ kế toán.pdf")])
    data = big_png()
    files = [FileStorage(BytesIO(data), filename=f"ảnh {n}.png") for n in range(5)]

    started = time.perf_counter()
    page = post(client, dossier, files)

    assert time.perf_counter() - started < 2  # five decodes would take about five seconds
    assert (
        "Mỗi lần chỉ được tải lên tối đa 4 tệp; bạn đã chọn 5 tệp. Chưa tệp nào được lưu: "
        "hãy chia thành nhiều lần tải lên."
    ) in upload_errors(page)
    assert kept(dossier) == ["Sổ kế toán.pdf"]


def test_ten_files_in_one_request_are_kept(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)

    page = post(client, dossier, [pdf_file(f"Chứng từ {n}.pdf") for n in range(10)])

    assert "Đã tải lên 10 tệp." in page
    assert len(kept(dossier)) == 10


def test_a_full_dossier_takes_no_more_files_and_keeps_its_own(app, kim_son, login):
    app.config["UPLOAD_MAX_FILES_PER_DOSSIER"] = 3
    dossier = start(kim_son)
    client = login(kim_son.producer)
    post(client, dossier, [pdf_file("Một.pdf"), pdf_file("Hai.pdf")])

    page = post(client, dossier, [pdf_file("Ba.pdf"), pdf_file("Bốn.pdf")])

    assert (
        "Hồ sơ đã có 2 tệp, mỗi hồ sơ có tối đa 3 tệp nên chỉ còn thêm được 1 tệp. Chưa tệp nào "
        "được lưu: hãy gỡ bớt tệp không cần hoặc chọn ít tệp hơn."
    ) in upload_errors(page)
    assert kept(dossier) == ["Một.pdf", "Hai.pdf"]
    assert "Đã tải lên 1 tệp." in post(client, dossier, [pdf_file("Ba.pdf")])
    assert kept(dossier) == ["Một.pdf", "Hai.pdf", "Ba.pdf"]
    assert "chỉ còn thêm được 0 tệp" in upload_errors(post(client, dossier, [pdf_file("Bốn.pdf")]))


def test_an_account_past_its_hourly_allowance_of_files_is_told_to_wait(app, kim_son, login):
    app.config["UPLOAD_RATE_LIMIT"] = "3 per hour"
    dossier = start(kim_son)
    client = login(kim_son.producer)
    post(client, dossier, [pdf_file("Một.pdf"), pdf_file("Hai.pdf")])

    refused = client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": ITEM, "files": [pdf_file("Ba.pdf"), pdf_file("Bốn.pdf")]},
        content_type="multipart/form-data",
    )

    assert refused.status_code == 429
    assert "Bạn đã tải lên quá nhiều tệp trong thời gian ngắn." in refused.text
    assert kept(dossier) == ["Một.pdf", "Hai.pdf"]
    assert client.get(f"/dossiers/{dossier.id}").status_code == 200  # only uploads wait
