"""A certificate's status at its boundary dates, on plain objects (no app, no database)."""

from datetime import date
from types import SimpleNamespace

import pytest

from evalapp.certificates.models import CertificateStatus, certificate_status

ISSUED = date(2023, 3, 15)
LAST_VALID_DAY = date(2026, 3, 14)


def certificate(**fields):
    values = dict(
        issued_on=ISSUED,
        expires_on=LAST_VALID_DAY,
        revoked_on=None,
        superseded_by_id=None,
    )
    values.update(fields)
    return SimpleNamespace(**values)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (ISSUED, CertificateStatus.VALID),
        (LAST_VALID_DAY, CertificateStatus.VALID),
        (date(2026, 3, 15), CertificateStatus.EXPIRED),
        (date(2030, 1, 1), CertificateStatus.EXPIRED),
    ],
)
def test_valid_through_the_last_day_and_expired_from_the_next(today, expected):
    assert certificate_status(certificate(), today) is expected


def test_revoked_from_its_effective_date_and_not_before():
    revoked = certificate(revoked_on=date(2025, 6, 1), revoked_reason="Vi phạm")
    assert certificate_status(revoked, date(2025, 5, 31)) is CertificateStatus.VALID
    assert certificate_status(revoked, date(2025, 6, 1)) is CertificateStatus.REVOKED
    assert certificate_status(revoked, date(2027, 1, 1)) is CertificateStatus.REVOKED


def test_superseded_once_replaced_even_before_its_expiry():
    replaced = certificate(superseded_by_id=7)
    assert certificate_status(replaced, date(2025, 1, 1)) is CertificateStatus.SUPERSEDED
    assert certificate_status(replaced, date(2027, 1, 1)) is CertificateStatus.SUPERSEDED


def test_revocation_outranks_replacement():
    both = certificate(superseded_by_id=7, revoked_on=date(2025, 6, 1))
    assert certificate_status(both, date(2025, 6, 1)) is CertificateStatus.REVOKED
    assert certificate_status(both, date(2025, 5, 31)) is CertificateStatus.SUPERSEDED
