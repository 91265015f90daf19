"""Verifying an organisation's hold on its tax code (issue 13, item 9).

A self-registered organisation is pending until the staff of its area have seen its
registration certificate (giấy chứng nhận đăng ký doanh nghiệp / hợp tác xã / hộ kinh doanh)
and found that it is the organisation's. Who verifies: the commune officers of the
organisation's commune and the provincial secretariat above it — the desks that receive its
dossiers (26/2026 Điều 6.2, 7.1–7.3) and already see its profile (`permissions`).
Only a verified organisation submits dossiers; a pending one may prepare them.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.files import store_upload
from evalapp.common.time import utcnow
from evalapp.common.uploads import CheckedUpload, UploadRejected, check_upload
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.producers.models import Organisation, OrganisationState, RegistrationCertificate
from evalapp.producers.permissions import can_verify_organisation
from evalapp.producers.queries import descendant_ids
from evalapp.producers.services import ProducerError

DOCUMENT_FORMATS = ("pdf", "jpg", "png")
DOCUMENT_MAX_MB = 10


def checked_document(upload, field: str = "registration_document") -> CheckedUpload | None:
    """The registration certificate checked by `common.uploads`, or None when none was chosen."""
    if upload is None or not getattr(upload, "filename", None):
        return None
    try:
        return check_upload(upload, DOCUMENT_FORMATS, DOCUMENT_MAX_MB)
    except UploadRejected as error:
        raise ProducerError(error.message, field=field) from None


def producers_of(organisation: Organisation) -> list[User]:
    return list(db.session.scalars(select(User).where(User.organisation_id == organisation.id)))


def verifiers_of(organisation: Organisation) -> list[User]:
    """The staff who may verify the organisation (commune officers, provincial secretariat)."""
    unit_ids = [unit.id for unit in organisation.commune.lineage()]
    staff = db.session.scalars(select(User).where(User.unit_id.in_(unit_ids)))
    return [user for user in staff if can_verify_organisation(user, organisation)]


def submit_registration_document(
    organisation: Organisation, upload: CheckedUpload, *, actor: User
) -> None:
    """Store the certificate and put the organisation in the staff's queue (again, after a
    refusal)."""
    if organisation.state not in {OrganisationState.PENDING, OrganisationState.REFUSED}:
        raise ProducerError(
            _("Chủ thể không ở trạng thái chờ xác minh nên không cần tải giấy chứng nhận."),
            field="registration_document",
        )
    if organisation.tax_code is None:
        raise ProducerError(
            _("Hãy cập nhật mã số thuế của chủ thể trước khi tải giấy chứng nhận đăng ký."),
            field="registration_document",
        )
    certificate = RegistrationCertificate(
        organisation=organisation, tax_code=organisation.tax_code, file=store_upload(upload, actor)
    )
    db.session.add(certificate)
    organisation.state, organisation.verification_note = OrganisationState.PENDING, ""
    db.session.flush()
    audit.record(
        "organisation.document_submitted",
        organisation,
        actor=actor,
        after={"name": upload.original_name, "sha256": upload.sha256},
    )
    notify(
        verifiers_of(organisation),
        _l("Tổ chức chờ xác minh"),
        _l("Một chủ thể OCOP đã gửi giấy chứng nhận đăng ký và chờ xác minh mã số thuế."),
        absolute_url("producers.review_organisation", organisation_id=organisation.id),
    )


def require_pending_with_document(organisation: Organisation) -> None:
    if organisation.state is not OrganisationState.PENDING:
        raise ProducerError(_("Chủ thể này không chờ xác minh."))
    if organisation.registration_document is None:
        raise ProducerError(_("Chủ thể chưa tải lên giấy chứng nhận đăng ký."))


def verify_organisation(organisation: Organisation, *, actor: User) -> None:
    require_pending_with_document(organisation)
    organisation.state, organisation.verified_at = OrganisationState.VERIFIED, utcnow()
    organisation.verification_note = ""
    audit.record(
        "organisation.verified",
        organisation,
        actor=actor,
        after={"tax_code": organisation.tax_code},
    )
    notify(
        producers_of(organisation),
        _l("Chủ thể đã được xác minh"),
        _l("Cán bộ đã xác minh giấy chứng nhận đăng ký của chủ thể. Bạn có thể nộp hồ sơ OCOP."),
        absolute_url("producers.organisation"),
    )


def refuse_verification(organisation: Organisation, reason: str, *, actor: User) -> None:
    """The document does not show the organisation holds the tax code; the producer may upload
    another."""
    require_pending_with_document(organisation)
    reason = reason.strip()
    if not reason:
        raise ProducerError(_("Vui lòng nêu lý do từ chối."), field="reason")
    organisation.state, organisation.verification_note = OrganisationState.REFUSED, reason
    audit.record("organisation.verification_refused", organisation, actor=actor, note=reason)
    notify(
        producers_of(organisation),
        _l("Giấy chứng nhận đăng ký chưa được chấp nhận"),
        _l(
            "Cán bộ chưa xác minh được chủ thể. Lý do: %(reason)s. Bạn có thể tải lên lại giấy "
            "chứng nhận đăng ký trên trang thông tin chủ thể.",
            reason=reason,
        ),
        absolute_url("producers.organisation"),
    )


def submission_problem(organisation: Organisation) -> str | None:
    """Why the organisation cannot submit a dossier yet, and what to do; None once verified."""
    state = organisation.state
    if state is OrganisationState.VERIFIED:
        return None
    if state is OrganisationState.SUSPENDED:
        return _(
            "Chủ thể đã bị đình chỉ vì mã số thuế đã được xác định thuộc về tổ chức khác: "
            "không thể nộp hồ sơ."
        )
    if state is OrganisationState.CLAIMING:
        return _(
            "Khiếu nại quyền sử dụng mã số thuế của chủ thể đang chờ xử lý: bạn chỉ nộp được hồ "
            "sơ khi khiếu nại được chấp nhận."
        )
    if state is OrganisationState.REFUSED:
        return _(
            "Giấy chứng nhận đăng ký của chủ thể chưa được chấp nhận (lý do: %(reason)s). Hãy "
            "tải lên lại trên trang thông tin chủ thể; bạn nộp được hồ sơ khi chủ thể được xác "
            "minh.",
            reason=organisation.verification_note,
        )
    if organisation.registration_document is None:
        return _(
            "Chủ thể chưa được xác minh: hãy tải lên giấy chứng nhận đăng ký (doanh nghiệp, hợp "
            "tác xã hoặc hộ kinh doanh) trên trang thông tin chủ thể. Bạn nộp được hồ sơ sau khi "
            "cán bộ xã/phường hoặc cơ quan thường trực OCOP tỉnh xác minh."
        )
    return _(
        "Chủ thể đang chờ cán bộ xác minh giấy chứng nhận đăng ký: bạn có thể chuẩn bị hồ sơ "
        "và nộp sau khi chủ thể được xác minh."
    )


def organisations_awaiting_verification(unit) -> list[Organisation]:
    """Pending organisations whose commune lies within `unit`, those with a document first."""
    unit_ids = [unit.id, *descendant_ids(unit)]
    rows = db.session.scalars(
        select(Organisation)
        .where(
            Organisation.commune_id.in_(unit_ids),
            Organisation.state == OrganisationState.PENDING,
        )
        .options(selectinload(Organisation.certificates), selectinload(Organisation.commune))
        .order_by(Organisation.created_at)
    ).all()
    return sorted(rows, key=lambda row: row.registration_document is None)
