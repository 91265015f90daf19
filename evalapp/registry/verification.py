"""What the public verification page, its JSON form and the CLI say about a certificate: its
status in words and dates, and whether its stored facts still match their signature.

Only facts a valid signature covers are shown as signed; when the check fails the status itself
is "Không xác thực được" (`Check.status_label`), whatever the register says. The register's
status (expiry by the signed last day, revocation, replacement, the Điều 12.3 extension) is
recorded after signing: it is shown as the register's, not as signed."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from flask_babel import lazy_gettext as _l
from sqlalchemy import inspect as sa_inspect

from evalapp.certificates import revocation, signing, validity
from evalapp.certificates.extension import Extension, late_filing_extension, status_reader
from evalapp.certificates.models import Certificate, CertificateStatus, certificate_status
from evalapp.common import caching
from evalapp.common.i18n import localised
from evalapp.common.urls import absolute_url
from evalapp.rules import load_rulebook


class SignatureState(enum.StrEnum):
    VALID = "valid"  # the facts are exactly those the issuing body signed
    ALTERED = "altered"  # the facts or the signature were changed after signing
    UNKNOWN_KEY = "unknown_key"  # signed with a key this site does not publish
    MISSING = "missing"  # no signature at all

    @property
    def reason(self) -> str:
        return str(SIGNATURE_REASONS[self]) if self in SIGNATURE_REASONS else ""


SIGNATURE_REASONS = {
    SignatureState.ALTERED: _l(
        "Thông tin của giấy chứng nhận này không khớp với chữ ký số của cơ quan cấp. Dữ liệu có "
        "thể đã bị sửa đổi; vui lòng liên hệ cơ quan cấp trước khi tin cậy."
    ),
    SignatureState.UNKNOWN_KEY: _l(
        "Không kiểm tra được chữ ký số: khóa ký của giấy chứng nhận này không được công bố trên trang."
    ),
    SignatureState.MISSING: _l(
        "Giấy chứng nhận này không có chữ ký số của cơ quan cấp; vui lòng liên hệ cơ quan cấp "
        "trước khi tin cậy."
    ),
}
UNVERIFIABLE = "unverifiable"
UNVERIFIABLE_LABEL = _l("Không xác thực được")
# Facts the page and the JSON show that fact set 1 does not cover.
UNSIGNED_IN_V1 = ("product_group", "province", "signer_name", "signer_title")


def published_keys() -> dict[str, Ed25519PublicKey]:
    """The public keys this site publishes, by key id (see `signing.published_public_keys`)."""
    return signing.published_public_keys()


def check_signature(
    facts: dict, signature: str, key_id: str, keys: dict[str, Ed25519PublicKey] | None = None
) -> SignatureState:
    """Check `facts` (a fact set of a known version, see `signing.strict_facts`) against
    `signature` by one of `keys` (the published keys unless given)."""
    if not signature or not isinstance(signature, str):
        return SignatureState.MISSING
    keys = published_keys() if keys is None else keys
    public = keys.get(key_id) if isinstance(key_id, str) else None
    if public is None:
        return SignatureState.UNKNOWN_KEY
    try:
        signed = signing.strict_facts(facts)
    except signing.MalformedFacts:
        return SignatureState.ALTERED
    if not signing.verify(signed, signature, public):
        return SignatureState.ALTERED
    return SignatureState.VALID


# Verdicts by a digest of the whole stored row and the key ids, in each process: a
# registry page checks 30 signatures, and a shared file cache costs more per entry than the check
# it would save (issue 17's load bench found one pruning 5,000 files on every write).
VERDICTS: dict[str, SignatureState] = {}
VERDICTS_KEPT = 50_000


def signature_state(
    certificate: Certificate, keys: dict[str, Ed25519PublicKey] | None = None
) -> SignatureState:
    """The stored facts of `certificate` checked against its stored signature; a corrected last
    day must also be the Civil Code day of the signed issue date (`validity.correction_holds`).
    The verdict is kept under a digest of the whole stored row and the published key ids: an
    altered row is a new key, checked afresh."""
    keys = published_keys() if keys is None else keys
    key = caching.digest((row_of(certificate), sorted(keys)))
    if (verdict := VERDICTS.get(key)) is None:
        verdict = checked_state(certificate, keys)
        if len(VERDICTS) >= VERDICTS_KEPT:
            VERDICTS.clear()
        VERDICTS[key] = verdict
    return verdict


def checked_state(certificate: Certificate, keys: dict[str, Ed25519PublicKey]) -> SignatureState:
    state = check_signature(
        signing.facts_of(certificate), certificate.signature, certificate.key_id, keys
    )
    if state is SignatureState.VALID and not validity.stored_correction_holds(certificate):
        return SignatureState.ALTERED
    return state


@dataclass(frozen=True)
class Check:
    """A stored certificate's signature check and the facts it vouches for."""

    state: SignatureState
    facts: dict  # the signed facts as stored (ISO dates), whatever the state

    @property
    def valid(self) -> bool:
        return self.state is SignatureState.VALID

    @property
    def version(self) -> int:
        return self.facts.get("v", 1)

    @property
    def signed(self) -> dict:
        """The facts the signature vouches for, dates as `date` (empty unless valid): the only
        values the page shows under "signature valid"."""
        if not self.valid:
            return {}
        return {
            name: date.fromisoformat(value) if name in signing.DATE_FIELDS else value
            for name, value in self.facts.items()
        }

    @property
    def unsigned(self) -> tuple[str, ...]:
        """The shown facts this certificate's signature does not cover."""
        return UNSIGNED_IN_V1 if self.version == 1 else ()


def check(certificate: Certificate) -> Check:
    return Check(signature_state(certificate), signing.facts_of(certificate))


@dataclass(frozen=True)
class Standing:
    """A certificate's status on a given day with the dates and reason that explain it."""

    status: CertificateStatus
    valid_until: date  # the last day of validity (`expires_on`)
    expired_from: date  # the first day it is no longer valid by expiry
    revoked_on: date | None  # set when a revocation is recorded (maybe still in the future)
    revoked_reason: str
    replacement: Certificate | None  # the re-evaluation's certificate that superseded it
    # Under 26/2026 Điều 8: the ground ("26/2026 Điều 8.1.b: …") and the revocation decision.
    revocation_ground: str = ""
    revocation_decision_number: str = ""
    revocation_decision_on: date | None = None
    extension: Extension | None = None  # valid past expiry by a late filing (26/2026 Điều 12.3)

    @property
    def revocation_pending(self) -> bool:
        return self.status is not CertificateStatus.REVOKED and self.revoked_on is not None


def standing_of(certificate: Certificate, today: date) -> Standing:
    decided = revocation.approved_revocation(certificate)
    extension = late_filing_extension(certificate, today)
    return Standing(
        status=CertificateStatus.VALID if extension else certificate_status(certificate, today),
        valid_until=certificate.expires_on,
        expired_from=certificate.expires_on + timedelta(days=1),
        revoked_on=certificate.revoked_on,
        revoked_reason=certificate.revoked_reason or "",
        replacement=certificate.superseded_by,
        revocation_ground=(
            revocation.ground_text(certificate, decided.ground_code) if decided else ""
        ),
        revocation_decision_number=decided.decision_number if decided else "",
        revocation_decision_on=decided.decision_on if decided else None,
        extension=extension,
    )


def fingerprint(certificate: Certificate, today: date) -> tuple | None:
    """What the verification page of `certificate` on `today` shows besides the language: its
    row as stored (a revocation changes it even if the cache missed the change), the register's
    generation (revocation decisions, replacements, late filings) and the published keys (a
    rotation). None when the cache is unavailable: the page is then not cached."""
    token = caching.generation(caching.CERTIFICATES)
    if token is None:
        return None
    return token, row_of(certificate), today, sorted(published_keys())


def row_of(certificate: Certificate) -> tuple:
    """Every stored column of `certificate`."""
    return tuple(
        getattr(certificate, column.key) for column in sa_inspect(Certificate).column_attrs
    )


def group_name(certificate: Certificate) -> str:
    """The product group's name in the certificate's rulebook ("" when the rulebook is unknown).
    A certificate of fact set 2 shows the name it was issued (and signed) with."""
    if signing.version_of(certificate) > 1:
        return certificate.group_name
    try:
        rulebook = load_rulebook(certificate.rulebook_code)
    except LookupError:
        return ""
    group = next((g for g in rulebook.groups if g.code == certificate.group_code), None)
    return localised(group.name) if group else ""


def public_record(certificate: Certificate, today: date) -> dict:
    """The JSON form of the verification page: the same facts and status, ISO dates, and what
    anyone needs to check the signature offline (`signed_facts`, `signature`, `key_id`).

    `expires_on` is the last day of validity by the Civil Code. For a certificate printed with
    another day, `printed_expires_on` gives that day (the `expires_on` of `signed_facts`) and
    `validity_note` explains the difference; both are null otherwise.

    `status` is "unverifiable" when the signature check fails (`status_source`
    "signature_check"); otherwise the register's status (`status_source` "register": revocation,
    replacement and extension are recorded after signing). `unsigned_facts` names the facts shown here that the signature of an
    older certificate (fact set 1) does not cover."""
    standing = standing_of(certificate, today)
    checked = check(certificate)
    replacement = standing.replacement
    if checked.valid:
        status, status_label = standing.status.value, standing.status.label
    else:
        status, status_label = UNVERIFIABLE, str(UNVERIFIABLE_LABEL)
    return {
        "public_id": certificate.public_id,
        "number": certificate.number,
        "product_name": certificate.product_name,
        "producer_name": certificate.producer_name,
        "producer_address": certificate.producer_address,
        "province": certificate.province_name,
        "product_group": group_name(certificate),
        "group_code": certificate.group_code,
        "stars": certificate.stars,
        "issuing_body": certificate.issuing_body,
        "signer_name": certificate.signer_name,
        "signer_title": certificate.signer_title,
        "decision_number": certificate.decision_number,
        "decision_date": certificate.decision_date.isoformat(),
        "issued_on": certificate.issued_on.isoformat(),
        "expires_on": certificate.expires_on.isoformat(),
        "printed_expires_on": (
            certificate.printed_expires_on.isoformat() if certificate.printed_expires_on else None
        ),
        "validity_note": str(note) if (note := validity.validity_note(certificate)) else None,
        "status": status,
        "status_label": status_label,
        "status_reason": checked.state.reason or None,
        "status_source": "register" if checked.valid else "signature_check",
        "as_of": today.isoformat(),
        "late_filing_extension": (
            {
                "filed_on": standing.extension.filed_on.isoformat(),
                "valid_at_most_until": standing.extension.until.isoformat(),
                "basis": f"Điều 12.3 Quyết định {standing.extension.reference}",
            }
            if standing.extension
            else None
        ),
        "revocation": (
            {
                "effective_on": standing.revoked_on.isoformat(),
                "reason": standing.revoked_reason,
                "ground": standing.revocation_ground or None,
                "decision_number": standing.revocation_decision_number or None,
                "decision_date": (
                    standing.revocation_decision_on.isoformat()
                    if standing.revocation_decision_on
                    else None
                ),
            }
            if standing.revoked_on
            else None
        ),
        "superseded_by": (
            {
                "public_id": replacement.public_id,
                "number": replacement.number,
                "url": absolute_url("registry.verify", public_id=replacement.public_id),
            }
            if replacement
            else None
        ),
        "verification_url": absolute_url("registry.verify", public_id=certificate.public_id),
        "signature_check": checked.state.value,
        "signature": certificate.signature,
        "key_id": certificate.key_id,
        "signed_facts": checked.facts,
        "signed_facts_version": checked.version,
        "unsigned_facts": list(checked.unsigned),
        "public_key_url": absolute_url("registry.public_key", format="pem"),
    }


def register_rows(certificates, today) -> list[tuple]:
    """Each certificate with its status (with the late filings of 26/2026 Điều 12.3), or None
    when its signature check fails: the list then shows "Không xác thực được", no stars."""
    status_of = status_reader(today)
    keys = published_keys()
    valid = SignatureState.VALID
    return [
        (certificate, status_of(certificate))
        if signature_state(certificate, keys) is valid
        else (certificate, None)
        for certificate in certificates
    ]
