"""A certificate printed with the day before its Civil Code last day (corrected by migration 0006):
the secretariat's page, the producer's outcome page and a reprint give the corrected day, and say
what the printed, signed certificate says."""

from datetime import date

import pytest

from evalapp.certificates import signing
from evalapp.extensions import db
from tests.integration.certificates.conftest import certificate_of
from tests.integration.certificates.support import flat, page_count, pdf_text

NOTE = "Bản in của giấy chứng nhận ghi “có giá trị đến hết ngày 19/12/2024”"
REPRINT = "Bản in lại: bản cấp lần đầu ghi “có giá trị đến hết ngày 19/12/2024” (ngày đã ký số)"


@pytest.fixture
def corrected(issued):
    """The 4★ certificate (issued 20/12/2021) as if printed and signed with 19/12/2024."""
    certificate = certificate_of(issued, 4)
    certificate.printed_expires_on = date(2024, 12, 19)
    certificate.signature = signing.sign(signing.facts_of(certificate), signing.load_signing_key())
    db.session.commit()
    return certificate


def test_the_certificate_page_gives_the_corrected_day_and_the_printed_one(
    issued, corrected, client, auth
):
    auth.login(issued.secretary)
    page = client.get(f"/certificates/{corrected.id}").get_data(as_text=True)
    assert '<dd class="col-sm-8" id="expires-on">20/12/2024' in page
    assert NOTE in page and "Điều 147–148 Bộ luật Dân sự 2015" in page
    assert "Hợp lệ: nội dung khớp với chữ ký" in page


def test_the_producer_sees_the_note_on_its_outcome_page(issued, corrected, client, auth):
    auth.login(issued.producer)
    page = client.get(f"/results/dossiers/{corrected.dossier_id}").get_data(as_text=True)
    assert "20/12/2024" in page and NOTE in page


def test_a_reprint_shows_the_true_day_and_the_day_first_printed_and_signed(
    issued, corrected, client, auth
):
    auth.login(issued.secretary)
    response = client.get(f"/certificates/{corrected.id}.pdf")
    assert response.status_code == 200 and page_count(response.data) == 1
    text = flat(pdf_text(response.data))
    assert "Có giá trị đến hết ngày 20/12/2024" in text
    assert REPRINT in text and "Điều 147–148 Bộ luật Dân sự 2015" in text


def test_a_certificate_issued_by_the_civil_code_has_no_note_and_no_reprint_line(
    issued, client, auth
):
    certificate = certificate_of(issued, 4)
    auth.login(issued.secretary)
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert "20/12/2024" in page and "Bản in của giấy chứng nhận" not in page
    text = flat(pdf_text(client.get(f"/certificates/{certificate.id}.pdf").data))
    assert "Có giá trị đến hết ngày 20/12/2024" in text and "Bản in lại" not in text
