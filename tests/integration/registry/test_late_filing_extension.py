"""26/2026 Điều 12.3: a certificate whose window (Điều 7.6.a) closed before the decision took
effect, re-filed late by its expiry day, stays valid until the result and at most through the
180th day after expiry — on /verify and on the certificate page."""

from datetime import UTC, date, datetime, timedelta

import pytest

from evalapp.auth.models import Role
from evalapp.certificates.models import CertificateStatus
from evalapp.dossiers.models import DossierState, RegistrationType
from evalapp.extensions import db
from evalapp.registry import verification
from tests.factories import make_accepted_dossier, make_organisation, make_round, make_user
from tests.integration.dossiers.test_commune_stage import on
from tests.integration.registry.issued import Issuer

EXPIRES = date(2026, 9, 1)  # window 05/03/2026–04/05/2026, closed before 22/5/2026
LAST_DAY = date(2027, 2, 28)  # the 180th day after 01/09/2026


@pytest.fixture
def issuer(app):
    return Issuer(rulebook_code="148-1489-2025")


def late_filed(issuer, submitted: datetime, state=DossierState.SUBMITTED):
    organisation = make_organisation(name="Hợp tác xã Cói Kim Sơn")
    certificate = issuer.certificate(organisation, expires_on=EXPIRES, issued_on=date(2023, 9, 1))
    round_ = make_round(issuer.province, rulebook_code="26-2026", year=2026)
    dossier = make_accepted_dossier(round_, organisation, certificate.product_name)
    dossier.registration_type = RegistrationType.RE_EVALUATION
    dossier.previous_certificate = certificate.number
    dossier.previous_certificate_id = certificate.id
    dossier.submitted_at = submitted  # UTC; 03:00 UTC is 10:00 in Vietnam the same day
    dossier.state = state
    db.session.commit()
    return certificate, dossier


@pytest.mark.parametrize(
    ("day", "status", "extended"),
    [
        (EXPIRES, CertificateStatus.VALID, False),
        (EXPIRES + timedelta(days=1), CertificateStatus.VALID, True),
        (LAST_DAY, CertificateStatus.VALID, True),
        (LAST_DAY + timedelta(days=1), CertificateStatus.EXPIRED, False),
    ],
)
def test_valid_until_the_180th_day_after_expiry(issuer, day, status, extended):
    certificate, _dossier = late_filed(issuer, datetime(2026, 6, 10, 3, 0, tzinfo=UTC))
    standing = verification.standing_of(certificate, day)
    assert standing.status is status
    assert (standing.extension is not None) is extended
    if extended:
        assert standing.extension.until == LAST_DAY
        assert standing.extension.filed_on == date(2026, 6, 10)


@pytest.mark.parametrize("state", [DossierState.REFUSED, DossierState.PUBLISHED])
def test_the_result_ends_the_extension(issuer, state):
    certificate, _dossier = late_filed(issuer, datetime(2026, 6, 10, 3, 0, tzinfo=UTC), state)
    assert verification.standing_of(certificate, date(2026, 9, 2)).status is (
        CertificateStatus.EXPIRED
    )


@pytest.mark.parametrize(
    ("submitted", "extended"),
    [
        (datetime(2026, 9, 1, 3, 0, tzinfo=UTC), True),
        (datetime(2026, 9, 2, 3, 0, tzinfo=UTC), False),
    ],
)
def test_only_a_filing_by_the_expiry_day_extends(issuer, submitted, extended):
    certificate, _dossier = late_filed(issuer, submitted)
    standing = verification.standing_of(certificate, date(2026, 9, 3))
    assert (standing.extension is not None) is extended


def test_a_window_under_the_decision_gives_no_extension(issuer):
    certificate, _dossier = late_filed(issuer, datetime(2026, 12, 1, 3, 0, tzinfo=UTC))
    certificate.expires_on = date(2027, 3, 1)  # window 01/09/2026–31/10/2026
    db.session.commit()
    assert verification.standing_of(certificate, date(2027, 3, 2)).extension is None


def test_verify_and_the_certificate_page_give_the_reason_and_the_last_day(issuer, client, auth):
    """On 03/12/2026, within the extension of a certificate expired on 01/09/2026."""
    certificate, _dossier = late_filed(issuer, datetime(2026, 6, 10, 3, 0, tzinfo=UTC))
    with on(date(2026, 12, 3)):
        check_pages(issuer, certificate, client, auth)


def test_the_command_line_verification_says_so(issuer, app):
    certificate, _dossier = late_filed(issuer, datetime(2026, 6, 10, 3, 0, tzinfo=UTC))
    with on(date(2026, 12, 3)):
        result = app.test_cli_runner().invoke(args=["certificates", "verify", certificate.number])
    assert "status: valid" in result.output
    assert "at most to 28/02/2027 (26/2026 Điều 12.3)" in result.output
    with on(LAST_DAY + timedelta(days=1)):
        result = app.test_cli_runner().invoke(args=["certificates", "verify", certificate.number])
    assert "status: expired" in result.output and "Điều 12.3" not in result.output


def check_pages(issuer, certificate, client, auth):
    page = client.get(f"/verify/{certificate.public_id}").get_data(as_text=True)
    assert 'data-status="valid"' in page
    assert "chậm nhất đến hết ngày 28/02/2027" in page
    assert "nộp ngày 10/06/2026" in page and "Điều 12.3 Quyết định 26/2026/QĐ-TTg" in page
    record = client.get(f"/api/v1/certificates/{certificate.public_id}").get_json()
    assert record["status"] == "valid"
    assert record["late_filing_extension"]["valid_at_most_until"] == "2027-02-28"

    auth.login(make_user(Role.SECRETARY, unit=issuer.province))
    db.session.commit()
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert "Tiếp tục có hiệu lực (Điều 12.3)" in page
    assert "chậm nhất đến hết ngày 28/02/2027" in page


@pytest.mark.parametrize(
    ("day", "valid"),
    [(EXPIRES + timedelta(days=1), True), (LAST_DAY, True), (LAST_DAY + timedelta(days=1), False)],
)
def test_the_lists_filters_and_counts_keep_the_extended_certificate_valid(issuer, day, valid):
    from sqlalchemy import func, select

    from evalapp.certificates.models import Certificate
    from evalapp.certificates.queries import status_condition

    certificate, _dossier = late_filed(issuer, datetime(2026, 6, 10, 3, 0, tzinfo=UTC))

    def count(status):
        condition = status_condition(status, day)
        return db.session.scalar(
            select(func.count(Certificate.id)).where(Certificate.id == certificate.id, condition)
        )

    assert count(CertificateStatus.VALID) == int(valid)
    assert count(CertificateStatus.EXPIRED) == int(not valid)


def test_the_unit_list_and_the_registry_show_it_valid(issuer, client, auth):
    """On 03/12/2026, within the extension of a certificate expired on 01/09/2026."""
    certificate, _dossier = late_filed(issuer, datetime(2026, 6, 10, 3, 0, tzinfo=UTC))
    with on(date(2026, 12, 3)):
        check_lists(issuer, certificate, client, auth)


def check_lists(issuer, certificate, client, auth):
    page = client.get("/registry?status=valid").get_data(as_text=True)
    assert certificate.product_name in page and "Còn hiệu lực" in page
    assert certificate.product_name not in client.get("/registry?status=expired").get_data(
        as_text=True
    )
    auth.login(make_user(Role.SECRETARY, unit=issuer.province))
    db.session.commit()
    page = client.get("/certificates/?status=valid").get_data(as_text=True)
    assert certificate.number in page and "Còn hiệu lực" in page
    assert certificate.number not in client.get("/certificates/?status=expired").get_data(
        as_text=True
    )
