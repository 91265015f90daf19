import re
from urllib.parse import unquote

import pytest
from flask import Flask

from evalapp.common.downloads import send_stored
from evalapp.common.headers import set_security_headers
from evalapp.common.storage import LocalStorage
from tests.unit.common import samples

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def download(storage):
    """Store `data`, then GET it through a view that calls `send_stored`, behind the app's own
    security headers."""
    app = Flask(__name__)
    app.after_request(set_security_headers)

    def fetch(data: bytes, **options):
        key = storage.save(data).key
        app.view_functions.pop("file", None)
        app.add_url_rule("/file", "file", lambda: send_stored(storage, key, **options))
        return app.test_client().get("/file", buffered=True)

    return fetch


def disposition(response) -> tuple[str, str]:
    """The disposition type and the file name a browser would use (filename* first)."""
    header = response.headers["Content-Disposition"]
    encoded = re.search(r"filename\*=UTF-8''([^;]+)", header)
    if encoded:
        return header.split(";")[0], unquote(encoded.group(1))
    return header.split(";")[0], re.search(r'filename="?([^";]+)"?', header).group(1)


def test_attachment_keeps_the_vietnamese_name(download):
    data = samples.pdf()

    response = download(data, original_name="Đơn đăng ký.pdf", mimetype=PDF, inline=False)

    assert response.status_code == 200
    assert response.data == data
    assert response.mimetype == PDF
    assert disposition(response) == ("attachment", "Đơn đăng ký.pdf")
    assert 'filename="' in response.headers["Content-Disposition"]


def test_downloads_cannot_run_as_our_pages_and_are_not_cached(download):
    response = download(samples.docx(), original_name="Thuyết minh.docx", mimetype=DOCX)

    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Cache-Control"] == "private, no-store"
    assert "Expires" not in response.headers


@pytest.mark.parametrize("mimetype", ["image/png", "image/jpeg"])
def test_images_may_be_shown_inline_in_a_sandbox(download, mimetype):
    response = download(samples.png(), original_name="nhãn.png", mimetype=mimetype, inline=True)

    assert disposition(response) == ("inline", "nhãn.png")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_pdf_shown_inline_has_no_sandbox_so_the_browser_viewer_can_run(download):
    response = download(samples.pdf(), original_name="Giấy phép.pdf", mimetype=PDF, inline=True)

    assert disposition(response) == ("inline", "Giấy phép.pdf")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("mimetype", [DOCX, "text/html", "image/svg+xml"])
def test_other_types_are_always_attachments(download, mimetype):
    response = download(
        b"<svg onload=alert(1)>", original_name="x.docx", mimetype=mimetype, inline=True
    )

    assert disposition(response)[0] == "attachment"


def test_hostile_stored_names_cannot_break_the_header(download):
    response = download(
        samples.pdf(), original_name='a"b\r\nSet-Cookie: x=1.pdf', mimetype=PDF, inline=False
    )

    assert "Set-Cookie" not in response.headers
    assert disposition(response) == ("attachment", "abSet-Cookie: x=1.pdf")


def test_local_files_are_sent_with_their_length(tmp_path):
    storage = LocalStorage(tmp_path)
    key = storage.save(b"%PDF-1.4 ...").key
    app = Flask(__name__)

    with app.test_request_context():
        response = send_stored(storage, key, original_name="a.pdf", mimetype=PDF, inline=False)
        response.close()

    assert response.content_length == len(b"%PDF-1.4 ...")


def test_clients_reading_only_ascii_get_the_name_without_diacritics(download):
    response = download(samples.pdf(), original_name="Đơn đăng ký.pdf", mimetype=PDF)

    assert 'filename="Don dang ky.pdf"' in response.headers["Content-Disposition"]
    assert disposition(response) == ("attachment", "Đơn đăng ký.pdf")
