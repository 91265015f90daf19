"""Every fact the verification page shows as signed is in the signed payload (fact set 2); a
failed check says "Không xác thực được" in the status itself; certificates signed with fact set 1
still verify, with the facts it lacks shown apart as not signed."""

import base64
import json
from datetime import date, timedelta
from html.parser import HTMLParser

import pytest
from sqlalchemy import update

from evalapp.certificates import signing
from evalapp.certificates.models import Certificate
from evalapp.common.time import local_today
from evalapp.extensions import db

GROUP = "Lưu niệm – nội thất – trang trí"
SIGNER = "Nguyễn Văn Ký"
V1_FIELDS = (
    "public_id", "number", "product_name", "producer_name", "producer_address", "stars",
    "issuing_body", "decision_number", "decision_date", "issued_on", "expires_on", "rulebook_code",
)  # fmt: skip


class Block(HTMLParser):
    """The element with id `block_id`: its `data-fact` values (the `data-value` attribute, or
    the text) and the text it shows outside them and outside its labels (`dt`)."""

    VOID = {"br", "img", "hr", "input"}

    def __init__(self, block_id: str) -> None:
        super().__init__()
        self.block_id = block_id
        self.facts: dict[str, str] = {}
        self.from_attribute: set[str] = set()
        self.loose: list[str] = []
        self.stack: list[tuple[str | None, bool]] = []  # (fact, is a label) of open elements

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.VOID or (not self.stack and attrs.get("id") != self.block_id):
            return
        fact = attrs.get("data-fact")
        if fact is not None:
            self.facts[fact] = attrs.get("data-value", "")
            if "data-value" in attrs:
                self.from_attribute.add(fact)
        self.stack.append((fact, tag == "dt"))

    def handle_endtag(self, tag):
        if self.stack and tag not in self.VOID:
            self.stack.pop()

    def handle_data(self, data):
        if not self.stack:
            return
        facts = [fact for fact, _ in self.stack if fact]
        if facts:
            if facts[-1] not in self.from_attribute:
                self.facts[facts[-1]] += data
        elif not any(label for _, label in self.stack) and data.strip():
            self.loose.append(data.strip())


def block(html: str, block_id: str) -> Block:
    parser = Block(block_id)
    parser.feed(html)
    return parser


def shown(name: str, value) -> str:
    """A signed value as the page writes it (dates dd/mm/yyyy)."""
    if name in signing.DATE_FIELDS:
        return date.fromisoformat(value).strftime("%d/%m/%Y")
    return str(value)


def page(client, certificate) -> str:
    response = client.get(f"/verify/{certificate.public_id}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def served(client, certificate) -> dict:
    return client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()


def signed_certificate(issuer, **facts):
    return issuer.certificate(
        issued_on=local_today() - timedelta(days=30),
        signer_name=SIGNER,
        signer_title="Phó Chủ tịch",
        **facts,
    )


def test_every_fact_shown_under_signature_valid_is_in_the_signed_payload(client, issuer):
    certificate = signed_certificate(issuer)
    db.session.commit()
    html = page(client, certificate)
    payload = served(client, certificate)["signed_facts"]
    signed = block(html, "signed-facts")
    assert set(signed.facts) >= {"product_group", "province", "signer_name", "stars", "number"}
    for name, value in signed.facts.items():
        assert name in payload, name
        expected = str(payload[name]) if name == "stars" else shown(name, payload[name])
        assert value.strip() == expected, name
    # Outside the marked values only labels and words: "Số … ngày …", "… đạt 4 sao".
    assert signed.loose == ["Sản phẩm OCOP đạt 4 sao", "Số", "ngày"]
    assert payload["product_group"] == GROUP and payload["signer_name"] == SIGNER
    assert "unsigned-facts" not in html


@pytest.mark.parametrize(
    ("column", "value", "shown_value"),
    [
        ("stars", 5, "Sản phẩm OCOP đạt 5 sao"),
        ("expires_on", date(2099, 12, 14), "14/12/2099"),
        ("group_name", "Thực phẩm", "Thực phẩm"),
        ("group_code", "1", None),
        ("signer_name", "Trần Giả Mạo", "Trần Giả Mạo"),
        ("signer_title", "Chủ tịch", None),
        ("province_name", "Tỉnh Khác", "Tỉnh Khác"),
        ("facts_version", 1, None),  # a fact set 2 signature passed off as fact set 1
        ("facts_version", 3, None),
        ("signature", "", None),
    ],
)
def test_a_failed_check_says_unverifiable_in_the_status_itself(
    client, issuer, column, value, shown_value
):
    certificate = signed_certificate(issuer)
    db.session.commit()
    db.session.execute(
        update(Certificate).where(Certificate.id == certificate.id).values({column: value})
    )
    db.session.commit()
    html = page(client, certificate)
    assert 'data-status="unverifiable"' in html
    status = html[html.index('id="certificate-status"') :]
    assert "Không xác thực được" in status[: status.index("</div>")]
    assert "Còn hiệu lực" not in html and "Chữ ký số của cơ quan cấp hợp lệ" not in html
    assert 'id="signed-facts"' not in html and "★" not in html
    if shown_value:
        assert shown_value not in html
    document = served(client, certificate)
    assert document["status"] == "unverifiable"
    assert document["status_label"] == "Không xác thực được"
    assert document["status_reason"] and document["status_source"] == "signature_check"


def test_unverifiable_reasons_are_given_in_words(client, issuer):
    altered, unknown, unsigned = (signed_certificate(issuer) for _ in range(3))
    db.session.commit()
    for certificate, values in (
        (altered, {"stars": 5}),
        (unknown, {"key_id": "0" * 16}),
        (unsigned, {"signature": ""}),
    ):
        db.session.execute(
            update(Certificate).where(Certificate.id == certificate.id).values(values)
        )
    db.session.commit()
    assert "không khớp với chữ ký số của cơ quan cấp" in page(client, altered)
    assert "Không kiểm tra được chữ ký số" in page(client, unknown)
    assert "không có chữ ký số của cơ quan cấp" in page(client, unsigned)
    assert served(client, unsigned)["signature_check"] == "missing"


def legacy_certificate(issuer):
    """A certificate issued before fact set 2, signed exactly as then: the canonical JSON of the
    twelve fact set 1 fields, no "v"."""
    certificate = signed_certificate(issuer, facts_version=1)
    facts = {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in ((n, getattr(certificate, n)) for n in V1_FIELDS)
    }
    message = json.dumps(facts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    raw = signing.load_signing_key().private.sign(message.encode("utf-8"))
    certificate.signature = base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")
    certificate.group_name = ""
    db.session.commit()
    return certificate


def test_a_fact_set_1_certificate_still_verifies_and_marks_what_is_not_signed(client, issuer):
    certificate = legacy_certificate(issuer)
    html = page(client, certificate)
    assert 'data-status="valid"' in html
    assert "Chữ ký số của cơ quan cấp hợp lệ" in html
    signed = block(html, "signed-facts")
    assert set(signed.facts) <= set(V1_FIELDS)
    assert GROUP not in str(signed.loose) and "province" not in signed.facts
    unsigned = html[html.index('id="unsigned-facts"') :]
    assert "Không nằm trong chữ ký số" in unsigned
    assert GROUP in unsigned and SIGNER in unsigned
    assert html.index(SIGNER) > html.index('id="unsigned-facts"')
    document = served(client, certificate)
    assert document["status"] == "valid" and document["signature_check"] == "valid"
    assert document["status_source"] == "register"
    assert set(document["signed_facts"]) == set(V1_FIELDS)
    assert document["signed_facts_version"] == 1
    assert set(document["unsigned_facts"]) == {
        "product_group",
        "province",
        "signer_name",
        "signer_title",
    }


def test_the_public_registry_lists_an_altered_certificate_as_unverifiable(client, issuer):
    intact = signed_certificate(issuer, product_name="Trà xanh túi lọc")
    altered = signed_certificate(issuer)
    db.session.commit()
    db.session.execute(update(Certificate).where(Certificate.id == altered.id).values(stars=5))
    db.session.commit()
    body = client.get("/registry").get_data(as_text=True)
    row = body[body.index(f"/verify/{altered.public_id}") :]
    row = row[: row.index("</li>")]
    assert 'data-status="unverifiable"' in row and "Không xác thực được" in row
    assert "★" not in row and "Còn hiệu lực" not in row and "hiệu lực đến hết" not in row
    row = body[body.index(f"/verify/{intact.public_id}") :]
    assert "Còn hiệu lực" in row[: row.index("</li>")]
