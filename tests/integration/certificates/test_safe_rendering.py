"""Producer-entered text is escaped and the renderer loads nothing but our own resources: hostile
product and producer names fetch nothing (a canary HTTP server on the loopback counts requests),
embed nothing and show literally."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO

import pytest
from pypdf import PdfReader

from evalapp.certificates import document, services
from evalapp.common.pdf import local_only_fetcher, render_pdf
from evalapp.extensions import db
from tests.integration.certificates.support import compact, flat, pdf_text


@pytest.fixture
def canary():
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { background: red }")

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()
    thread.join()


def hostile_names(port: int) -> tuple[str, str]:
    product = (
        'Giỏ đay <img src="file:///etc/passwd"> '
        '<link rel=attachment href="file:///etc/passwd"> '
        f'<img src="http://127.0.0.1:{port}/img.png">'
    )
    producer = (
        f"HTX <style>@import url(http://127.0.0.1:{port}/import.css)</style> "
        f'<span style="background: url(http://127.0.0.1:{port}/bg.png)">Hiếu Lâm</span>'
    )
    return product, producer


def embedded_files(pdf: bytes) -> int:
    reader = PdfReader(BytesIO(pdf))
    names = reader.trailer["/Root"].get("/Names")
    embedded = names.get_object().get("/EmbeddedFiles") if names else None
    attachments = [
        annotation
        for page in reader.pages
        for annotation in (page.get("/Annots") or [])
        if annotation.get_object().get("/Subtype") == "/FileAttachment"
    ]
    return (1 if embedded else 0) + len(attachments)


def test_hostile_names_fetch_nothing_embed_nothing_and_show_literally(issuing, canary):
    port, hits = canary
    product, producer = hostile_names(port)
    result = issuing.results[4]
    result.dossier.product.name, issuing.organisation.name = product, producer
    certificate = services.issue_certificates(issuing.decision, issuing.secretary)[0]
    db.session.commit()

    fetcher = local_only_fetcher()
    pdf = document.certificate_pdf(certificate, fetcher)

    assert hits == []
    assert fetcher.refused == []
    # The fonts come with the stylesheet parsed once per thread: the document loads nothing.
    assert fetcher.served == []
    assert embedded_files(pdf) == 0
    assert b"root:" not in pdf
    text = pdf_text(pdf)
    assert compact(product) in compact(text)
    assert compact(producer) in compact(text)
    assert "Giỏ đay <img src=" in flat(text)


def test_the_fetcher_refuses_what_unescaped_markup_would_load(app, canary, tmp_path):
    """The second line of defence: even markup that reached the renderer unescaped loads
    nothing but our fonts."""
    port, hits = canary
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    html = (
        "<html><head>"
        f"<style>@import url(http://127.0.0.1:{port}/import.css);</style>"
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/link.css">'
        f'<link rel="attachment" href="{secret.as_uri()}">'
        "</head><body>"
        f'<img src="{secret.as_uri()}">'
        f'<p style="background: url(http://127.0.0.1:{port}/bg.png)">Chữ</p>'
        f'<a rel="attachment" href="{secret.as_uri()}">tệp</a>'
        "</body></html>"
    )
    fetcher = local_only_fetcher()
    pdf = render_pdf(html, fetcher)

    assert hits == []
    assert set(fetcher.refused) <= {
        f"http://127.0.0.1:{port}/import.css",
        f"http://127.0.0.1:{port}/link.css",
        f"http://127.0.0.1:{port}/bg.png",
        secret.as_uri(),
    }
    assert secret.as_uri() in fetcher.refused
    assert embedded_files(pdf) == 0
    assert b"root:" not in pdf
