"""Checking a filed dossier: the commune's pre-review (1489/2025; 26/2026 Điều 7.2), then the secretariat's
receipt, item by item check, supplement request, refusal or acceptance."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.hooks import Hook
from evalapp.common.i18n import format_day, localised
from evalapp.common.time import local_today, utcnow
from evalapp.dossiers.commune import MAU_03, commune_deadline, late_for
from evalapp.dossiers.models import (
    CommunePreReview,
    Dossier,
    DossierState,
    ItemReview,
    ItemVerdict,
)
from evalapp.dossiers.numbering import codes_of, number_at_province
from evalapp.dossiers.rules import (
    checklist_item,
    checklist_items,
    missing_sheet,
    pre_review_level,
    rulebook_of,
)
from evalapp.dossiers.transitions import (
    AT_INTAKE,
    DossierError,
    dossier_link,
    producer_users,
    record_event,
    require_state,
    staff_of,
)
from evalapp.notifications.services import notify
from evalapp.rules import EvaluationLevel

#: (dossier) → why the dossier cannot go to the province for want of the product samples it must
#: be sent with (26/2026 Điều 6.2.d, 7.2.b), or None. Answered by `samples.rules`, which owns
#: the count.
samples_missing = Hook("dossiers.samples_missing")


def require_samples(dossier: Dossier) -> None:
    message = samples_missing(dossier)
    if message:
        raise DossierError(message)


# --- the commune's side (1489/2025; 26/2026 Điều 7.2) -----------------------------------------


def forward_dossier(
    dossier: Dossier,
    findings: dict[str, dict],
    note: str,
    actor: User,
    late_reason: str = "",
) -> None:
    """The commune records its pre-review of the local contents and sends the dossier on.

    Under 26/2026 (Mẫu số 03) every content needs a written assessment, and a forwarding after
    the commune's 15 working days (Điều 7.2) needs the reason for the delay, which is kept with
    the pre-review and in the timeline."""
    require_state(dossier, {DossierState.SUBMITTED})
    level = pre_review_level(rulebook_of(dossier))
    if level is None or dossier.current_unit_id != dossier.organisation.commune_id:
        raise DossierError(_("Hồ sơ này không qua bước xem xét của cấp xã."))
    if level.pre_review_report == MAU_03:
        findings = written_assessments(level, findings)
    elif set(findings) != {item.code for item in level.pre_review}:
        raise DossierError(_("Vui lòng đánh giá đủ các tiêu chí của cấp xã."))
    require_samples(dossier)
    deadline = late_for(dossier, local_today())
    late_reason = late_reason.strip() if deadline else ""
    if deadline and not late_reason:
        raise DossierError(
            _(
                "Đã quá thời hạn %(n)d ngày làm việc kể từ ngày tiếp nhận hồ sơ (hạn cuối ngày "
                "%(day)s, Điều 7.2 Quyết định 26/2026/QĐ-TTg): vui lòng ghi lý do chậm chuyển "
                "hồ sơ.",
                n=level.pre_review_working_days,
                day=format_day(deadline),
            ),
            field="late_reason",
        )
    dossier.pre_review = CommunePreReview(
        findings=findings,
        note=note.strip(),
        officer_id=actor.id,
        deadline_on=commune_deadline(dossier),
        late_reason=late_reason,
    )
    dossier.current_unit = dossier.round.unit
    record_event(
        dossier,
        "forwarded",
        actor,
        to_state=DossierState.FORWARDED,
        message=note.strip(),
        details={"late_reason": late_reason} if late_reason else None,
    )
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


def written_assessments(level: EvaluationLevel, findings: dict[str, dict]) -> dict[str, dict]:
    """The commune's assessment of each content of Mẫu số 03 Phần II, none left empty."""
    for item in level.pre_review:
        if not findings.get(item.code, {}).get("note", "").strip():
            raise DossierError(
                _("Vui lòng ghi đánh giá về nội dung: %(content)s.", content=localised(item.name)),
                field=f"note-{item.code}",
            )
    return {item.code: {"note": findings[item.code]["note"].strip()} for item in level.pre_review}


# --- the secretariat's side ---------------------------------------------------------------------


def receive_dossier(dossier: Dossier, actor: User) -> None:
    allowed = {DossierState.FORWARDED}
    if pre_review_level(rulebook_of(dossier)) is None:
        allowed.add(DossierState.SUBMITTED)
    require_state(dossier, allowed)
    number_at_province(dossier, dossier.round.unit, local_today())
    record_event(
        dossier, "received", actor, to_state=DossierState.RECEIVED, details=codes_of(dossier)
    )
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


def pass_unchecked_items(dossier: Dossier, actor: User) -> tuple[int, list[str]]:
    """ "All remaining items pass": every item not yet checked is accepted, except a required
    item with no file, which cannot pass unseen. How many passed, and the names left."""
    require_state(dossier, AT_INTAKE)
    passed, left = 0, []
    for item in checklist_items(dossier):
        if dossier.review_of(item.code) is not None:
            continue
        if item.required and not dossier.current_documents(item.code):
            left.append(localised(item.name))
            continue
        review_item(dossier, item.code, ItemVerdict.ACCEPTED, "", actor)
        passed += 1
    return passed, left


def items_needing_correction(dossier: Dossier) -> dict[str, str]:
    return {
        review.item_code: review.reason
        for review in dossier.item_reviews
        if review.verdict is ItemVerdict.NEEDS_CORRECTION
    }


def request_supplement(
    dossier: Dossier, message: str, actor: User, due_on: date | None = None
) -> None:
    """Send the dossier back for the items marked as needing correction, with their reasons.

    Decision 26/2026/QĐ-TTg sets no deadline for a supplement; `due_on` is the secretariat's own,
    optional day (today at the earliest, not after the round's last scoring day), told to the
    producer and shown on the home queue. It is information only: a supplement sent after it is
    still accepted (`submission.resubmit_dossier`)."""
    require_state(dossier, AT_INTAKE)
    items = items_needing_correction(dossier)
    if not items:
        raise DossierError(_("Hãy đánh dấu ít nhất một mục tài liệu cần bổ sung và ghi lý do."))
    check_supplement_due(dossier, due_on, local_today())
    dossier.supplement_due_on = due_on
    record_event(
        dossier,
        "supplement_requested",
        actor,
        to_state=DossierState.NEEDS_SUPPLEMENT,
        message=message.strip(),
        details={"items": items, **({"due_on": due_on.isoformat()} if due_on else {})},
    )
    listed = "\n".join(
        f"- {localised(checklist_item(dossier, code).name)}: {reason}"
        for code, reason in items.items()
    )
    notify(
        producer_users(dossier),
        _l("Yêu cầu bổ sung hồ sơ OCOP %(receipt)s", receipt=dossier.receipt_code),
        _l(
            "Cơ quan thường trực yêu cầu bổ sung hồ sơ sản phẩm %(product)s (mã %(receipt)s), "
            "các mục sau:\n%(items)s\n\n%(deadline)s%(message)s",
            product=dossier.product.name,
            receipt=dossier.receipt_code,
            items=listed,
            deadline=supplement_due_line(due_on),
            message=f"\n\n{message.strip()}" if message.strip() else "",
        ),
        dossier_link(dossier),
    )


def check_supplement_due(dossier: Dossier, due_on: date | None, today: date) -> None:
    if due_on is None:
        return
    if due_on < today:
        raise DossierError(
            _("Hạn nộp bổ sung không được trước hôm nay (%(today)s).", today=format_day(today)),
            field="due_on",
        )
    last = dossier.round.scoring_ends_on
    if last is not None and due_on > last:
        raise DossierError(
            _(
                "Hạn nộp bổ sung không được sau ngày kết thúc chấm điểm của đợt đánh giá "
                "(%(day)s).",
                day=format_day(last),
            ),
            field="due_on",
        )


def supplement_due_line(due_on: date | None):
    """The deadline's sentence of the request, the same in the e-mail and on the pages."""
    if due_on is None:
        return _l(
            "Cơ quan thường trực không đặt hạn nộp bổ sung (Quyết định 26/2026/QĐ-TTg không quy "
            "định thời hạn)."
        )
    return _l(
        "Hạn nộp bổ sung: %(day)s — do cơ quan thường trực đặt; Quyết định 26/2026/QĐ-TTg không "
        "quy định thời hạn.",
        day=format_day(due_on),
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
    if missing := missing_sheet(dossier):
        raise DossierError(
            missing
            + " "
            + _(
                "Chưa thể chấp nhận hồ sơ; hãy đề nghị quản trị viên bổ sung phiếu đánh giá của "
                "nhóm này."
            )
        )
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
