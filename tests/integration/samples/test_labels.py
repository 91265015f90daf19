"""The receipt (biên nhận mẫu) and the QR labels: one A4 sheet of 3 × 7 labels, each naming the
product, the dossier's receipt code, "Mẫu n/5" and its label code, its QR code opening the
sample's page."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from evalapp.samples.documents import label_sheets
from tests.integration.certificates.qr import decode_pdf_qr
from tests.integration.samples.conftest import receipt_form, samples_of, submitted


def pdf_text(data: bytes) -> str:
    """The PDF's words, wrapped lines joined."""
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(BytesIO(data)).pages
    )


@pytest.fixture
def received(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    return dossier, officer


def test_the_labels_name_each_sample_and_its_qr_opens_its_page(app, received):
    app.config["PUBLIC_BASE_URL"] = "https://ocop.ninhbinh.gov.vn"
    dossier, officer = received
    response = officer.get(f"/samples/dossiers/{dossier.id}/labels.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(BytesIO(response.data))
    assert len(reader.pages) == 1
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width) / 72 * 25.4), round(float(height) / 72 * 25.4)) == (210, 297)
    text = pdf_text(response.data)
    samples = samples_of(dossier)
    for sample in samples:
        assert sample.label_code in text
    assert [f"Mẫu {n}/5" in text for n in range(1, 6)] == [True] * 5
    assert "Mẫu 6/5" not in text
    assert "Giỏ cói đựng quà" in text and dossier.receipt_code in text
    decoded = decode_pdf_qr(response.data, dpi=200)
    if decoded is None:
        pytest.skip("pdftoppm is not installed")
    assert sorted(decoded) == sorted(
        f"https://ocop.ninhbinh.gov.vn/samples/{sample.label_code}" for sample in samples
    )
    page = officer.get(f"/samples/{samples[1].label_code}")
    assert page.status_code == 200 and "Mẫu 2/5" in page.text


def test_the_labels_can_start_further_down_a_used_sheet(received):
    dossier, officer = received
    text = pdf_text(officer.get(f"/samples/dossiers/{dossier.id}/labels.pdf?start=20").data)
    assert [f"Mẫu {n}/5" in text for n in range(1, 6)] == [True] * 5
    sheets = label_sheets([{"n": n} for n in range(1, 6)], start=20)
    assert len(sheets) == 2 and all(len(sheet) == 7 for sheet in sheets)
    assert sheets[0][6] == [None, {"n": 1}, {"n": 2}] and sheets[1][0] == [
        {"n": 3},
        {"n": 4},
        {"n": 5},
    ]


def test_the_receipt_lists_the_samples_with_the_article(received, ninh_binh):
    dossier, officer = received
    response = officer.get(f"/samples/dossiers/{dossier.id}/receipt.pdf")
    assert response.status_code == 200
    text = pdf_text(response.data)
    assert "BIÊN NHẬN SẢN PHẨM MẪU" in text and "ỦY BAN NHÂN DÂN XÃ KIM SƠN" in text
    assert "Điều 6.2.d, 7.2.b Quyết định 26/2026/QĐ-TTg" in text
    assert "HTX Cói Kim Sơn" in text and "Giỏ cói đựng quà" in text
    assert "Hộp giấy kraft, lô 12/2026, 350 g mỗi giỏ" in text and "Lê Văn Xã" in text
    for sample in samples_of(dossier):
        assert sample.label_code in text and f"Mẫu {sample.number}/5" in text


def test_no_papers_before_the_samples_are_received(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    assert officer.get(f"/samples/dossiers/{dossier.id}/labels.pdf").status_code == 404
    assert officer.get(f"/samples/dossiers/{dossier.id}/receipt.pdf").status_code == 404
