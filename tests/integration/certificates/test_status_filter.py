"""The list's status filter (SQL) agrees with `certificate_status` at the boundary days."""

from datetime import date, timedelta

from evalapp.certificates import queries
from evalapp.certificates.models import CertificateStatus, certificate_status
from evalapp.extensions import db
from tests.factories import make_decision
from tests.integration.certificates.conftest import agenda_result, certificate_of


def test_the_sql_status_matches_the_rule_on_every_boundary(issued):
    from evalapp.certificates import services

    revoked, superseded = certificate_of(issued, 4), certificate_of(issued, 3)
    revoked.revoked_on, revoked.revoked_reason = date(2023, 6, 1), "Vi phạm"
    renewal = agenda_result(issued.session, issued.organisation, "Cơm cháy Cung Đình", 3, 5)
    renewal.dossier.previous_certificate_id = superseded.id
    decision = make_decision(issued.round, [renewal], "9/QĐ-UBND", signed_on=date(2024, 3, 1))
    (renewed,) = services.issue_certificates(decision, issued.secretary)
    db.session.commit()
    certificates = [revoked, superseded, renewed]

    days = {date(2023, 5, 31), date(2023, 6, 1), date(2024, 2, 29)}
    days |= {date(2024, 12, 20), date(2024, 12, 21)}  # the last day of validity and the next
    days |= {renewed.expires_on, renewed.expires_on + timedelta(days=1)}
    for day in sorted(days):
        for status in CertificateStatus:
            query = queries.certificates_of_unit(issued.province.id, day, status)
            found = {c.number for c in db.session.scalars(query)}
            expected = {c.number for c in certificates if certificate_status(c, day) is status}
            assert found == expected, (day, status)
