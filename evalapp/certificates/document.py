"""The printed certificate: plain facts for the template, the QR code, one PDF or a batch.

The template gets plain dictionaries built from the certificate's frozen facts only, so a reprint
gives the same content whatever happened to the product or organisation since. Documents are
rendered in Vietnamese whatever the viewer's language: they are official papers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import segno
from flask import current_app, render_template
from flask_babel import force_locale

from evalapp.certificates.models import Certificate
from evalapp.common.pdf import font_faces, local_only_fetcher, render_pdf

TEMPLATE = "certificates/certificate_pdf.html"
# Fixed metadata: WeasyPrint writes the <meta> values and no creation time of its own, so two
# renders of the same certificate give the same bytes.
PDF_AUTHOR = "evalapp OCOP"
BATCH_CHUNK = 25


def verification_url(public_id: str) -> str:
    """The public verification page of a certificate, on the canonical host from configuration
    (never the request's Host header)."""
    return f"{current_app.config['PUBLIC_BASE_URL'].rstrip('/')}/verify/{public_id}"


def qr_data_uri(url: str) -> str:
    """The QR code of `url` as an SVG `data:` URI (error correction M, 2-module quiet zone)."""
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2, dark="#000")


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
        return render_template(
            TEMPLATE,
            certificates=list(facts),
            title=title,
            author=PDF_AUTHOR,
            font_faces=font_faces(),
        )


def certificate_pdf(certificate: Certificate, fetcher=None) -> bytes:
    """The one-page A4-landscape PDF of a certificate."""
    html = certificates_html([printed_facts(certificate)], certificate.number)
    return render_pdf(html, fetcher or local_only_fetcher())


def batch_pdf(
    facts: Sequence[dict],
    title: str,
    progress: Callable[[int], None] | None = None,
    chunk: int = BATCH_CHUNK,
) -> bytes:
    """The certificates of `facts` (from `printed_facts`) as ONE multi-page PDF. Laid out `chunk`
    at a time so `progress` can be told how many are done, then written once, so the fonts are
    embedded once as for a single document (bench/certificates_bench.py measures the cost)."""
    from weasyprint import HTML  # imported only when printing (≈0.35 s)

    if not facts:
        raise ValueError("no certificates to print")
    documents = []
    for start in range(0, len(facts), chunk):
        html = certificates_html(facts[start : start + chunk], title)
        fetcher = local_only_fetcher()
        documents.append(HTML(string=html, base_url=None, url_fetcher=fetcher).render())
        if progress is not None:
            progress(min(start + chunk, len(facts)))
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()
