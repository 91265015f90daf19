import base64
import io

import pytest
import zxingcpp
from PIL import Image

from evalapp.certificates import document
from tests.integration.certificates.conftest import certificate_of
from tests.integration.certificates.qr import decode_pdf_qr


def test_the_printed_qr_code_leads_to_the_verification_page(issued, app):
    app.config["PUBLIC_BASE_URL"] = "https://ocop.ninhbinh.gov.vn/"
    certificate = certificate_of(issued, 4)
    decoded = decode_pdf_qr(document.certificate_pdf(certificate))
    if decoded is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: see test_the_qr_image_decodes")
    assert decoded == [f"https://ocop.ninhbinh.gov.vn/verify/{certificate.public_id}"]


def test_the_url_comes_from_configuration_never_from_the_request_host(issued, app):
    app.config["PUBLIC_BASE_URL"] = "https://ocop.ninhbinh.gov.vn"
    certificate = certificate_of(issued, 4)
    with app.test_request_context("/", base_url="http://attacker.example"):
        html = document.certificates_html([document.printed_facts(certificate)], "t")
    assert "attacker.example" not in html
    assert f"https://ocop.ninhbinh.gov.vn/verify/{certificate.public_id}" in html


def test_the_qr_image_decodes(issued):
    """Without poppler: the image the page embeds (one pixel per module, scaled up as the
    template does) decodes to the verification URL."""
    certificate = certificate_of(issued, 4)
    url = document.verification_url(certificate.public_id)
    data_uri = document.qr_data_uri(url)
    assert data_uri.startswith("data:image/png;base64,")
    image = Image.open(io.BytesIO(base64.b64decode(data_uri.split(",", 1)[1]))).convert("L")
    image = image.resize((image.width * 8, image.height * 8), Image.Resampling.NEAREST)
    assert [barcode.text for barcode in zxingcpp.read_barcodes(image)] == [url]
