"""Sending the dossier in: what is still missing, the receipt code, and the resubmission after a
supplement request."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from evalapp.auth.models import Role, User
from evalapp.common.i18n import format_day, localised
from evalapp.common.time import local_today, utcnow
from evalapp.dossiers.models import (
    Dossier,
    DossierState,
    ItemVerdict,
    ReceiptCounter,
)
from evalapp.dossiers.numbering import codes_of, number_at_commune
from evalapp.dossiers.re_evaluation import window_problem
from evalapp.dossiers.registration import forms_missing
from evalapp.dossiers.rules import (
    checklist_item,
    checklist_items,
    pre_review_level,
    rulebook_of,
    sheet_of,
)
from evalapp.dossiers.transitions import (
    DossierError,
    dossier_link,
    producer_users,
    record_event,
    require_state,
    staff_of,
)
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.producers.verification import submission_problem
from evalapp.rules import closed_by, score_sheet
from evalapp.units.models import AdministrativeUnit


def missing_for_submission(dossier: Dossier, actor: User) -> list[str]:
    """Everything that stops this dossier from being submitted, in words for the producer."""
    missing = []
    unverified = submission_problem(dossier.organisation)
    if unverified is not None:
        missing.append(unverified)
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
    missing += forms_missing(dossier)
    if dossier.declared_at is None:
        missing.append(_("Chưa ký cam đoan về tính trung thực của hồ sơ."))
    if not dossier.round.accepts_submissions_on(local_today()):
        missing.append(_("Đợt đánh giá đã hết hạn nhận hồ sơ."))
    missing += replaced_rulebook(rulebook_of(dossier), local_today())
    problem = window_problem(
        dossier.registration_type,
        dossier.previous_certificate_record,
        rulebook_of(dossier),
        local_today(),
    )
    if problem is not None:
        missing.insert(0, problem)
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
    if pre_review_level(rulebook):
        number_at_commune(dossier, local_today())
    record_event(
        dossier,
        "submitted",
        actor,
        to_state=DossierState.SUBMITTED,
        details={"receipt_code": dossier.receipt_code, **codes_of(dossier)},
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
        include_actor=True,
    )


def next_receipt_code(unit: AdministrativeUnit, day: date) -> str:
    """`<unit code>-YYMMDD-NNNN`, the sequence counted per unit and day. The day's first counter
    is inserted in a savepoint, as `numbering.next_number` does: of two first filings at once,
    the second fails on the key and then waits for the row the first one committed."""
    key = (unit.id, day)
    counter = db.session.get(ReceiptCounter, key, with_for_update=True)
    if counter is None:
        try:
            with db.session.begin_nested():
                db.session.add(ReceiptCounter(unit_id=unit.id, day=day, last=0))
        except IntegrityError:
            pass
        counter = db.session.get(ReceiptCounter, key, with_for_update=True, populate_existing=True)
    counter.last += 1
    return f"{unit.code}-{day:%y%m%d}-{counter.last:04d}"


def resubmit_dossier(dossier: Dossier, actor: User, message: str = "") -> None:
    """After a supplement request: every item sent back must have a new file. The secretariat's
    supplement deadline, if it set one, is not checked: Decision 26/2026/QĐ-TTg sets no deadline
    for a supplement, so a late one is still received (the home queue counts it as overdue until
    then); it is cleared here."""
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
    dossier.supplement_due_on = None
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
