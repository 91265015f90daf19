"""Every file of the upload corpus (tests/data/uploads, see its make_corpus.py) through the real
upload of a dossier document: the verdict and the Vietnamese message the producer reads."""

import html
import json
import time
from io import BytesIO
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage

from evalapp.extensions import db
from tests.integration.dossiers.conftest import pdf_file, start

CORPUS = Path(__file__).resolve().parents[2] / "data" / "uploads"
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
ITEM = "chung_tu_ke_toan"  # takes PDF, DOCX, XLSX, JPEG and PNG, up to 20 MB
SECONDS_PER_FILE = 5  # the slowest, a 25-megapixel image at the cap, takes about one


def upload_errors(page: str) -> str:
    if "upload-errors" not in page:
        return ""
    return html.unescape(page.split('upload-errors"')[1].split("</div>")[0])


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["file"] for entry in MANIFEST])
def test_the_corpus_file_gets_its_verdict_and_message(kim_son, login, entry):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": ITEM, "files": [pdf_file("Sổ kế toán.pdf")]},
        content_type="multipart/form-data",
    )
    name = Path(entry["file"]).name
    data = (CORPUS / entry["file"]).read_bytes()

    started = time.perf_counter()
    response = client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": ITEM, "files": [FileStorage(BytesIO(data), filename=name)]},
        content_type="multipart/form-data",
    )
    elapsed = time.perf_counter() - started

    assert response.status_code == 302
    assert elapsed < SECONDS_PER_FILE
    page = client.get(response.headers["Location"]).text
    db.session.expire_all()
    kept = [document.file.original_name for document in dossier.current_documents(ITEM)]
    if entry["verdict"] == "accepted":
        assert "Đã tải lên 1 tệp." in page
        assert upload_errors(page) == ""
        assert kept == ["Sổ kế toán.pdf", name]
    else:
        assert entry["message"] in upload_errors(page)
        assert kept == ["Sổ kế toán.pdf"]  # what was there before is untouched
