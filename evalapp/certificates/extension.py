"""Điều 12.3 Quyết định 26/2026/QĐ-TTg: a certificate kept valid past its expiry by a late
re-evaluation filing.

"… thời gian nộp hồ sơ không đáp ứng được thời hạn theo quy định tại điểm a khoản 6 Điều 7 …,
thì giấy chứng nhận tiếp tục có hiệu lực đến ngày có kết quả xử lý của cơ quan có thẩm quyền,
nhưng không quá 180 ngày tính từ ngày hết thời hạn." Which filings are late is decided in
`rules.re_evaluation` (`is_late_filing`: the certificate's window opened before 26/2026 took
effect, and the dossier was submitted after the window and by the expiry day). The result is the
competent body's: the dossier refused, or its result published by the decision (or a new
certificate superseding this one); until then, and at most through the 180th day after the
expiry day, the certificate stays valid: on /verify and its page (`late_filing_extension`), and
wherever certificates are listed, filtered or counted (`extended_ids`, used by
`certificates.queries.status_condition` and `status_reader`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from flask import g, has_app_context
from flask_babel import to_user_timezone
from sqlalchemy import select

from evalapp.certificates.models import Certificate, CertificateStatus, certificate_status
from evalapp.dossiers.models import Dossier, DossierState, RegistrationType
from evalapp.extensions import db
from evalapp.rules import extension_limit, is_late_filing, list_rulebooks, load_rulebook

RESULT_STATES = {DossierState.REFUSED, DossierState.PUBLISHED}


@dataclass(frozen=True)
class Extension:
    filed_on: date  # the day the late re-evaluation dossier was submitted
    until: date  # the last possible day of validity (expiry + 180 days)
    reference: str  # the rulebook's decision, e.g. 26/2026/QĐ-TTg


def late_filing_extension(certificate: Certificate, today: date) -> Extension | None:
    """The extension that keeps `certificate` valid on `today`, or None."""
    if (
        today <= certificate.expires_on
        or certificate.superseded_by_id is not None
        or (certificate.revoked_on is not None and certificate.revoked_on <= today)
    ):
        return None
    dossiers = db.session.scalars(
        select(Dossier)
        .where(
            Dossier.previous_certificate_id == certificate.id,
            Dossier.registration_type == RegistrationType.RE_EVALUATION,
            Dossier.submitted_at.is_not(None),
        )
        .order_by(Dossier.submitted_at)
    )
    for dossier in dossiers:
        rulebook = load_rulebook(dossier.round.rulebook_code)
        filed_on = to_user_timezone(dossier.submitted_at).date()
        if not is_late_filing(certificate.expires_on, rulebook, filed_on):
            continue
        until = extension_limit(certificate.expires_on, rulebook)
        if dossier.state in RESULT_STATES or today > until:
            return None
        return Extension(filed_on=filed_on, until=until, reference=rulebook.reference)
    return None


def longest_extension() -> int:
    days = [r.certificate.late_filing_extension_days for r in list_rulebooks()]
    return max((d for d in days if d is not None), default=0)


def extended_ids(today: date) -> frozenset[int]:
    """The certificates past their expiry day that Điều 12.3 keeps valid on `today`: the few
    expired within the longest extension, neither revoked nor superseded, with a re-evaluation
    dossier submitted and not yet decided, checked one by one (`late_filing_extension`). Read
    once per request and day (a list's filter, order and rows ask the same question)."""
    cache = g.setdefault("late_filing_extended", {}) if has_app_context() else {}
    if today not in cache:
        cache[today] = find_extended(today)
    return cache[today]


def find_extended(today: date) -> frozenset[int]:
    longest = longest_extension()
    if not longest:
        return frozenset()
    candidates = db.session.scalars(
        select(Certificate).where(
            Certificate.expires_on < today,
            Certificate.expires_on >= today - timedelta(days=longest),
            Certificate.superseded_by_id.is_(None),
            Certificate.id.in_(
                select(Dossier.previous_certificate_id).where(
                    # Stated, so the planner reads the renewals from the index on the column
                    # instead of scanning every dossier (issue 18's bench: 9 ms at 50,000).
                    Dossier.previous_certificate_id.is_not(None),
                    Dossier.registration_type == RegistrationType.RE_EVALUATION,
                    Dossier.submitted_at.is_not(None),
                    Dossier.state.not_in(RESULT_STATES),
                )
            ),
        )
    )
    return frozenset(c.id for c in candidates if late_filing_extension(c, today) is not None)


def status_reader(today: date) -> Callable[[Certificate, date], CertificateStatus]:
    """`certificate_status` for a list's rows, with the extended certificates valid: one query
    for the whole list, made only when a row has expired."""
    extended: list[frozenset[int]] = []

    def status_of(certificate: Certificate, day: date = today) -> CertificateStatus:
        status = certificate_status(certificate, day)
        if status is not CertificateStatus.EXPIRED or day != today:
            return status
        if not extended:
            extended.append(extended_ids(today))
        return CertificateStatus.VALID if certificate.id in extended[0] else status

    return status_of
