"""Điều 12.3 Quyết định 26/2026/QĐ-TTg: a certificate kept valid past its expiry by a late
re-evaluation filing.

"… thời gian nộp hồ sơ không đáp ứng được thời hạn theo quy định tại điểm a khoản 6 Điều 7 …,
thì giấy chứng nhận tiếp tục có hiệu lực đến ngày có kết quả xử lý của cơ quan có thẩm quyền,
nhưng không quá 180 ngày tính từ ngày hết thời hạn." Which filings are late is decided in
`rules.re_evaluation` (`is_late_filing`: the certificate's window opened before 26/2026 took
effect, and the dossier was submitted after the window and by the expiry day). The result is the
competent body's: the dossier refused, or its result published by the decision (or a new
certificate superseding this one); until then, and at most through the 180th day after the
expiry day, the certificate stays valid. `certificate_status` (lists, counts) is not changed:
the extension is shown where a certificate is checked, on /verify and on its page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import to_user_timezone
from sqlalchemy import select

from evalapp.certificates.models import Certificate
from evalapp.dossiers.models import Dossier, DossierState, RegistrationType
from evalapp.extensions import db
from evalapp.rules import extension_limit, is_late_filing, load_rulebook

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
