"""The samples' papers, rendered from plain values: the receipt (biên nhận mẫu) and the QR
labels, on A4 sheets of 3 × 7 labels of 70 × 42.3 mm (21 a sheet, the common office sheet)."""

from __future__ import annotations

import functools

import segno

from evalapp.common.i18n import format_day, localised
from evalapp.common.pdf import render_document
from evalapp.common.urls import absolute_url
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import rulebook_of
from evalapp.samples.models import Sample, SampleReceipt
from evalapp.samples.rules import expected_samples

LABELS_PER_ROW = 3
LABEL_ROWS = 7
LABELS_PER_SHEET = LABELS_PER_ROW * LABEL_ROWS


@functools.lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    """The QR code of `url` as a PNG `data:` URI, one pixel per module, scaled up by the template
    with `image-rendering: pixelated` (as the certificates do)."""
    return segno.make(url, error="m").png_data_uri(scale=1, border=2)


def sample_url(sample: Sample) -> str:
    return absolute_url("samples.show", label_code=sample.label_code)


def product_class(dossier: Dossier) -> str:
    found = rulebook_of(dossier).product_class(dossier.class_code)
    if found is None:
        return dossier.class_code
    group, subgroup = found
    return localised(subgroup.full_name if subgroup else group.name)


def receipt_facts(receipt: SampleReceipt) -> dict:
    dossier = receipt.dossier
    expected = expected_samples(dossier)
    return {
        "issuing_body": "ỦY BAN NHÂN DÂN " + receipt.unit.name.upper(),
        "unit": receipt.unit.name,
        "receipt_code": dossier.receipt_code or "",
        "product": dossier.product.name,
        "product_class": product_class(dossier),
        "producer": dossier.organisation.name,
        "count": receipt.count,
        "description": receipt.description,
        "received_on": format_day(receipt.received_on),
        "received_by": receipt.received_by_name,
        "reference": expected.reference if expected else "",
        "samples": [
            {"number": s.number, "code": s.label_code, "url": sample_url(s)}
            for s in receipt.samples
        ],
    }


def receipt_pdf(receipt: SampleReceipt) -> bytes:
    return render_document("samples/receipt_pdf.html", facts=receipt_facts(receipt))


def label_facts(sample: Sample, count: int) -> dict:
    dossier = sample.dossier
    url = sample_url(sample)
    return {
        "product": dossier.product.name,
        "producer": dossier.organisation.name,
        "receipt_code": dossier.receipt_code or "",
        "number": sample.number,
        "count": count,
        "code": sample.label_code,
        "qr": qr_data_uri(url),
    }


def label_sheets(labels: list[dict], start: int = 1) -> list[list[list[dict | None]]]:
    """The labels laid on sheets of rows of `LABELS_PER_ROW` cells, beginning at cell `start`
    (1–21) of the first sheet, so that a sheet already partly used can go through again."""
    cells: list[dict | None] = [None] * (start - 1) + list(labels)
    cells += [None] * (-len(cells) % LABELS_PER_SHEET)
    rows = [cells[i : i + LABELS_PER_ROW] for i in range(0, len(cells), LABELS_PER_ROW)]
    return [rows[i : i + LABEL_ROWS] for i in range(0, len(rows), LABEL_ROWS)]


def labels_pdf(receipt: SampleReceipt, start: int = 1) -> bytes:
    labels = [label_facts(sample, receipt.count) for sample in receipt.samples]
    return render_document("samples/labels_pdf.html", sheets=label_sheets(labels, start))
