import shutil
import subprocess

import pytest

from evalapp.certificates import document, signing
from evalapp.extensions import db
from tests.integration.certificates.conftest import certificate_of
from tests.integration.certificates.support import flat, page_count, pdf_text


@pytest.fixture
def certificate(issued):
    return certificate_of(issued, 4)


def test_the_certificate_shows_its_facts_in_vietnamese(certificate):
    pdf = document.certificate_pdf(certificate)
    text = pdf_text(pdf)
    assert pdf.startswith(b"%PDF-") and page_count(pdf) == 1
    for line in [
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "GIẤY CHỨNG NHẬN SẢN PHẨM OCOP",
        "Giỏ đay Hiếu Lâm",
        "Công ty TNHH Hiếu Lâm",
        "Xóm 3, Xã Thượng Kiệm, Huyện Kim Sơn, Tỉnh Ninh Bình",
        "ĐẠT 4 SAO",
        "Quyết định số 123/QĐ-UBND ngày 20/12/2021",
        "Số: NB-2021-0001",
        "Có giá trị đến hết ngày 20/12/2024",
        "Ninh Bình, ngày 20 tháng 12 năm 2021",
        "Nguyễn Văn Ký",
        f"/verify/{certificate.public_id}",
    ]:
        assert line in text, line


def test_the_page_is_a4_landscape_and_draws_five_stars(certificate):
    from io import BytesIO

    from pypdf import PdfReader

    pdf = document.certificate_pdf(certificate)
    box = PdfReader(BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)
    html = document.certificates_html([document.printed_facts(certificate)], "t")
    filled = html.split('fill="#e0a800"')[0].rsplit("<path", 1)[1]
    empty = html.split('fill="none"')[0].rsplit("<path", 1)[1]
    assert html.count("<path") == 2 and filled.count("M") == 4 and empty.count("M") == 1


def test_the_stars_are_one_path_of_five_pointed_stars_per_fill():
    assert document.star_path(0, 0) == ""
    five = document.star_path(0, 5)
    assert five.count("M") == 5 and five.count("Z") == 5 and five.count("L") == 45
    assert document.star_path(0, 2) + " " + document.star_path(2, 5) == five
    assert five.startswith("M12,1.5 L15.1,8.3") and "M128,1.5" in five  # 4 × 29 + 12


def test_the_stylesheet_is_applied_once_parsed_or_inline_alike(certificate):
    facts = [document.printed_facts(certificate)]
    inline = document.certificates_html(facts, "t")
    bare = document.certificates_html(facts, "t", inline_css=False)
    assert "<style>" in inline and "<style>" not in bare
    assert "size: A4 landscape" in document.stylesheet() and "@font-face" not in inline
    from evalapp.common.pdf import layout_cached

    assert pdf_text(layout_cached(inline).write_pdf()) == pdf_text(
        layout_cached(bare, css=document.stylesheet()).write_pdf()
    )


def test_the_fonts_are_embedded(certificate, tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "certificate.pdf"
    path.write_bytes(document.certificate_pdf(certificate))
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    rows = listing.splitlines()[2:]
    assert rows and all(" yes yes yes " in f" {' '.join(row.split()[-5:-2])} " for row in rows)
    assert all("Noto-Serif" in row for row in rows)


def test_a_reprint_gives_the_same_bytes(certificate):
    first = document.certificate_pdf(certificate)
    db.session.expire_all()
    assert document.certificate_pdf(certificate) == first


def test_the_printed_facts_do_not_follow_later_changes(certificate):
    before = pdf_text(document.certificate_pdf(certificate))
    certificate.result.dossier.product.name = "Tên mới sau khi cấp"
    certificate.result.dossier.organisation.name = "Tổ chức đổi tên"
    db.session.commit()
    after = pdf_text(document.certificate_pdf(certificate))
    assert after == before and "Tên mới" not in after


def test_names_with_diacritics_come_out_exactly(issued):
    certificate = certificate_of(issued, 3)
    certificate.product_name = "Trà Shan Tuyết Cổ Thụ Hà Giang"
    certificate.producer_name = "Hợp tác xã Nông nghiệp Đồng Văn – Quản Bạ"
    text = pdf_text(document.certificate_pdf(certificate))
    assert "Trà Shan Tuyết Cổ Thụ Hà Giang" in text
    assert "Hợp tác xã Nông nghiệp Đồng Văn – Quản Bạ" in flat(text)


def test_the_producer_downloads_their_certificate(issued, client, auth):
    certificate = certificate_of(issued, 4)
    auth.login(issued.producer)
    response = client.get(f"/certificates/{certificate.id}.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Giỏ đay Hiếu Lâm" in pdf_text(response.data)


def test_the_signature_verifies_and_fails_when_a_fact_is_altered(certificate):
    key = signing.load_signing_key()
    assert signing.verify(signing.facts_of(certificate), certificate.signature, key.public)
    for field, value in [
        ("stars", 5),
        ("product_name", "Giỏ đay Hiếu Lâm giả"),
        ("expires_on", certificate.expires_on.replace(year=2030)),
        ("number", "NB-2021-0099"),
    ]:
        facts = {**signing.facts_of(certificate), field: value}
        assert not signing.verify(facts, certificate.signature, key.public), field


def test_the_certificate_page_flags_altered_facts(issued, client, auth):
    certificate = certificate_of(issued, 4)
    auth.login(issued.secretary)
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert "Hợp lệ: nội dung khớp với chữ ký" in page

    certificate.stars = 5  # altered in the database behind the application's back
    db.session.commit()
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert "Không hợp lệ: nội dung đã bị thay đổi sau khi ký" in page
