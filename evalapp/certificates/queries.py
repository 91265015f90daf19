"""Reads for the certificate pages."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import and_, not_, or_, select

from evalapp.certificates.extension import extended_ids
from evalapp.certificates.models import Certificate, CertificateStatus, PrintJob
from evalapp.extensions import db
from evalapp.results.models import ResultDecision
from evalapp.rules import rulebook_for_date

#: The status filter's extra value: valid certificates near their expiry.
EXPIRING = "expiring"


def expiring_lead(today: date) -> int:
    """How many days before its expiry a valid certificate counts as expiring: from the day its
    re-evaluation window opens (26/2026 Điều 7.6.a, `refile_from_days`), or, under a rulebook
    without a window, from its reminder date (`reminder_days`) — as the reminders do."""
    try:
        rules = rulebook_for_date(today).certificate
    except LookupError:
        return 30
    return rules.refile_from_days or rules.reminder_days


def expiring_condition(today: date):
    return and_(
        status_condition(CertificateStatus.VALID, today),
        Certificate.expires_on <= today + timedelta(days=expiring_lead(today)),
    )


def status_condition(status: CertificateStatus, today: date):
    """The SQL form of `certificate_status` (same order: revoked, superseded, expired, valid),
    a certificate kept valid by a late filing (`extension.extended_ids`) counted as valid."""
    revoked = and_(Certificate.revoked_on.is_not(None), Certificate.revoked_on <= today)
    superseded = and_(not_(revoked), Certificate.superseded_by_id.is_not(None))
    # 26/2026 Điều 12.3: a late re-evaluation filing keeps a certificate valid past its expiry.
    kept = Certificate.id.in_(sorted(extended_ids(today)))
    expired = and_(
        not_(revoked),
        Certificate.superseded_by_id.is_(None),
        Certificate.expires_on < today,
        not_(kept),
    )
    return {
        CertificateStatus.REVOKED: revoked,
        CertificateStatus.SUPERSEDED: superseded,
        CertificateStatus.EXPIRED: expired,
        CertificateStatus.VALID: not_(or_(revoked, superseded, expired)),
    }[status]


def certificates_of_unit(
    unit_id: int,
    today: date,
    status: CertificateStatus | str | None = None,
    year: int | None = None,
    decision_id: int | None = None,
):
    """The unit's certificates; `status` a `CertificateStatus` or `EXPIRING`."""
    query = select(Certificate).where(Certificate.unit_id == unit_id)
    if status == EXPIRING:
        query = query.where(expiring_condition(today))
    elif status is not None:
        query = query.where(status_condition(status, today))
    if year:
        query = query.where(Certificate.year == year)
    if decision_id:
        query = query.where(Certificate.decision_id == decision_id)
    return query.order_by(Certificate.year.desc(), Certificate.sequence.desc())


def decisions_with_certificates(unit_id: int) -> list[ResultDecision]:
    return list(
        db.session.scalars(
            select(ResultDecision)
            .where(
                ResultDecision.unit_id == unit_id,
                ResultDecision.id.in_(select(Certificate.decision_id)),
            )
            .order_by(ResultDecision.signed_on.desc(), ResultDecision.id.desc())
        )
    )


def certificates_of_decision(decision_id: int) -> list[Certificate]:
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.decision_id == decision_id)
            .order_by(Certificate.year, Certificate.sequence)
        )
    )


def recent_print_jobs(decision_id: int, limit: int = 5) -> list[PrintJob]:
    return list(
        db.session.scalars(
            select(PrintJob)
            .where(PrintJob.decision_id == decision_id)
            .order_by(PrintJob.id.desc())
            .limit(limit)
        )
    )
