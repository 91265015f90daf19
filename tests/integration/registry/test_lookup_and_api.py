"""Lookup by number (rate-limited), the JSON form and the published public key."""

import base64
import json
import re
import unicodedata
from datetime import timedelta

from cryptography.hazmat.primitives.serialization import load_pem_public_key

from evalapp.certificates import signing
from evalapp.certificates.services import certificate_number
from evalapp.common.time import local_today
from evalapp.extensions import db


def test_lookup_by_number_ignores_spaces_and_case(client, issuer):
    certificate = issuer.certificate(number="012/2024/GCN-OCOP-NB")
    db.session.commit()
    for typed in ("012/2024/GCN-OCOP-NB", "  012 / 2024 / gcn-ocop-nb ", "012/2024/gcn-ocop-nb"):
        response = client.get("/verify", query_string={"number": typed})
        assert response.status_code == 302, typed
        assert response.headers["Location"] == f"/verify/{certificate.public_id}"


def test_an_unknown_number_is_said_not_found(client, issuer):
    issuer.certificate(number="012/2024/GCN-OCOP-NB")
    db.session.commit()
    response = client.get("/verify", query_string={"number": "999/2024/GCN-OCOP-NB"})
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "Không có giấy chứng nhận số “999/2024/GCN-OCOP-NB” trong sổ đăng ký." in body
    assert 'value="999/2024/GCN-OCOP-NB"' in body


def test_the_empty_form(client):
    response = client.get("/verify")
    assert response.status_code == 200
    assert "Tra cứu giấy chứng nhận OCOP" in response.get_data(as_text=True)


def test_the_hint_shows_a_number_as_certificates_are_numbered(client, issuer):
    """The hint follows the numbers issuing gives (`<unit code>-<year>-<sequence>`), not the
    "12/2026/GCN-OCOP" no certificate ever carries."""
    db.session.commit()
    page = client.get("/verify").get_data(as_text=True)
    first = certificate_number(issuer.province.code, local_today().year, 1)
    assert re.fullmatch(r"NB\d+-\d{4}-0001", first)
    assert f"mã đơn vị cấp, năm cấp và số thứ tự, ví dụ {first}." in page
    assert "GCN-OCOP" not in page


def test_lookups_are_rate_limited_per_address(app, client, issuer):
    app.config["CERTIFICATE_LOOKUP_RATE_LIMIT"] = "3 per minute"
    issuer.certificate(number="012/2024/GCN-OCOP-NB")
    db.session.commit()
    codes = [
        client.get("/verify", query_string={"number": f"{n}/2024"}).status_code for n in range(4)
    ]
    assert codes == [404, 404, 404, 429]
    refused = client.get("/verify", query_string={"number": "012/2024/GCN-OCOP-NB"})
    assert refused.status_code == 429
    assert "Quá nhiều yêu cầu" in refused.get_data(as_text=True)
    other = app.test_client()
    response = other.get(
        "/verify",
        query_string={"number": "012/2024/GCN-OCOP-NB"},
        environ_base={"REMOTE_ADDR": "203.0.113.9"},
    )
    assert response.status_code == 302
    assert client.get("/verify").status_code == 200  # the empty form is not counted


def test_the_json_form_has_the_facts_the_status_and_what_the_signature_covers(client, issuer):
    today = local_today()
    certificate = issuer.certificate(issued_on=today - timedelta(days=10))
    db.session.commit()
    response = client.get(f"/api/v1/certificates/{certificate.public_id}")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    document = response.get_json()
    assert document["product_name"] == "Giỏ đay Hiếu Lâm"
    assert document["producer_name"] == "Hợp tác xã Mây tre đan Hiếu Lâm"
    assert document["stars"] == 4
    assert document["issued_on"] == (today - timedelta(days=10)).isoformat()
    assert document["expires_on"] == certificate.expires_on.isoformat()
    assert document["status"] == "valid"
    assert document["signature_check"] == "valid"
    assert set(document["signed_facts"]) == set(signing.FACT_FIELDS)
    assert document["key_id"] == signing.load_signing_key().key_id
    assert document["verification_url"].endswith(f"/verify/{certificate.public_id}")
    assert "score" not in json.dumps(document)
    assert str(certificate.id) not in {str(v) for v in document.values()}


def test_anyone_can_check_the_json_offline_with_the_published_key(client, issuer):
    certificate = issuer.certificate()
    db.session.commit()
    document = client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()
    pem = client.get("/verify/public-key?format=pem")
    assert pem.mimetype == "text/plain"
    key = load_pem_public_key(pem.data)
    facts = {
        name: unicodedata.normalize("NFC", value) if isinstance(value, str) else value
        for name, value in document["signed_facts"].items()
    }
    message = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    signature = document["signature"]
    key.verify(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)), message.encode())


def test_an_unknown_id_is_json_404(client):
    response = client.get("/api/v1/certificates/khong-co-ma-nay-123")
    assert response.status_code == 404
    assert response.get_json()["error"] == "not_found"


def test_the_public_key_page_explains_what_is_signed(client):
    body = client.get("/verify/public-key").get_data(as_text=True)
    key = signing.load_signing_key()
    assert key.key_id in body
    assert signing.public_pem(key.public).splitlines()[1] in body
    for name in signing.FACT_FIELDS:
        assert f"<code>{name}</code>" in body
    assert "load_pem_public_key" in body


def test_the_json_form_may_be_read_from_any_site(client, issuer):
    certificate = issuer.certificate()
    db.session.commit()
    response = client.get(f"/api/v1/certificates/{certificate.public_id}")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
