"""The printed certificate: plain facts for the template, the QR code, one PDF or a batch.

The template gets plain dictionaries built from the certificate's frozen facts only, so a reprint
gives the same content whatever happened to the product or organisation since. Documents are
rendered in Vietnamese whatever the viewer's language: they are official papers.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Sequence

import segno
from flask import current_app, render_template
from flask_babel import force_locale

from evalapp.certificates.models import Certificate
from evalapp.common.pdf import cached_fonts, layout_cached, merge_pdfs, render_parts

TEMPLATE = "certificates/certificate_pdf.html"
# Fixed metadata: WeasyPrint writes the <meta> values and no creation time of its own, so two
# renders of the same certificate give the same bytes.
PDF_AUTHOR = "evalapp OCOP"
BATCH_CHUNK = 25
PARALLEL_FROM = 8  # fewer certificates are printed in the job's own process
POOL_IDLE_SECONDS = 300  # default of CERTIFICATE_PRINT_POOL_IDLE_SECONDS


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
    """What the certificate shows, as plain values.

    The validity is the last day by the Civil Code (`expires_on`). A certificate first printed
    with another day (`printed_expires_on`) is reprinted with the true day and a line that gives
    the day first printed and signed, so the paper still shows every signed fact."""
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
        "printed_expires_on": (
            day(certificate.printed_expires_on) if certificate.printed_expires_on else None
        ),
        "place": certificate.decision.place,
        "issued_day": f"{issued.day:02d}",
        "issued_month": f"{issued.month:02d}",
        "issued_year": str(issued.year),
        "signer_name": certificate.signer_name,
        "signer_title": certificate.signer_title,
        "verification_url": url,
        "qr_code": qr_data_uri(url),
    }


# A five-pointed star in a 24-unit cell, the cells 29 units apart (the SVG's viewBox is 140 × 24).
STAR = ((12, 1.5), (15.1, 8.3), (22.5, 9.1), (16.9, 14.1), (18.5, 21.4), (12, 17.6), (5.5, 21.4),
        (7.1, 14.1), (1.5, 9.1), (8.9, 8.3))  # fmt: skip


@functools.lru_cache(maxsize=32)
def star_path(first: int, last: int) -> str:
    """The SVG path data of stars `first` to `last` - 1 (0-based, left to right), as one path:
    the filled stars are one path and the empty ones another, rather than five elements to
    style and draw on every page."""
    return " ".join(
        "M" + " L".join(f"{x + 29 * n:g},{y:g}" for x, y in STAR) + " Z" for n in range(first, last)
    )


def certificates_html(facts: Sequence[dict], title: str, inline_css: bool = True) -> str:
    """The HTML of the certificates: with its own <style> element (a page that stands alone), or
    without when the PDF code applies `stylesheet()`, parsed once, instead."""
    with force_locale("vi"):
        return render_template(
            TEMPLATE,
            certificates=list(facts),
            title=title,
            author=PDF_AUTHOR,
            star_path=star_path,
            inline_css=inline_css,
        )


def stylesheet() -> str:
    """The certificate's CSS (the template's `stylesheet` macro)."""
    return current_app.jinja_env.get_template(TEMPLATE).module.stylesheet()


def fonts():
    """This thread's font configuration and the stylesheet of our Noto Serif faces (see
    `common.pdf.cached_fonts`)."""
    return cached_fonts()


def layout(html: str, fetcher=None, css: str | None = None):
    """The laid-out WeasyPrint document of our own `html`, loading only `data:` URLs."""
    return layout_cached(html, fetcher, css)


def certificate_pdf(certificate: Certificate, fetcher=None) -> bytes:
    """The one-page A4-landscape PDF of a certificate."""
    html = certificates_html([printed_facts(certificate)], certificate.number, inline_css=False)
    return layout(html, fetcher, stylesheet()).write_pdf()


def print_processes() -> int:
    """How many worker processes lay out a batch: `CERTIFICATE_PRINT_PROCESSES` from the
    configuration, by default two (the cores of the reference machine; more do not help there),
    one (this process) when testing or on a single core."""
    configured = current_app.config.get("CERTIFICATE_PRINT_PROCESSES")
    if configured is None:
        configured = 1 if current_app.testing else min(2, os.cpu_count() or 1)
    return max(1, int(configured))


def pool_idle_seconds() -> float | None:
    """How long the print worker processes wait for another batch before they are stopped
    (`CERTIFICATE_PRINT_POOL_IDLE_SECONDS`, by default five minutes; 0 stops them after each
    batch, a negative value keeps them until exit): a warm pool prints 100 certificates within
    the 3 s target, a fresh one first spends seconds starting."""
    seconds = float(
        current_app.config.get("CERTIFICATE_PRINT_POOL_IDLE_SECONDS", POOL_IDLE_SECONDS)
    )
    return None if seconds < 0 else seconds


def batch_pdf(
    facts: Sequence[dict],
    title: str,
    progress: Callable[[int], None] | None = None,
    chunk: int = BATCH_CHUNK,
    processes: int | None = None,
) -> bytes:
    """The certificates of `facts` (from `printed_facts`) as ONE multi-page PDF.

    With several worker processes (`processes`, by default `print_processes()`) and at least
    PARALLEL_FROM certificates, the batch is cut into parts of at most `chunk` (as many parts as
    processes at least), each part laid out and written by a worker, and the parts' PDFs merged
    (each part embeds its own font subsets). Otherwise it is laid out here `chunk` at a time and
    written once, the fonts embedded once. `progress` is told how many certificates are done after
    each part or chunk (bench/certificates_bench.py measures both ways)."""
    if not facts:
        raise ValueError("no certificates to print")
    processes = print_processes() if processes is None else processes
    if processes > 1 and len(facts) >= PARALLEL_FROM:
        return parallel_batch_pdf(facts, title, progress, chunk, processes)
    documents, css = [], stylesheet()
    for start in range(0, len(facts), chunk):
        part = certificates_html(facts[start : start + chunk], title, inline_css=False)
        documents.append(layout(part, css=css))
        if progress is not None:
            progress(min(start + chunk, len(facts)))
    pages = [page for document in documents for page in document.pages]
    return documents[0].copy(pages).write_pdf()


def split(count: int, chunk: int, processes: int) -> list[range]:
    """`range(count)` cut into a multiple of `processes` parts of nearly equal sizes, none
    larger than `chunk` (so each worker gets as much work)."""
    parts = max(processes, -(-count // max(1, chunk)))
    parts = min(count, -(-parts // processes) * processes)
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for index in range(parts):
        end = start + size + (1 if index < extra else 0)
        bounds.append(range(start, end))
        start = end
    return bounds


def parallel_batch_pdf(facts, title, progress, chunk, processes) -> bytes:
    """`batch_pdf` in worker processes: the templates are rendered here (Flask, translations),
    the workers get the HTML strings only."""
    parts = split(len(facts), chunk, processes)
    htmls = (certificates_html(facts[p.start : p.stop], title, inline_css=False) for p in parts)
    finished = 0

    def done(index: int) -> None:
        nonlocal finished
        finished += len(parts[index])
        if progress is not None:
            progress(finished)

    pdfs = render_parts(htmls, processes, done, stylesheet(), release_after=pool_idle_seconds())
    return merge_pdfs(pdfs)
