"""The printed certificate: plain facts for the template, the QR code, one PDF or a batch.

The template gets plain dictionaries built from the certificate's frozen facts only, so a reprint
gives the same content whatever happened to the product or organisation since. Documents are
rendered in Vietnamese whatever the viewer's language: they are official papers.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import threading
from collections.abc import Callable, Sequence

import segno
from flask import current_app, render_template
from flask_babel import force_locale

from evalapp.certificates.models import Certificate
from evalapp.common.pdf import font_faces, local_only_fetcher

TEMPLATE = "certificates/certificate_pdf.html"
# Fixed metadata: WeasyPrint writes the <meta> values and no creation time of its own, so two
# renders of the same certificate give the same bytes.
PDF_AUTHOR = "evalapp OCOP"
BATCH_CHUNK = 25
_thread = threading.local()
_configs: list = []


def verification_url(public_id: str) -> str:
    """The public verification page of a certificate, on the canonical host from configuration
    (never the request's Host header)."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/verify/{public_id}"


@functools.lru_cache(maxsize=512)
def qr_data_uri(url: str) -> str:
    """The QR code of `url` as a PNG `data:` URI, one pixel per module (error correction M,
    2-module quiet zone): the template scales it up with `image-rendering: pixelated`, so it
    stays sharp. A PNG costs a quarter less to print than segno's SVG, whose long path
    WeasyPrint parses in Python."""
    return segno.make(url, error="m").png_data_uri(scale=1, border=2)


def day(value) -> str:
    return value.strftime("%d/%m/%Y")


def printed_facts(certificate: Certificate) -> dict:
    """What the certificate shows, as plain values."""
    url = verification_url(certificate.public_id)
    issued = certificate.issued_on
    return {
        "number": certificate.number,
        "product_name": certificate.product_name,
        "producer_name": certificate.producer_name,
        "producer_address": certificate.producer_address,
        "stars": certificate.stars,
        "issuing_body": certificate.issuing_body,
        "decision_number": certificate.decision_number,
        "decision_date": day(certificate.decision_date),
        "issued_on": day(issued),
        "expires_on": day(certificate.expires_on),
        "place": certificate.decision.place,
        "issued_day": f"{issued.day:02d}",
        "issued_month": f"{issued.month:02d}",
        "issued_year": str(issued.year),
        "signer_name": certificate.signer_name,
        "signer_title": certificate.signer_title,
        "verification_url": url,
        "qr_code": qr_data_uri(url),
    }


def certificates_html(facts: Sequence[dict], title: str) -> str:
    with force_locale("vi"):
        return render_template(TEMPLATE, certificates=list(facts), title=title, author=PDF_AUTHOR)


def fonts():
    """This thread's WeasyPrint font configuration with our Noto Serif faces loaded, and the
    stylesheet declaring them, built once: loading the nine faces and parsing their
    `unicode-range` lists on every render doubled the time of a certificate (see the bench).
    Per thread, because Pango and fontconfig objects are not shared across threads."""
    cached = getattr(_thread, "fonts", None)
    if cached is None:
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        config = FontConfiguration()
        css = CSS(string=font_faces(), font_config=config, url_fetcher=local_only_fetcher())
        cached = _thread.fonts = (config, css)
        _configs.append(config)
    return cached


@atexit.register
def _remove_font_folders() -> None:
    """WeasyPrint removes a configuration's temporary font folder when it is collected, which
    for these long-lived ones is at interpreter shutdown, too late to do it cleanly."""
    for config in _configs:
        if config._folder:
            shutil.rmtree(config._folder, ignore_errors=True)
            config._folder = None


def layout(html: str, fetcher=None):
    """The laid-out WeasyPrint document of our own `html`, loading only `data:` URLs."""
    from weasyprint import HTML  # imported only when printing (≈0.35 s)

    config, css = fonts()
    document = HTML(string=html, base_url=None, url_fetcher=fetcher or local_only_fetcher())
    return document.render(stylesheets=[css], font_config=config)


def certificate_pdf(certificate: Certificate, fetcher=None) -> bytes:
    """The one-page A4-landscape PDF of a certificate."""
    html = certificates_html([printed_facts(certificate)], certificate.number)
    return layout(html, fetcher).write_pdf()


def batch_pdf(
    facts: Sequence[dict],
    title: str,
    progress: Callable[[int], None] | None = None,
    chunk: int = BATCH_CHUNK,
) -> bytes:
    """The certificates of `facts` (from `printed_facts`) as ONE multi-page PDF. Laid out `chunk`
    at a time so `progress` can be told how many are done, then written once, so the fonts are
    embedded once as for a single document (bench/certificates_bench.py measures the cost)."""
    if not facts:
        raise ValueError("no certificates to print")
    documents = []
    for start in range(0, len(facts), chunk):
        documents.append(layout(certificates_html(facts[start : start + chunk], title)))
        if progress is not None:
            progress(min(start + chunk, len(facts)))
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
