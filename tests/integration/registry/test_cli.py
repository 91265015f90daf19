"""`flask certificates remind` and `flask certificates verify` (the command group is tested
directly until it is registered with the app)."""

import json
from datetime import date, timedelta

from sqlalchemy import update

from evalapp.certificates.models import Certificate
from evalapp.extensions import db
from evalapp.registry.cli import certificates_cli


def invoke(runner, *args, **kwargs):
    return runner.invoke(certificates_cli, list(args), **kwargs)


def test_remind_acts_as_the_given_day(runner, issuer):
    certificate = issuer.certificate(expires_on=date(2026, 1, 9))
    db.session.commit()
    result = invoke(runner, "remind", "--today", "2025-12-10")
    assert result.exit_code == 0, result.output
    assert "1 reminder(s)" in result.output and certificate.number in result.output
    db.session.expire_all()
    assert certificate.reminder_sent_at is not None
    again = invoke(runner, "remind", "--today", "2025-12-11")
    assert "0 reminder(s)" in again.output


def test_remind_refuses_a_malformed_day(runner):
    assert invoke(runner, "remind", "--today", "09/12/2026").exit_code == 2


def test_verify_a_stored_certificate_by_public_id_or_number(runner, issuer):
    certificate = issuer.certificate()
    db.session.commit()
    for reference in (certificate.public_id, certificate.number):
        result = invoke(runner, "verify", reference)
        assert result.exit_code == 0, result.output
        assert "signature" in result.output and "valid" in result.output
    db.session.execute(update(Certificate).where(Certificate.id == certificate.id).values(stars=5))
    db.session.commit()
    result = invoke(runner, "verify", certificate.public_id)
    assert result.exit_code == 1
    assert "altered" in result.output and "status: unverifiable" in result.output
    assert invoke(runner, "verify", "khong-co-ma-nay-123").exit_code == 2


def served(client, certificate) -> dict:
    return client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()


def test_verify_a_json_document_as_served(runner, client, issuer, tmp_path):
    certificate = issuer.certificate()
    db.session.commit()
    document = served(client, certificate)
    path = tmp_path / "certificate.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = invoke(runner, "verify", "--json", str(path))
    assert result.exit_code == 0, result.output
    assert "valid" in result.output and "Giỏ đay Hiếu Lâm" in result.output
    from_stdin = invoke(runner, "verify", "--json", "-", input=json.dumps(document))
    assert from_stdin.exit_code == 0


def test_an_altered_json_document_fails(runner, client, issuer, tmp_path):
    certificate = issuer.certificate()
    db.session.commit()
    document = served(client, certificate)
    cases = {
        "signed fact": {**document, "signed_facts": {**document["signed_facts"], "stars": 5}},
        "shown fact": {**document, "expires_on": (date(2031, 1, 1)).isoformat()},
        "shown signer": {**document, "signer_name": "Trần Giả Mạo"},
        "shown group": {**document, "product_group": "Thực phẩm"},
        "signature": {**document, "signature": document["signature"][::-1]},
        "unknown key": {**document, "key_id": "0" * 16},
    }
    for name, altered in cases.items():
        path = tmp_path / f"{name}.json"
        path.write_text(json.dumps(altered), encoding="utf-8")
        result = invoke(runner, "verify", "--json", str(path))
        assert result.exit_code == 1, (name, result.output)
    garbage = tmp_path / "garbage.json"
    garbage.write_text("{not json", encoding="utf-8")
    assert invoke(runner, "verify", "--json", str(garbage)).exit_code == 2


def test_verify_needs_exactly_one_thing_to_check(runner, tmp_path):
    assert invoke(runner, "verify").exit_code == 2
    path = tmp_path / "x.json"
    path.write_text("{}", encoding="utf-8")
    assert invoke(runner, "verify", "abc", "--json", str(path)).exit_code == 2


def test_expiry_shown_by_the_command(runner, issuer):
    certificate = issuer.certificate(expires_on=date.today() - timedelta(days=400))
    db.session.commit()
    result = invoke(runner, "verify", certificate.number)
    assert "status: expired" in result.output


def test_a_document_whose_signed_facts_are_not_exactly_a_fact_set_is_refused(
    runner, client, issuer, tmp_path
):
    certificate = issuer.certificate()
    db.session.commit()
    document = served(client, certificate)
    facts = document["signed_facts"]
    without_stars = {name: value for name, value in facts.items() if name != "stars"}
    cases = {
        "unexpected key(s): note": {**facts, "note": "Chính hãng"},
        "lacks key(s): stars": without_stars,
        "signed_facts.stars has the wrong type": {**facts, "stars": "4"},
        "signed_facts.issued_on has the wrong type": {**facts, "issued_on": "10/01/2024"},
        "unknown version": {**facts, "v": "2"},
        "signed_facts is not an object": [facts],
    }
    for message, signed_facts in cases.items():
        path = tmp_path / "document.json"
        path.write_text(json.dumps({**document, "signed_facts": signed_facts}), encoding="utf-8")
        result = invoke(runner, "verify", "--json", str(path))
        assert result.exit_code == 2, (message, result.output)
        assert "Not a certificate document" in result.output and message in result.output


def test_verify_a_json_document_of_fact_set_1(runner, client, issuer, tmp_path):
    certificate = issuer.certificate(facts_version=1)
    db.session.commit()
    document = served(client, certificate)
    assert "v" not in document["signed_facts"]
    path = tmp_path / "certificate.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = invoke(runner, "verify", "--json", str(path))
    assert result.exit_code == 0, result.output
    assert "fact set 1: the signature does not cover product_group" in result.output
    document["signed_facts"]["v"] = 2  # passed off as fact set 2: lacks its keys
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    assert invoke(runner, "verify", "--json", str(path)).exit_code == 2
