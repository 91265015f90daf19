"""The public verification page: facts, status in words at every stage, the signature check."""

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from evalapp.certificates import signing
from evalapp.certificates.models import Certificate
from evalapp.common.time import local_today
from evalapp.extensions import db


def page(client, certificate):
    response = client.get(f"/verify/{certificate.public_id}")
    assert response.status_code == 200
    return response


def text(response) -> str:
    return response.get_data(as_text=True)


def test_a_valid_certificate_shows_its_facts_and_validity(client, issuer):
    today = local_today()
    certificate = issuer.certificate(issued_on=today - timedelta(days=100))
    db.session.commit()
    response = page(client, certificate)
    body = text(response)
    assert response.headers["Cache-Control"] == "private, no-cache"  # asked again every visit
    assert 'data-status="valid"' in body
    expiry = certificate.expires_on.strftime("%d/%m/%Y")
    assert f"Còn hiệu lực đến hết ngày {expiry}" in body
    for fact in (
        "Giỏ đay Hiếu Lâm",
        "Hợp tác xã Mây tre đan Hiếu Lâm",
        certificate.producer_address,
        "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        certificate.decision_number,
        certificate.number,
        certificate.issued_on.strftime("%d/%m/%Y"),
        "★★★★<",
        "Sản phẩm OCOP đạt 4 sao",
        "Lưu niệm – nội thất – trang trí",
        "Chữ ký số của cơ quan cấp hợp lệ",
    ):
        assert fact in body, fact


def test_the_page_shows_no_scores_no_member_names_and_no_internal_ids(client, issuer):
    certificate = issuer.certificate(issued_on=local_today())
    members = [seat.user.full_name for seat in issuer.session.council.members]
    db.session.commit()
    body = text(page(client, certificate))
    assert "80,00" not in body and "80.00" not in body and "Điểm" not in body
    for name in members:  # whole names: "Người dùng Thử 1" is not in "… Thử 12"
        assert not re.search(rf"(?<!\w){re.escape(name)}(?!\w)", body), name
    # Whole path segments: the public id may begin with the same digits as an internal id.
    assert not re.search(rf"/certificates/{certificate.id}(?![\w-])", body)
    assert not re.search(rf"/dossiers/{certificate.dossier_id}(?![\w-])", body)


def test_expired_from_the_day_after_the_last_valid_day(client, issuer):
    today = local_today()
    last_day = issuer.certificate(expires_on=today)
    expired = issuer.certificate(expires_on=today - timedelta(days=1))
    db.session.commit()
    assert 'data-status="valid"' in text(page(client, last_day))
    body = text(page(client, expired))
    assert 'data-status="expired"' in body
    assert f"Hết hiệu lực từ ngày {today:%d/%m/%Y}" in body


def test_revoked_with_its_date_and_reason(client, issuer):
    today = local_today()
    revoked = issuer.certificate(
        issued_on=today - timedelta(days=200),
        revoked_on=today,
        revoked_reason="Sản phẩm không duy trì chất lượng như khi đánh giá",
    )
    pending = issuer.certificate(
        issued_on=today - timedelta(days=200),
        revoked_on=today + timedelta(days=1),
        revoked_reason="Vi phạm an toàn thực phẩm",
    )
    db.session.commit()
    body = text(page(client, revoked))
    assert 'data-status="revoked"' in body
    assert f"Bị thu hồi từ ngày {today:%d/%m/%Y}" in body
    assert "Sản phẩm không duy trì chất lượng như khi đánh giá" in body
    body = text(page(client, pending))
    assert 'data-status="valid"' in body
    assert "sẽ bị thu hồi từ ngày" in body


def test_superseded_links_to_the_new_certificate(client, issuer):
    today = local_today()
    new = issuer.certificate(issued_on=today, stars=5)
    old = issuer.certificate(issued_on=date(2022, 5, 1), superseded_by_id=new.id)
    db.session.commit()
    body = text(page(client, old))
    assert 'data-status="superseded"' in body
    assert f'href="/verify/{new.public_id}"' in body
    assert new.number in body


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("product_name", "Giỏ đay Hiếu Lâm loại đặc biệt"),
        ("stars", 5),
        ("expires_on", date(2031, 1, 1)),
    ],
)
def test_a_fact_altered_in_the_database_raises_a_red_warning(client, issuer, column, value):
    certificate = issuer.certificate(issued_on=local_today())
    db.session.commit()
    db.session.execute(
        update(Certificate).where(Certificate.id == certificate.id).values({column: value})
    )
    db.session.commit()
    body = text(page(client, certificate))
    assert "Chữ ký số của cơ quan cấp hợp lệ" not in body
    assert "không khớp với chữ ký số của cơ quan cấp" in body


@pytest.mark.parametrize("public_id", ["khong-co-ma-nay-123", "abc", "a" * 40, "%3Cscript%3E"])
def test_unknown_or_malformed_ids_get_a_friendly_404_with_the_number_lookup(client, public_id):
    response = client.get(f"/verify/{public_id}")
    assert response.status_code == 404
    body = text(response)
    assert "Không tìm thấy giấy chứng nhận" in body
    assert 'action="/verify"' in body and 'name="number"' in body
    assert "<script>" not in body


def test_the_page_fits_a_phone(client, issuer):
    certificate = issuer.certificate(issued_on=local_today())
    db.session.commit()
    body = text(page(client, certificate))
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in body


def test_a_signature_by_an_unpublished_key_is_said_unverifiable(client, issuer):
    certificate = issuer.certificate(issued_on=local_today())
    db.session.commit()
    db.session.execute(
        update(Certificate).where(Certificate.id == certificate.id).values(key_id="0" * 16)
    )
    db.session.commit()
    body = text(page(client, certificate))
    assert "Không kiểm tra được chữ ký số" in body
    document = client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()
    assert document["signature_check"] == "unknown_key"


def test_the_json_form_reports_an_altered_certificate(client, issuer):
    certificate = issuer.certificate(issued_on=local_today())
    db.session.commit()
    db.session.execute(
        update(Certificate).where(Certificate.id == certificate.id).values(producer_name="Khác")
    )
    db.session.commit()
    document = client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()
    assert document["signature_check"] == "altered"
    assert document["signed_facts"]["producer_name"] == "Khác"


def test_certificates_signed_before_a_key_rotation_still_verify(app, client, issuer, tmp_path):
    old_certificate = issuer.certificate(issued_on=local_today())
    db.session.commit()
    old_key = signing.load_signing_key()
    old_public = tmp_path / "old_public_key.pem"
    old_public.write_text(signing.public_pem(old_key.public))
    app.config["CERTIFICATE_SIGNING_KEY"] = str(tmp_path / "rotated_signing_key.pem")
    assert "Không kiểm tra được chữ ký số" in text(page(client, old_certificate))

    app.config["CERTIFICATE_PUBLIC_KEYS"] = str(old_public)
    assert "Chữ ký số của cơ quan cấp hợp lệ" in text(page(client, old_certificate))
    keys = client.get("/verify/public-key").text
    assert old_key.key_id in keys and signing.load_signing_key().key_id in keys
