"""Issuing certificates for an issued result decision, and revoking them (two people).

Services never commit; they raise `CertificateError` with a message for the user.
"""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer, selectinload

from evalapp.auth.models import User
from evalapp.certificates import revocation, signing, validity
from evalapp.certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateRevocation,
    RevocationState,
)
from evalapp.certificates.permissions import is_council_chair_of, is_secretary_of
from evalapp.common import audit
from evalapp.common.i18n import localised
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.common.urls import absolute_url
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.services import producer_users, record_event
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.reports.recognition import recognition_message
from evalapp.results.models import FinalResult, ResultDecision
from evalapp.rules import certificate_expiry, load_rulebook, recognising_level
from evalapp.units.models import AdministrativeUnit


class CertificateError(Refusal):
    """Something that cannot be done now; the message is for the user."""


# --- numbers and ids ---------------------------------------------------------------------------


def certificate_number(unit_code: str, year: int, sequence: int) -> str:
    """`<unit code>-<year>-<sequence, 4 digits>`, e.g. "NB-2021-0001" (the fifth certificate of
    Kim Sơn district in 2021 is "NB-KS-2021-0005"). Unique because (unit, year, sequence) is."""
    return f"{unit_code}-{year}-{sequence:04d}"


def next_sequence(unit: AdministrativeUnit, year: int) -> int:
    """The next number of the unit's yearly sequence, taken under a row lock on the counter, so
    two secretaries issuing at once never get the same number (and a number is never reused:
    the counter only goes up, even if the certificate is later revoked). The year's first
    counter is inserted in a savepoint: of two first inserts, the second waits, fails on the
    key and then locks the row the first one committed."""
    key = (unit.id, year)
    counter = db.session.get(CertificateCounter, key, with_for_update=True)
    if counter is None:
        try:
            with db.session.begin_nested():
                db.session.add(CertificateCounter(unit_id=unit.id, year=year, last=0))
        except IntegrityError:
            pass
        counter = db.session.get(
            CertificateCounter, key, with_for_update=True, populate_existing=True
        )
    counter.last += 1
    db.session.flush()
    return counter.last


def new_public_id() -> str:
    """128 random bits in lowercase base32 without padding (26 characters): the unguessable id
    of the verification page and the QR code."""
    return base64.b32encode(secrets.token_bytes(16)).decode("ascii").rstrip("=").lower()


# --- who gets a certificate -----------------------------------------------------------------------


@dataclass(frozen=True)
class Eligibility:
    """One result of a decision: its certificate if issued, else why it gets none (or "" when it
    earns one that is not issued yet)."""

    result: FinalResult
    certificate: Certificate | None
    reason: str

    @property
    def earns(self) -> bool:
        return not self.reason


def reason_without_certificate(result: FinalResult, level_code: str) -> str:
    """Why `result` earns no certificate from a decision at `level_code` ("" when it earns one)."""
    rulebook = load_rulebook(result.rulebook_code)
    if not result.is_current:
        return _("Kết quả đã được mở lại để đánh giá lại.")
    if rulebook.certificate.recognised_only:
        # 26/2026 Điều 4.1: only the level that recognises the class certifies it; 1★, 2★ none.
        refused = recognition_message(result, level_code)
        if refused:
            return refused
    if not result.stars:
        return _("Không đạt hạng sao: không cấp giấy chứng nhận.")
    if result.stars < rulebook.certificate.min_stars:
        return _(
            "Đạt %(stars)d sao, dưới %(min)d sao: không cấp giấy chứng nhận.",
            stars=result.stars,
            min=rulebook.certificate.min_stars,
        )
    if not result.earns_certificate:
        return _("Kết quả không đủ điều kiện cấp giấy chứng nhận.")
    level = recognising_level(rulebook, result.stars)
    if level is None or level.code != level_code:
        where = localised(level.name) if level is not None else _("cấp khác")
        return _(
            "Hạng %(stars)d sao do %(level)s công nhận; giấy chứng nhận do cấp đó cấp.",
            stars=result.stars,
            level=where,
        )
    return ""


def certificates_of_results(result_ids: list[int]) -> dict[int, Certificate]:
    if not result_ids:
        return {}
    rows = db.session.scalars(select(Certificate).where(Certificate.result_id.in_(result_ids)))
    return {certificate.result_id: certificate for certificate in rows}


def results_of_decision(decision: ResultDecision) -> list[FinalResult]:
    """The decision's results in order, each with its dossier's product and producer, in a fixed
    number of queries whatever their number (the frozen statistics, classification and sheets
    are not read here)."""
    dossier = selectinload(FinalResult.dossier)
    return list(
        db.session.scalars(
            select(FinalResult)
            .where(FinalResult.decision_id == decision.id)
            .order_by(FinalResult.id)
            .options(
                dossier.selectinload(Dossier.product),
                dossier.selectinload(Dossier.organisation),
                defer(FinalResult.statistics),
                defer(FinalResult.classification),
                defer(FinalResult.sheets),
            )
        )
    )


def eligibility(decision: ResultDecision) -> list[Eligibility]:
    results = results_of_decision(decision)
    issued = certificates_of_results([result.id for result in results])
    level_code = decision.round.level_code
    return [
        Eligibility(
            result,
            issued.get(result.id),
            "" if result.id in issued else reason_without_certificate(result, level_code),
        )
        for result in results
    ]


# --- issuing ---------------------------------------------------------------------------------------


def producer_address(organisation) -> str:
    """The address the certificate prints, the same as the decision's annex: the street, the
    commune and every unit above it ("…, Huyện Kim Sơn, Tỉnh Ninh Bình"). Frozen with the other
    facts at issue: a certificate issued before keeps the address it was signed with."""
    return organisation.full_address()


def check_issuable(decision: ResultDecision) -> None:
    if not decision.is_issued or decision.signed_on is None or not decision.number:
        raise CertificateError(
            _(
                "Quyết định chưa được ban hành (chưa có số và ngày ký): chưa thể cấp giấy chứng nhận."
            )
        )


def pending_results(decision: ResultDecision) -> list[FinalResult]:
    """The decision's results that earn a certificate and have none yet."""
    return [row.result for row in eligibility(decision) if row.earns and row.certificate is None]


def issue_certificates(decision: ResultDecision, actor: User | None) -> list[Certificate]:
    """A certificate for every result of the issued `decision` that earns one at the decision's
    level and has none yet (idempotent: a second call issues nothing twice). Numbers are taken
    in order of the results; issue date is the decision's signing date."""
    check_issuable(decision)
    lock_decision(decision)
    pending = pending_results(decision)
    if not pending:
        return []
    try:
        key = signing.load_signing_key()
    except signing.SigningKeyMissing as missing:
        current_app.logger.error("certificates cannot be signed: %s", missing)
        raise CertificateError(
            _(
                "Máy chủ chưa có khóa ký giấy chứng nhận; chưa thể cấp. "
                "Vui lòng báo quản trị hệ thống (cấu hình CERTIFICATE_SIGNING_KEY)."
            )
        ) from missing
    return [issue_one(decision, result, key, actor) for result in pending]


def lock_decision(decision: ResultDecision) -> None:
    """Two secretaries pressing "issue" at once: the second waits for the first to commit, then
    finds its certificates (PostgreSQL row lock; SQLite serialises writers anyway)."""
    db.session.execute(
        select(ResultDecision.id).where(ResultDecision.id == decision.id).with_for_update()
    )


def issue_one(decision: ResultDecision, result: FinalResult, key, actor) -> Certificate:
    dossier = result.dossier
    organisation = dossier.organisation
    issued_on = decision.signed_on
    rulebook = load_rulebook(result.rulebook_code)
    sequence = next_sequence(decision.unit, issued_on.year)
    certificate = Certificate(
        public_id=new_public_id(),
        number=certificate_number(decision.unit.code, issued_on.year, sequence),
        unit=decision.unit,
        year=issued_on.year,
        sequence=sequence,
        result=result,
        decision=decision,
        dossier_id=dossier.id,
        product_id=dossier.product_id,
        organisation_id=organisation.id,
        product_name=dossier.product.name,
        producer_name=organisation.name,
        producer_address=producer_address(organisation),
        province_name=organisation.province.name,
        group_code=dossier.group_code,
        group_name=group_name_vi(rulebook, dossier.group_code),
        facts_version=signing.CURRENT_VERSION,
        stars=result.stars,
        rulebook_code=result.rulebook_code,
        issuing_body=decision.issuing_body,
        decision_number=decision.number,
        decision_date=decision.signed_on,
        issued_on=issued_on,
        expires_on=certificate_expiry(issued_on, rulebook.certificate),
        signer_name=decision.signer_name or "",
        signer_title=decision.signer_title or "",
        issued_by_id=getattr(actor, "id", None),
        issued_at=utcnow(),
        is_demo=result.is_demo,
    )
    certificate.signature = signing.sign(signing.facts_of(certificate), key)
    certificate.key_id = key.key_id
    db.session.add(certificate)
    db.session.flush()
    supersede_previous(dossier, certificate, actor)
    record_event(dossier, "certificate_issued", actor, details={"number": certificate.number})
    audit.record(
        "certificate.issued",
        certificate,
        actor=actor,
        after={"number": certificate.number, "stars": certificate.stars},
    )
    notify(
        producer_users(dossier),
        _l("Sản phẩm OCOP đã được cấp giấy chứng nhận"),
        _l(
            "Sản phẩm %(product)s đã được cấp giấy chứng nhận OCOP %(stars)d sao, số %(number)s.",
            product=certificate.product_name,
            stars=certificate.stars,
            number=certificate.number,
        ),
        absolute_url("results.outcome", dossier_id=dossier.id),
    )
    return certificate


def group_name_vi(rulebook, group_code: str) -> str:
    """The group's Vietnamese name, as printed and signed ("" for a code the rulebook lacks)."""
    group = next((g for g in rulebook.groups if g.code == group_code), None)
    return group.name.vi if group else ""


def supersede_previous(dossier, certificate: Certificate, actor) -> None:
    """A re-evaluation's certificate replaces the one the dossier renews."""
    if dossier.previous_certificate_id is None:
        return
    previous = db.session.get(Certificate, dossier.previous_certificate_id)
    if previous is None or previous.superseded_by_id is not None:
        return
    previous.superseded_by = certificate
    audit.record(
        "certificate.superseded",
        previous,
        actor=actor,
        after={"superseded_by": certificate.number},
    )


def signature_valid(certificate: Certificate) -> bool | None:
    """Whether the stored facts still match the signature, a corrected last day included (see
    `validity`; None: the key is not published here)."""
    public = signing.published_public_keys().get(certificate.key_id)
    if public is None:
        return None
    intact = signing.verify(signing.facts_of(certificate), certificate.signature, public)
    return intact and validity.stored_correction_holds(certificate)


# --- revocation: one asks, the other approves --------------------------------------------------------


def acting_side(user: User, certificate: Certificate) -> str | None:
    """ "secretary" (the unit's secretariat), "chair" (the chair of the council that scored it)."""
    if is_secretary_of(user, certificate.unit_id):
        return "secretary"
    if is_council_chair_of(user, certificate):
        return "chair"
    return None


def pending_revocation(certificate: Certificate) -> CertificateRevocation | None:
    return next((r for r in certificate.revocations if r.state is RevocationState.REQUESTED), None)


def request_revocation(
    certificate: Certificate,
    reason: str,
    effective_on: date,
    actor: User,
    *,
    ground_code: str = "",
    conclusion_reference: str = "",
    conclusion_on: date | None = None,
    today: date | None = None,
) -> CertificateRevocation:
    """The secretary or the chair asks for revocation with a written reason; nothing changes on
    the certificate until the other one approves.

    Under a rulebook that regulates revocation (26/2026 Điều 8) the request also names one of the
    grounds of Điều 8.1 (`ground_code`; `reason` is the statement of the facts), comes from the
    level that decides (Điều 8.2) and from the conclusion it rests on, within the days of
    Điều 8.4 (`conclusion_reference`, `conclusion_on`)."""
    today = today or local_today()
    if acting_side(actor, certificate) is None:
        raise CertificateError(_("Bạn không thể đề nghị thu hồi giấy chứng nhận này."))
    if certificate.revoked_on is not None:
        raise CertificateError(_("Giấy chứng nhận này đã bị thu hồi."))
    if pending_revocation(certificate) is not None:
        raise CertificateError(_("Đã có một đề nghị thu hồi đang chờ phê duyệt."))
    rules = revocation.revocation_rules(certificate)
    if rules is not None:
        revocation.check_ground(rules, ground_code)
        revocation.check_level(rules, certificate, actor)
        revocation.check_conclusion(rules, conclusion_reference, conclusion_on, today)
    if not reason.strip():
        raise CertificateError(
            _("Vui lòng ghi rõ lý do thu hồi.")
            if rules is None
            else _("Vui lòng ghi rõ lý do thu hồi (các sự việc làm căn cứ thu hồi).")
        )
    if effective_on < certificate.issued_on:
        raise CertificateError(_("Ngày thu hồi không thể trước ngày cấp giấy chứng nhận."))
    request = CertificateRevocation(
        certificate=certificate,
        reason=reason.strip(),
        ground_code=ground_code if rules is not None else "",
        conclusion_reference=conclusion_reference.strip() if rules is not None else "",
        conclusion_on=conclusion_on if rules is not None else None,
        effective_on=effective_on,
        requested_by_id=actor.id,
        requested_at=utcnow(),
    )
    db.session.add(request)
    db.session.flush()
    details = {"effective_on": effective_on.isoformat(), "reason": request.reason}
    if rules is not None:
        details |= {
            "ground": request.ground_code,
            "conclusion": request.conclusion_reference,
            "conclusion_on": conclusion_on.isoformat(),
        }
    audit.record("certificate.revocation_requested", certificate, actor=actor, after=details)
    return request


def revocation_deadline(request: CertificateRevocation) -> date | None:
    """The last day to decide `request` (26/2026 Điều 8.4), None where no deadline applies."""
    rules = revocation.revocation_rules(request.certificate)
    if rules is None or request.conclusion_on is None:
        return None
    return revocation.deadline_of(rules, request.conclusion_on)


def may_approve(user: User, revocation: CertificateRevocation) -> bool:
    """The other person on the other side: a chair approves a secretary's request and back."""
    certificate = revocation.certificate
    requester = revocation.requested_by
    side = acting_side(user, certificate)
    return (
        user.id != requester.id and side is not None and side != acting_side(requester, certificate)
    )


def may_withdraw(user: User, revocation: CertificateRevocation) -> bool:
    return user.id == revocation.requested_by_id or may_approve(user, revocation)


def check_pending(request: CertificateRevocation) -> None:
    if request.state is not RevocationState.REQUESTED:
        raise CertificateError(_("Đề nghị thu hồi này đã được xử lý."))


def check_withdrawable(request: CertificateRevocation, actor: User) -> None:
    check_pending(request)
    if not may_withdraw(actor, request):
        raise CertificateError(_("Bạn không thể rút đề nghị thu hồi này."))


def check_approvable(request: CertificateRevocation, actor: User, today: date) -> None:
    """Why `actor` cannot approve the request today, if they cannot (two people; under
    26/2026 the ground, the level and the deadline from the conclusion)."""
    check_pending(request)
    if not may_approve(actor, request):
        raise CertificateError(
            _(
                "Việc thu hồi cần hai người: người đề nghị không tự phê duyệt; một người là thư ký, "
                "người kia là chủ tịch hội đồng."
            )
        )
    rules = revocation.revocation_rules(request.certificate)
    if rules is not None:
        revocation.check_ground(rules, request.ground_code)
        revocation.check_level(rules, request.certificate, actor)
        revocation.check_conclusion(
            rules, request.conclusion_reference, request.conclusion_on, today
        )


def decide_revocation(
    request: CertificateRevocation,
    approve: bool,
    actor: User,
    today: date | None = None,
    *,
    signer_title: str = "",
    signer_name: str = "",
) -> None:
    """Approve (the certificate is revoked; under 26/2026 the revocation decision is issued,
    signed by `signer_name` as `signer_title`, and sent to the producer and the commune,
    Điều 8.3.c) or withdraw the request."""
    today = today or local_today()
    certificate = request.certificate
    if approve:
        check_approvable(request, actor, today)
    else:
        check_withdrawable(request, actor)
    rules = revocation.revocation_rules(certificate)
    request.state = RevocationState.APPROVED if approve else RevocationState.WITHDRAWN
    request.decided_by_id, request.decided_at = actor.id, utcnow()
    if not approve:
        audit.record("certificate.revocation_withdrawn", certificate, actor=actor)
        return
    certificate.revoked_on, certificate.revoked_reason = request.effective_on, request.reason
    details = {"revoked_on": request.effective_on.isoformat(), "reason": request.reason}
    if rules is not None:
        request.decision_on = today
        request.decision_number = revocation.next_decision_number(certificate, today)
        request.signer_title, request.signer_name = signer_title, signer_name
        details |= {
            "ground": request.ground_code,
            "decision_number": request.decision_number,
            "decision_on": today.isoformat(),
        }
    audit.record("certificate.revoked", certificate, actor=actor, after=details)
    if rules is None:
        notify(
            producers_of(certificate),
            _l("Giấy chứng nhận OCOP bị thu hồi"),
            _l(
                "Giấy chứng nhận số %(number)s của sản phẩm %(product)s bị thu hồi từ ngày "
                "%(day)s. Lý do: %(reason)s",
                number=certificate.number,
                product=certificate.product_name,
                day=certificate.revoked_on.strftime("%d/%m/%Y"),
                reason=certificate.revoked_reason,
            ),
            absolute_url("results.outcome", dossier_id=certificate.dossier_id),
        )
        return
    notify(
        producers_of(certificate) + revocation.commune_officers_of(certificate),
        _l("Quyết định thu hồi Giấy chứng nhận sản phẩm OCOP"),
        _l(
            "Quyết định số %(decision)s ngày %(decided)s thu hồi Giấy chứng nhận số %(number)s "
            "của sản phẩm %(product)s (%(producer)s) từ ngày %(day)s. Căn cứ: %(ground)s "
            "Quyết định thu hồi tải tại đường dẫn dưới đây.",
            decision=request.decision_number,
            decided=today.strftime("%d/%m/%Y"),
            number=certificate.number,
            product=certificate.product_name,
            producer=certificate.producer_name,
            day=certificate.revoked_on.strftime("%d/%m/%Y"),
            ground=revocation.ground_text(certificate, request.ground_code),
        ),
        absolute_url("certificates.revocation_pdf", certificate_id=certificate.id),
    )


def producers_of(certificate: Certificate) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.organisation_id == certificate.organisation_id))
    )
