"""A certificate's last day of validity, and the printed day it corrects.

The last day is counted by Điều 147–148 Bộ luật Dân sự 2015 (`rules.certificate_expiry`).
Certificates issued before that count (migration 0006) were printed and signed with the day
before; `expires_on` now holds the Civil Code day and `printed_expires_on` the printed one, which
the signature covers. So that the correction adds nothing the signature does not vouch for, the
corrected day must be exactly the Civil Code day of the signed issue date (`correction_holds`):
anyone holding the signed facts can recompute it.
"""

from __future__ import annotations

from datetime import date

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from evalapp.rules import CertificateRules, certificate_expiry, load_rulebook


def certificate_rules(rulebook_code: str) -> CertificateRules:
    """The certificate rules of a rulebook (the defaults when the rulebook is unknown)."""
    try:
        return load_rulebook(rulebook_code).certificate
    except LookupError:
        return CertificateRules()


def civil_code_expiry(issued_on: date, rulebook_code: str) -> date:
    return certificate_expiry(issued_on, certificate_rules(rulebook_code))


def correction_holds(
    expires_on: date, printed: date | None, issued_on: date, rulebook_code: str
) -> bool:
    """True when no printed day differs (`printed` None), or when `expires_on` is the Civil Code
    last day of the signed issue date: an `expires_on` changed by hand cannot shelter behind a
    printed day the signature covers."""
    if printed is None:
        return True
    return printed != expires_on and expires_on == civil_code_expiry(issued_on, rulebook_code)


def stored_correction_holds(certificate) -> bool:
    """`correction_holds` for a stored certificate."""
    return correction_holds(
        certificate.expires_on,
        certificate.printed_expires_on,
        certificate.issued_on,
        certificate.rulebook_code,
    )


def validity_note(certificate):
    """For a corrected certificate, what the printed paper says and why this date differs (a lazy
    string, in the reader's language); None otherwise."""
    if certificate.printed_expires_on is None:
        return None
    return _l(
        "Bản in của giấy chứng nhận ghi “có giá trị đến hết ngày %(day)s”; thời hạn được tính "
        "theo Điều 147–148 Bộ luật Dân sự 2015.",
        day=f"{certificate.printed_expires_on:%d/%m/%Y}",
    )


def with_validity_note(text, certificate):
    """`text` followed by the certificate's validity note when it has one (still lazy, so it is
    rendered in the language its reader gets)."""
    note = validity_note(certificate)
    if note is None:
        return text
    return LazyString(lambda: f"{text} {note}")
