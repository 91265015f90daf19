"""The dossier's life from draft to accepted. Every verb checks the state, records an event and
an audit entry, and notifies whom it concerns. Services never commit."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.files import store_upload
from evalapp.common.i18n import format_day, localised
from evalapp.common.refusals import Refusal
from evalapp.common.storage import get_storage
from evalapp.common.time import local_today, utcnow
from evalapp.common.urls import absolute_url
from evalapp.dossiers.models import (
    CommunePreReview,
    Dossier,
    DossierDocument,
    DossierEvent,
    DossierState,
    ItemReview,
    ItemVerdict,
    ReceiptCounter,
    RegistrationType,
)
from evalapp.dossiers.rules import (
    checklist_item,
    checklist_items,
    pre_review_level,
    rulebook_of,
    sheet_of,
)
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.producers.models import Product
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import closed_by, score_sheet
from evalapp.units.models import AdministrativeUnit

EDITABLE = {DossierState.DRAFT, DossierState.NEEDS_SUPPLEMENT}
AT_INTAKE = {DossierState.RECEIVED, DossierState.SUPPLEMENTED}


class DossierError(Refusal):
    """A transition that is not allowed now; the message is for the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def record_event(
    dossier: Dossier,
    action: str,
    actor: User | None,
    *,
    to_state=None,
    message: str = "",
    details: dict | None = None,
) -> None:
    from_state = dossier.state
    if to_state is not None:
        dossier.state = to_state
    dossier.events.append(
        DossierEvent(
            at=utcnow(),
            action=action,
            actor_id=getattr(actor, "id", None),
            from_state=from_state,
            to_state=dossier.state,
            message=message,
            details=details or {},
        )
    )
    audit.record(
        f"dossier.{action}",
        dossier,
        actor=actor,
        before={"state": from_state.value if from_state else None},
        after={"state": dossier.state.value},
    )


def require_state(dossier: Dossier, allowed: Iterable[DossierState]) -> None:
    if dossier.state not in set(allowed):
        raise DossierError(
            _(
                "Hồ sơ đang ở trạng thái “%(state)s”, không thể thực hiện thao tác này.",
                state=dossier.state.label,
            )
        )


def dossier_link(dossier: Dossier) -> str:
    return absolute_url("dossiers.show", dossier_id=dossier.id)


def producer_users(dossier: Dossier) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.organisation_id == dossier.organisation_id))
    )


def staff_of(unit: AdministrativeUnit, role: Role) -> list[User]:
    return [
        user
        for user in db.session.scalars(select(User).where(User.unit_id == unit.id))
        if user.has_role(role)
    ]


# --- the producer's side ------------------------------------------------------------------


def start_dossier(
    product: Product,
    round_: EvaluationRound,
    registration_type: RegistrationType,
    previous_certificate: str,
    actor: User,
    class_code: str | None = None,
) -> Dossier:
    """A draft dossier of `product` in an open round of the producer's area. `class_code` files
    the product under the round's rulebook; it defaults to the product's own class when the
    product was classified under that rulebook."""
    if not round_.accepts_submissions_on(local_today()):
        raise DossierError(_("Đợt đánh giá này không nhận hồ sơ vào lúc này."), field="round")
    if not product.organisation.commune.is_within(round_.unit):
        raise DossierError(_("Đợt đánh giá này không thuộc địa bàn của tổ chức."), field="round")
    if db.session.scalar(
        select(Dossier).where(Dossier.product_id == product.id, Dossier.round_id == round_.id)
    ):
        raise DossierError(_("Sản phẩm này đã có hồ sơ trong đợt đánh giá này."), field="round")
    if class_code is None and product.rulebook_code == round_.rulebook_code:
        class_code = product.subgroup_code
    found = round_rulebook(round_).product_class(class_code or "")
    if found is None:
        raise DossierError(
            _("Vui lòng chọn nhóm sản phẩm theo quyết định áp dụng cho đợt đánh giá."),
            field="product_class",
        )
    group, subgroup = found
    dossier = Dossier(
        group_code=group.code,
        class_code=class_code,
        state=DossierState.DRAFT,
        product=product,
        organisation=product.organisation,
        round=round_,
        registration_type=registration_type,
        sheet_code=subgroup.sheet if subgroup else None,
    )
    link_previous_certificate(dossier, registration_type, previous_certificate)
    db.session.add(dossier)
    record_event(dossier, "created", actor)
    return dossier


def round_rulebook(round_: EvaluationRound):
    from evalapp.rules import load_rulebook

    return load_rulebook(round_.rulebook_code)


def check_previous_certificate(registration_type: RegistrationType, previous: str) -> None:
    if registration_type is not RegistrationType.FIRST_TIME and not previous.strip():
        raise DossierError(
            _("Đăng ký nâng hạng hoặc đánh giá lại cần ghi số giấy chứng nhận trước đó."),
            field="previous_certificate",
        )


def link_previous_certificate(
    dossier: Dossier, registration_type: RegistrationType, previous: str
) -> None:
    """Keep the number of the certificate an upgrade or re-evaluation builds on, and link the
    certificate record when the number is in the register: it must then be the organisation's
    own (its certificate is superseded when the new one is issued). A number not in the register
    (a paper certificate from before this system) is kept as text only."""
    from evalapp.registry.queries import certificate_by_number

    check_previous_certificate(registration_type, previous)
    certificate = None
    if registration_type is not RegistrationType.FIRST_TIME and previous.strip():
        certificate = certificate_by_number(previous)
    if certificate is not None and certificate.organisation_id != dossier.organisation.id:
        raise DossierError(
            _(
                "Giấy chứng nhận số %(number)s được cấp cho một chủ thể khác, không thể dùng "
                "cho hồ sơ này. Vui lòng kiểm tra lại số giấy chứng nhận.",
                number=certificate.number,
            ),
            field="previous_certificate",
        )
    dossier.previous_certificate = certificate.number if certificate else previous.strip()
    dossier.previous_certificate_id = certificate.id if certificate else None


def update_details(
    dossier: Dossier, registration_type: RegistrationType, previous: str, actor: User
) -> None:
    require_state(dossier, {DossierState.DRAFT})
    link_previous_certificate(dossier, registration_type, previous)
    dossier.registration_type = registration_type
    audit.record(
        "dossier.details_updated",
        dossier,
        actor=actor,
        after={
            "registration_type": registration_type.value,
            "previous_certificate": dossier.previous_certificate,
            "previous_certificate_id": dossier.previous_certificate_id,
        },
    )


def save_self_assessment(dossier: Dossier, choices: dict[str, str], actor: User):
    """Keep the producer's self-assessment (even when incomplete) and return its score. It is
    part of the submission: once submitted, only the items sent back can change."""
    require_state(dossier, {DossierState.DRAFT})
    sheet = sheet_of(dossier)
    if sheet is None:
        raise DossierError(_("Nhóm sản phẩm này chưa có phiếu đánh giá; không thể tự đánh giá."))
    score = score_sheet(sheet, {code: level for code, level in choices.items() if level})
    if score.errors:
        raise DossierError(_("Mức đã chọn không có trong phiếu đánh giá."))
    dossier.self_assessment = {code: level for code, level in choices.items() if level}
    audit.record(
        "dossier.self_assessment_saved", dossier, actor=actor, after={"total": str(score.total)}
    )
    return score


def items_open_for_upload(dossier: Dossier) -> set[str]:
    """Draft: every item. Supplement requested: only the items the secretariat sent back."""
    if dossier.state is DossierState.DRAFT:
        return {item.code for item in checklist_items(dossier)}
    if dossier.state is DossierState.NEEDS_SUPPLEMENT:
        return {
            review.item_code
            for review in dossier.item_reviews
            if review.verdict is ItemVerdict.NEEDS_CORRECTION
        }
    return set()


def attach_document(
    dossier: Dossier, item_code: str, upload, actor: User, replaces: DossierDocument | None = None
) -> DossierDocument:
    """Store a checked upload (see `common.uploads.check_upload`) for one checklist item."""
    if item_code not in items_open_for_upload(dossier):
        raise DossierError(
            _("Không thể tải tệp lên mục này ở trạng thái hiện tại."), field=item_code
        )
    record = store_upload(upload, actor)
    document = DossierDocument(item_code=item_code, file=record, uploaded_at=utcnow())
    dossier.documents.append(document)
    if replaces is not None:
        remove_document(dossier, replaces, actor)
    audit.record(
        "dossier.document_added",
        dossier,
        actor=actor,
        after={"item": item_code, "file": record.original_name, "sha256": record.sha256},
    )
    return document


def remove_document(dossier: Dossier, document: DossierDocument, actor: User) -> None:
    """A draft's file is deleted; after submission it is only marked replaced and kept."""
    if document.dossier_id != dossier.id or not document.is_current:
        raise DossierError(_("Tệp này không còn trong hồ sơ."))
    if document.item_code not in items_open_for_upload(dossier):
        raise DossierError(_("Không thể thay đổi tệp của mục này ở trạng thái hiện tại."))
    audit.record(
        "dossier.document_removed",
        dossier,
        actor=actor,
        before={"item": document.item_code, "file": document.file.original_name},
    )
    if dossier.state is DossierState.DRAFT and dossier.submitted_at is None:
        key = document.file.storage_key
        dossier.documents.remove(document)
        db.session.delete(document.file)
        db.session.flush()
        get_storage().delete(key)
    else:
        document.replaced_at = utcnow()


def sign_declaration(dossier: Dossier, signer_name: str, actor: User) -> None:
    require_state(dossier, EDITABLE)
    if not signer_name.strip():
        raise DossierError(_("Vui lòng ghi họ tên người cam đoan."), field="declaration_name")
    dossier.declaration_name, dossier.declared_at = signer_name.strip(), utcnow()


def missing_for_submission(dossier: Dossier, actor: User) -> list[str]:
    """Everything that stops this dossier from being submitted, in words for the producer."""
    missing = []
    if actor.email_verified_at is None:
        missing.append(_("Email của tài khoản chưa được xác nhận."))
    for item in checklist_items(dossier):
        if item.required and not dossier.current_documents(item.code):
            missing.append(_("Thiếu tài liệu bắt buộc: %(name)s.", name=localised(item.name)))
    sheet = sheet_of(dossier)
    if sheet is not None:
        score = score_sheet(sheet, dossier.self_assessment or {})
        if not score.is_complete:
            missing.append(
                _("Phiếu tự đánh giá còn %(n)d tiêu chí chưa chọn mức.", n=len(score.missing))
            )
    if dossier.declared_at is None:
        missing.append(_("Chưa ký cam đoan về tính trung thực của hồ sơ."))
    if not dossier.round.accepts_submissions_on(local_today()):
        missing.append(_("Đợt đánh giá đã hết hạn nhận hồ sơ."))
    missing += replaced_rulebook(rulebook_of(dossier), local_today())
    return missing


def replaced_rulebook(rulebook, today) -> list[str]:
    """A round under a replaced rulebook finishes what was filed before; it takes no new
    dossier (26/2026 Điều 11–12: from 22/5/2026 new dossiers are evaluated under 26/2026)."""
    in_force = closed_by(rulebook, today)
    if in_force is None:
        return []
    return [
        _(
            "Từ ngày %(day)s, hồ sơ nộp mới được đánh giá theo %(new)s; đợt đánh giá này áp "
            "dụng %(old)s nên không nhận hồ sơ mới (Điều 11–12 Quyết định %(new)s).",
            day=format_day(in_force.applies_from),
            new=in_force.reference,
            old=rulebook.reference,
        )
    ]


def submit_dossier(dossier: Dossier, actor: User) -> None:
    require_state(dossier, {DossierState.DRAFT})
    missing = missing_for_submission(dossier, actor)
    if missing:
        raise DossierError(" ".join(missing))
    rulebook = rulebook_of(dossier)
    first_desk = dossier.organisation.commune if pre_review_level(rulebook) else dossier.round.unit
    dossier.current_unit = first_desk
    dossier.submitted_at = utcnow()
    dossier.receipt_code = next_receipt_code(first_desk, local_today())
    record_event(
        dossier,
        "submitted",
        actor,
        to_state=DossierState.SUBMITTED,
        details={"receipt_code": dossier.receipt_code},
    )
    desk_role = Role.COMMUNE_OFFICER if pre_review_level(rulebook) else Role.SECRETARY
    notify(
        staff_of(first_desk, desk_role),
        _l("Hồ sơ OCOP mới chờ tiếp nhận"),
        _l("Có hồ sơ mới nộp chờ tiếp nhận."),
        dossier_link(dossier),
    )
    notify(
        producer_users(dossier),
        _l("Đã nộp hồ sơ OCOP"),
        _l("Hồ sơ của bạn đã được nộp và đang chờ tiếp nhận."),
        dossier_link(dossier),
    )


def next_receipt_code(unit: AdministrativeUnit, day: date) -> str:
    """`<unit code>-YYMMDD-NNNN`, the sequence counted per unit and day."""
    counter = db.session.get(ReceiptCounter, (unit.id, day), with_for_update=True)
    if counter is None:
        counter = ReceiptCounter(unit_id=unit.id, day=day, last=0)
        db.session.add(counter)
    counter.last += 1
    return f"{unit.code}-{day:%y%m%d}-{counter.last:04d}"


def resubmit_dossier(dossier: Dossier, actor: User, message: str = "") -> None:
    """After a supplement request: every item sent back must have a new file."""
    require_state(dossier, {DossierState.NEEDS_SUPPLEMENT})
    requested_at = last_event_at(dossier, "supplement_requested")
    stale = [
        review.item_code
        for review in dossier.item_reviews
        if review.verdict is ItemVerdict.NEEDS_CORRECTION
        and not any(
            doc.uploaded_at >= requested_at for doc in dossier.current_documents(review.item_code)
        )
    ]
    if stale:
        names = ", ".join(item_name(dossier, code) for code in stale)
        raise DossierError(_("Chưa bổ sung tài liệu cho: %(items)s.", items=names))
    record_event(
        dossier, "resubmitted", actor, to_state=DossierState.SUPPLEMENTED, message=message.strip()
    )
    notify(
        staff_of(dossier.current_unit, Role.SECRETARY),
        _l("Hồ sơ OCOP đã được bổ sung"),
        _l("Chủ thể đã bổ sung hồ sơ theo yêu cầu."),
        dossier_link(dossier),
    )


def last_event_at(dossier: Dossier, action: str) -> datetime:
    return max(event.at for event in dossier.events if event.action == action)


def item_name(dossier: Dossier, code: str) -> str:
    item = checklist_item(dossier, code)
    return localised(item.name) if item else code


# --- the commune's side (1489/2025) ---------------------------------------------------------


def forward_dossier(dossier: Dossier, findings: dict[str, dict], note: str, actor: User) -> None:
    """The commune records its pre-review of the local criteria and sends the dossier on."""
    require_state(dossier, {DossierState.SUBMITTED})
    level = pre_review_level(rulebook_of(dossier))
    if level is None or dossier.current_unit_id != dossier.organisation.commune_id:
        raise DossierError(_("Hồ sơ này không qua bước xem xét của cấp xã."))
    expected = {item.code for item in level.pre_review}
    if set(findings) != expected:
        raise DossierError(_("Vui lòng đánh giá đủ các tiêu chí của cấp xã."))
    dossier.pre_review = CommunePreReview(findings=findings, note=note.strip(), officer_id=actor.id)
    dossier.current_unit = dossier.round.unit
    record_event(dossier, "forwarded", actor, to_state=DossierState.FORWARDED, message=note.strip())
    notify(
        staff_of(dossier.round.unit, Role.SECRETARY),
        _l("Hồ sơ OCOP được cấp xã chuyển lên"),
        _l("Có hồ sơ do UBND cấp xã chuyển lên chờ tiếp nhận."),
        dossier_link(dossier),
    )
    notify(
        producer_users(dossier),
        _l("Hồ sơ OCOP đã được chuyển lên cấp tỉnh"),
        _l("UBND cấp xã đã xem xét và chuyển hồ sơ của bạn lên cấp trên."),
        dossier_link(dossier),
    )


# --- the secretariat's side ---------------------------------------------------------------------


def receive_dossier(dossier: Dossier, actor: User) -> None:
    allowed = {DossierState.FORWARDED}
    if pre_review_level(rulebook_of(dossier)) is None:
        allowed.add(DossierState.SUBMITTED)
    require_state(dossier, allowed)
    record_event(dossier, "received", actor, to_state=DossierState.RECEIVED)
    notify(
        producer_users(dossier),
        _l("Hồ sơ OCOP đã được tiếp nhận"),
        _l("Cơ quan thường trực đã tiếp nhận hồ sơ và đang kiểm tra."),
        dossier_link(dossier),
    )


def review_item(
    dossier: Dossier, item_code: str, verdict: ItemVerdict, reason: str, actor: User
) -> None:
    require_state(dossier, AT_INTAKE)
    if checklist_item(dossier, item_code) is None:
        raise DossierError(_("Mục tài liệu không có trong danh mục hồ sơ."))
    if verdict is ItemVerdict.NEEDS_CORRECTION and not reason.strip():
        raise DossierError(_("Vui lòng ghi rõ lý do cần bổ sung, sửa đổi."), field=item_code)
    review = dossier.review_of(item_code)
    if review is None:
        review = ItemReview(item_code=item_code)
        dossier.item_reviews.append(review)
    review.verdict, review.reason = verdict, reason.strip()
    review.reviewed_by_id, review.reviewed_at = actor.id, utcnow()
    audit.record(
        "dossier.item_reviewed",
        dossier,
        actor=actor,
        after={"item": item_code, "verdict": verdict.value, "reason": reason.strip()},
    )


def items_needing_correction(dossier: Dossier) -> dict[str, str]:
    return {
        review.item_code: review.reason
        for review in dossier.item_reviews
        if review.verdict is ItemVerdict.NEEDS_CORRECTION
    }


def request_supplement(dossier: Dossier, message: str, actor: User) -> None:
    require_state(dossier, AT_INTAKE)
    items = items_needing_correction(dossier)
    if not items:
        raise DossierError(_("Hãy đánh dấu ít nhất một mục tài liệu cần bổ sung và ghi lý do."))
    record_event(
        dossier,
        "supplement_requested",
        actor,
        to_state=DossierState.NEEDS_SUPPLEMENT,
        message=message.strip(),
        details={"items": items},
    )
    notify(
        producer_users(dossier),
        _l("Yêu cầu bổ sung hồ sơ OCOP"),
        _l("Cơ quan thường trực yêu cầu bổ sung một số tài liệu. Xem chi tiết trong hồ sơ."),
        dossier_link(dossier),
    )


def refuse_dossier(dossier: Dossier, reason: str, actor: User) -> None:
    require_state(dossier, {DossierState.SUBMITTED, DossierState.FORWARDED, *AT_INTAKE})
    if not reason.strip():
        raise DossierError(_("Vui lòng ghi lý do từ chối hồ sơ."), field="reason")
    record_event(dossier, "refused", actor, to_state=DossierState.REFUSED, message=reason.strip())
    notify(
        producer_users(dossier),
        _l("Hồ sơ OCOP bị từ chối"),
        _l("Hồ sơ của bạn không được tiếp nhận. Xem lý do trong hồ sơ."),
        dossier_link(dossier),
    )


def accept_dossier(dossier: Dossier, actor: User) -> None:
    """Every required item checked and accepted, none waiting for correction."""
    require_state(dossier, AT_INTAKE)
    if items_needing_correction(dossier):
        raise DossierError(
            _("Còn mục tài liệu cần bổ sung: hãy yêu cầu bổ sung hoặc chấp nhận lại.")
        )
    unchecked = [
        localised(item.name)
        for item in checklist_items(dossier)
        if item.required and not is_accepted(dossier, item.code)
    ]
    if unchecked:
        raise DossierError(_("Chưa chấp nhận các mục: %(items)s.", items=", ".join(unchecked)))
    record_event(dossier, "accepted", actor, to_state=DossierState.ACCEPTED)
    notify(
        producer_users(dossier),
        _l("Hồ sơ OCOP đủ điều kiện đánh giá"),
        _l("Hồ sơ của bạn đã được chấp nhận và chờ Hội đồng chấm điểm."),
        dossier_link(dossier),
    )


def is_accepted(dossier: Dossier, item_code: str) -> bool:
    review = dossier.review_of(item_code)
    return review is not None and review.verdict is ItemVerdict.ACCEPTED
