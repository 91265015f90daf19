"""Certificates issued before the last day of validity was counted by Điều 147–148 BLDS 2015:
migration 0006 corrects them (one day later), keeps the printed and signed day, and audits it;
their signature still verifies and every page, text and document gives the corrected day."""

import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import select, text, update

from evalapp.certificates import queries
from evalapp.certificates.lifecycle import send_expiry_notices, send_expiry_reminders
from evalapp.certificates.models import Certificate, CertificateStatus, certificate_status
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.registry import verification
from evalapp.registry.cli import certificates_cli
from tests.factories import make_producer

ISSUED = date(2021, 12, 20)
PRINTED = date(2024, 12, 19)  # the old rule: 36 months minus one day
LAST_DAY = date(2024, 12, 20)  # Điều 147–148 BLDS 2015
NOTE = "Bản in của giấy chứng nhận ghi “có giá trị đến hết ngày 19/12/2024”"
MIGRATION = (
    Path(__file__).parents[3] / "migrations/versions/0006_certificate_validity_civil_code.py"
)


def migration():
    spec = importlib.util.spec_from_file_location("migration_0006", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def corrected_certificate(issuer, organisation=None) -> Certificate:
    """A certificate as migration 0006 leaves one: signed with the printed day."""
    return issuer.certificate(
        organisation,
        issued_on=ISSUED,
        expires_on=LAST_DAY,
        printed_expires_on=PRINTED,
        facts_version=1,
    )


def stored_expiry(certificate_id: int) -> date:
    """Read outside the session, whose model has a column the older schema lacks."""
    with db.engine.connect() as connection:
        value = connection.execute(
            text("SELECT expires_on FROM certificates WHERE id = :id"), {"id": certificate_id}
        ).scalar_one()
    return date.fromisoformat(str(value))


def audit_of(certificate_id: int) -> list[AuditEntry]:
    return list(
        db.session.scalars(
            select(AuditEntry)
            .where(AuditEntry.object_type == "Certificate")
            .where(AuditEntry.object_id == str(certificate_id))
            .where(AuditEntry.action.like("certificate.validity%"))
            .order_by(AuditEntry.id)
        )
    )


def notices(user) -> list[Notification]:
    return list(db.session.scalars(select(Notification).where(Notification.user_id == user.id)))


def remigrate() -> None:
    """Back to the schema before 0006 and up again, as deploying it does."""
    db.session.commit()
    db.session.remove()
    downgrade(revision="0005")
    upgrade()


@pytest.mark.parametrize(
    ("issued", "printed", "corrected"),
    [
        (date(2021, 12, 20), date(2024, 12, 19), date(2024, 12, 20)),
        (date(2024, 2, 29), date(2027, 2, 27), date(2027, 2, 28)),
        (date(2026, 5, 31), date(2029, 5, 30), date(2029, 5, 31)),
        (date(2023, 6, 1), date(2026, 5, 31), date(2026, 6, 1)),
        (date(2024, 1, 31), date(2024, 2, 28), date(2024, 2, 29)),  # one month, leap year
    ],
)
def test_the_migration_recognises_the_old_rule(issued, printed, corrected):
    assert migration().civil_code_day(issued, printed) == corrected


@pytest.mark.parametrize(
    ("issued", "expires"),
    [
        (date(2021, 12, 20), date(2024, 12, 20)),  # already by the Civil Code
        (date(2024, 2, 29), date(2027, 2, 28)),
        (date(2024, 1, 10), date(2027, 1, 3)),  # set by hand
        (date(2024, 1, 10), date(2024, 1, 9)),
    ],
)
def test_the_migration_leaves_other_days_alone(issued, expires):
    assert migration().civil_code_day(issued, expires) is None


def test_upgrading_corrects_an_old_certificate_and_audits_it(app, issuer):
    # Certificates issued before 0006 were signed with fact set 1.
    old = issuer.certificate(issued_on=ISSUED, expires_on=PRINTED, facts_version=1)  # 19/12/2024
    new = issuer.certificate(issued_on=date(2024, 2, 29), facts_version=1)  # by the Civil Code
    odd = issuer.certificate(
        issued_on=date(2024, 1, 10), expires_on=date(2027, 1, 3), facts_version=1
    )
    ids = old.id, new.id, odd.id
    remigrate()

    old, new, odd = (db.session.get(Certificate, i) for i in ids)
    assert (old.expires_on, old.printed_expires_on) == (LAST_DAY, PRINTED)
    assert (new.expires_on, new.printed_expires_on) == (date(2027, 2, 28), None)
    assert (odd.expires_on, odd.printed_expires_on) == (date(2027, 1, 3), None)
    [entry] = audit_of(old.id)
    assert entry.action == "certificate.validity_corrected"
    assert entry.actor_id is None and entry.actor_email is None
    assert entry.before == {"expires_on": "2024-12-19"}
    assert entry.after == {"expires_on": "2024-12-20"}
    assert "Điều 147–148 Bộ luật Dân sự 2015" in entry.note
    assert "Điều 4.3 Quyết định 26/2026/QĐ-TTg" in entry.note
    assert audit_of(new.id) == audit_of(odd.id) == []
    assert verification.signature_state(old) is verification.SignatureState.VALID


def test_downgrading_restores_the_printed_day_and_upgrading_again_corrects_it(app, issuer):
    old = issuer.certificate(issued_on=ISSUED, expires_on=PRINTED, facts_version=1)
    certificate_id = old.id
    remigrate()
    db.session.remove()
    downgrade(revision="0005")
    assert stored_expiry(certificate_id) == PRINTED
    upgrade()
    certificate = db.session.get(Certificate, certificate_id)
    assert (certificate.expires_on, certificate.printed_expires_on) == (LAST_DAY, PRINTED)
    actions = [entry.action for entry in audit_of(certificate_id)]
    assert actions == [
        "certificate.validity_corrected",
        "certificate.validity_correction_reverted",
        "certificate.validity_corrected",
    ]


def test_correcting_twice_changes_nothing(app, issuer):
    certificate_id = issuer.certificate(issued_on=ISSUED, expires_on=PRINTED, facts_version=1).id
    remigrate()
    with db.engine.begin() as connection:
        assert migration().correct_validity(connection) == 0
    assert len(audit_of(certificate_id)) == 1


def test_a_corrected_certificate_verifies_and_its_page_gives_the_corrected_day(
    app, client, issuer, monkeypatch
):
    certificate = corrected_certificate(issuer)
    db.session.commit()
    monkeypatch.setattr("evalapp.registry.views.local_today", lambda: LAST_DAY)
    body = client.get(f"/verify/{certificate.public_id}").get_data(as_text=True)
    assert 'data-status="valid"' in body
    assert "Còn hiệu lực đến hết ngày 20/12/2024" in body
    assert "Chữ ký số của cơ quan cấp hợp lệ" in body
    assert NOTE in body and "Điều 147–148 Bộ luật Dân sự 2015" in body

    monkeypatch.setattr("evalapp.registry.views.local_today", lambda: date(2024, 12, 21))
    body = client.get(f"/verify/{certificate.public_id}").get_data(as_text=True)
    assert 'data-status="expired"' in body
    assert "Hết hiệu lực từ ngày 21/12/2024" in body
    assert NOTE in body

    client.post("/language", data={"lang": "en"})
    body = client.get(f"/verify/{certificate.public_id}").get_data(as_text=True)
    assert "The printed certificate says “valid until the end of 19/12/2024”" in body
    assert "Articles 147–148 of the 2015 Civil Code" in body


def test_a_certificate_issued_by_the_civil_code_has_no_note(client, issuer):
    certificate = issuer.certificate(issued_on=ISSUED)
    db.session.commit()
    assert (certificate.expires_on, certificate.printed_expires_on) == (LAST_DAY, None)
    body = client.get(f"/verify/{certificate.public_id}").get_data(as_text=True)
    assert "Chữ ký số của cơ quan cấp hợp lệ" in body
    assert "Bản in của giấy chứng nhận" not in body


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("expires_on", date(2031, 1, 1)),  # the printed day still verifies: not enough
        ("printed_expires_on", date(2025, 12, 19)),
        ("printed_expires_on", LAST_DAY),
    ],
)
def test_a_corrected_day_changed_by_hand_is_caught(client, issuer, column, value):
    certificate = corrected_certificate(issuer)
    db.session.commit()
    db.session.execute(
        update(Certificate).where(Certificate.id == certificate.id).values({column: value})
    )
    db.session.commit()
    body = client.get(f"/verify/{certificate.public_id}").get_data(as_text=True)
    assert "không khớp với chữ ký số của cơ quan cấp" in body


def test_valid_on_the_corrected_day_expired_the_next_in_python_and_in_sql(issuer):
    certificate = corrected_certificate(issuer)
    db.session.commit()
    for day, status in [
        (PRINTED, CertificateStatus.VALID),
        (LAST_DAY, CertificateStatus.VALID),
        (date(2024, 12, 21), CertificateStatus.EXPIRED),
    ]:
        assert certificate_status(certificate, day) is status
        query = queries.certificates_of_unit(certificate.unit_id, day, status)
        assert [c.id for c in db.session.scalars(query)] == [certificate.id], day


def test_reminded_30_days_before_the_corrected_day_with_the_note(issuer):
    producer = make_producer()
    certificate = corrected_certificate(issuer, producer.organisation)
    assert send_expiry_reminders(date(2024, 11, 19)) == []
    assert send_expiry_reminders(date(2024, 11, 20)) == [certificate]
    db.session.commit()
    [notice] = notices(producer)
    assert "còn hiệu lực đến hết ngày 20/12/2024" in notice.body
    assert NOTE in notice.body


def test_the_expiry_notice_counts_from_the_day_after_the_corrected_day(issuer):
    producer = make_producer()
    certificate = corrected_certificate(issuer, producer.organisation)
    assert send_expiry_notices(LAST_DAY) == []
    assert send_expiry_notices(date(2024, 12, 21)) == [certificate]
    db.session.commit()
    [notice] = notices(producer)
    assert "đã hết hiệu lực từ ngày 21/12/2024" in notice.body
    assert NOTE in notice.body


def test_the_json_gives_the_corrected_day_the_printed_one_and_why(client, issuer):
    certificate = corrected_certificate(issuer)
    db.session.commit()
    document = client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()
    assert document["expires_on"] == "2024-12-20"
    assert document["printed_expires_on"] == "2024-12-19"
    assert document["signed_facts"]["expires_on"] == "2024-12-19"
    assert NOTE in document["validity_note"]
    assert document["signature_check"] == "valid"
    plain = issuer.certificate(issued_on=ISSUED)
    db.session.commit()
    document = client.get(f"/api/v1/certificates/{plain.public_id}").get_json()
    assert document["printed_expires_on"] is None and document["validity_note"] is None


def test_the_cli_accepts_the_served_json_of_a_corrected_certificate_only_as_served(
    app, client, issuer, tmp_path
):
    certificate = corrected_certificate(issuer)
    db.session.commit()
    document = client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()
    runner = app.test_cli_runner()
    for shown, code in [("2024-12-20", 0), ("2031-01-01", 1), ("2024-12-19", 0)]:
        path = tmp_path / f"{shown}.json"
        path.write_text(json.dumps({**document, "expires_on": shown}), encoding="utf-8")
        result = runner.invoke(certificates_cli, ["verify", "--json", str(path)])
        assert result.exit_code == code, (shown, result.output)
    assert runner.invoke(certificates_cli, ["verify", certificate.number]).exit_code == 0
