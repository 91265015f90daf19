"""Deciding a tax-code dispute (Khiếu nại quyền sử dụng mã số thuế, issue 13, item 9).

Upheld: the holder loses the tax code and is suspended (it can no longer submit; its dossiers
already filed stay, for the staff to handle), and the claimant's organisation takes the code,
verified. The unique tax code passes from one row to the other inside one transaction: the
holder's is cleared and flushed before the claimant's is set. Rejected: the claimant's
organisation stays without a tax code, refused with the reason. Both parties are told.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.producers.models import (
    DisputeState,
    OrganisationState,
    RegistrationCertificate,
    TaxCodeDispute,
)
from evalapp.producers.services import ProducerError
from evalapp.producers.verification import producers_of


def decide(dispute: TaxCodeDispute, state: DisputeState, reason: str, actor: User) -> str:
    if dispute.state is not DisputeState.OPEN:
        raise ProducerError(_("Khiếu nại này đã được xử lý."))
    reason = reason.strip()
    if not reason:
        raise ProducerError(_("Vui lòng nêu lý do của quyết định."), field="reason")
    dispute.state, dispute.reason = state, reason
    dispute.decided_at, dispute.decided_by_id = utcnow(), actor.id
    return reason


def uphold_dispute(dispute: TaxCodeDispute, reason: str, *, actor: User) -> None:
    holder, claimant = dispute.holder, dispute.claimant
    if holder.tax_code != dispute.tax_code:
        raise ProducerError(
            _("Tổ chức bị khiếu nại không còn giữ mã số thuế này: hãy bác khiếu nại này.")
        )
    reason = decide(dispute, DisputeState.UPHELD, reason, actor)
    holder.tax_code, holder.state = None, OrganisationState.SUSPENDED
    holder.verification_note = reason
    db.session.flush()  # the tax code is free before the claimant takes it
    claimant.tax_code, claimant.state = dispute.tax_code, OrganisationState.VERIFIED
    claimant.verified_at, claimant.verification_note = utcnow(), ""
    certificate = RegistrationCertificate(tax_code=dispute.tax_code, file=dispute.document)
    claimant.certificates.append(certificate)
    db.session.flush()
    audit.record("tax_code.dispute_upheld", dispute, actor=actor, note=reason)
    audit.record(
        "organisation.suspended", holder, actor=actor, before={"tax_code": dispute.tax_code}
    )
    audit.record(
        "organisation.verified", claimant, actor=actor, after={"tax_code": dispute.tax_code}
    )
    notify(
        producers_of(claimant),
        _l("Khiếu nại về mã số thuế được chấp nhận"),
        _l(
            "Khiếu nại của bạn về mã số thuế %(code)s đã được chấp nhận: chủ thể đã được xác "
            "minh với mã số thuế này. Bạn có thể nộp hồ sơ OCOP.",
            code=dispute.tax_code,
        ),
        absolute_url("producers.organisation"),
    )
    notify(
        producers_of(holder),
        _l("Chủ thể bị đình chỉ do khiếu nại về mã số thuế"),
        _l(
            "Mã số thuế %(code)s đã được xác định thuộc về tổ chức khác (lý do: %(reason)s). "
            "Chủ thể bị đình chỉ và không thể nộp hồ sơ mới; các hồ sơ đã nộp không bị xóa. "
            "Nếu có nhầm lẫn, hãy liên hệ UBND xã/phường hoặc cơ quan thường trực OCOP tỉnh.",
            code=dispute.tax_code,
            reason=reason,
        ),
        absolute_url("producers.organisation"),
    )


def reject_dispute(dispute: TaxCodeDispute, reason: str, *, actor: User) -> None:
    claimant = dispute.claimant
    reason = decide(dispute, DisputeState.REJECTED, reason, actor)
    claimant.state, claimant.verification_note = OrganisationState.REFUSED, reason
    audit.record("tax_code.dispute_rejected", dispute, actor=actor, note=reason)
    notify(
        producers_of(claimant),
        _l("Khiếu nại về mã số thuế bị bác"),
        _l(
            "Khiếu nại của bạn về mã số thuế %(code)s đã bị bác. Lý do: %(reason)s.",
            code=dispute.tax_code,
            reason=reason,
        ),
        absolute_url("producers.organisation"),
    )
    notify(
        producers_of(dispute.holder),
        _l("Khiếu nại về mã số thuế của chủ thể đã bị bác"),
        _l(
            "Một khiếu nại về quyền sử dụng mã số thuế %(code)s của chủ thể đã được xem xét và "
            "bị bác; chủ thể giữ mã số thuế này.",
            code=dispute.tax_code,
        ),
        absolute_url("producers.organisation"),
    )
