"""The advisory group's verbs (26/2026 Điều 7.3.c, 7.4.c). Each checks who acts and the state,
changes the file, flushes, audits and notifies; none commits."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from evalapp.advisory import permissions
from evalapp.advisory.models import (
    AdvisoryAssignment,
    AdvisoryReport,
    DocumentFinding,
    LabTestRequest,
    ReportState,
    SiteVisit,
    SiteVisitPhoto,
    SupplementRequest,
)
from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.files import store_upload
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.common.urls import absolute_url
from evalapp.councils.models import Council, CouncilMember, Position
from evalapp.councils.seats import chair_of
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.rules import checklist_items, sheet_of
from evalapp.dossiers.transitions import dossier_link, producer_users
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.rules.advisory import missing_before_report

# Photos of a site visit: images only, with the size limit of a dossier's photographs.
PHOTO_FORMATS = ("jpg", "png")
PHOTO_MAX_MB = 10
# The lab's report: a PDF or a photograph of it.
LAB_REPORT_FORMATS = ("pdf", "jpg", "png")
LAB_REPORT_MAX_MB = 20
PARTS = ("part_a", "part_b", "part_c", "conclusion")


class AdvisoryError(Refusal):
    """A step of the advisory group's work that cannot be taken; the message names why."""


# --- assignment (the secretariat) ----------------------------------------------------------------


def assign(dossier: Dossier, member: CouncilMember, council: Council, actor: User) -> None:
    """Give an accepted dossier of the council's round to one of its advisory seats."""
    if not permissions.can_assign(actor, council):
        raise AdvisoryError(_("Chỉ thư ký của hội đồng mới phân công Tổ tư vấn."))
    if dossier.round_id != council.round_id or dossier.current_unit_id != council.round.unit_id:
        raise AdvisoryError(_("Hồ sơ không thuộc đợt đánh giá của hội đồng này."), field="dossier")
    if dossier.state is not DossierState.ACCEPTED:
        raise AdvisoryError(
            _("Chỉ phân công hồ sơ đã được chấp nhận và đang chờ Hội đồng đánh giá."),
            field="dossier",
        )
    if member.council_id != council.id or member.position is not Position.ADVISORY:
        raise AdvisoryError(
            _("Người được chọn không thuộc Tổ tư vấn của hội đồng."), field="member"
        )
    exists = db.session.scalar(
        select(AdvisoryAssignment.id).where(
            AdvisoryAssignment.dossier_id == dossier.id, AdvisoryAssignment.member_id == member.id
        )
    )
    if exists:
        raise AdvisoryError(
            _("%(name)s đã được phân công hồ sơ này.", name=member.user.full_name), field="member"
        )
    db.session.add(
        AdvisoryAssignment(
            dossier=dossier, member=member, assigned_by_id=actor.id, assigned_at=utcnow()
        )
    )
    db.session.flush()
    audit.record("advisory.assigned", dossier, actor=actor, after={"member": member.user_id})
    notify(
        [member.user],
        _l("Được phân công thẩm định hồ sơ OCOP"),
        _l("Thư ký hội đồng phân công bạn đánh giá hồ sơ trong Tổ tư vấn."),
        absolute_url("advisory.dossier", dossier_id=dossier.id),
    )


def unassign(assignment: AdvisoryAssignment, council: Council, actor: User) -> None:
    if not permissions.can_assign(actor, council):
        raise AdvisoryError(_("Chỉ thư ký của hội đồng mới phân công Tổ tư vấn."))
    report = report_of(assignment.dossier)
    if report is not None and report.is_submitted:
        raise AdvisoryError(_("Báo cáo đánh giá đã gửi: không thay đổi phân công được nữa."))
    audit.record(
        "advisory.unassigned",
        assignment.dossier,
        actor=actor,
        before={"member": assignment.member.user_id},
    )
    db.session.delete(assignment)
    db.session.flush()


# --- the file --------------------------------------------------------------------------------------


def report_of(dossier: Dossier) -> AdvisoryReport | None:
    return db.session.scalar(select(AdvisoryReport).where(AdvisoryReport.dossier_id == dossier.id))


def open_file(dossier: Dossier, actor: User) -> AdvisoryReport:
    """The dossier's file for a write by `actor`, created on the first one. Refused unless the
    actor is assigned, the dossier waits for the council and the report is not submitted."""
    report = report_of(dossier)
    if not permissions.can_write(actor, dossier, report):
        if report is not None and report.is_submitted:
            raise AdvisoryError(
                _("Báo cáo đánh giá đã gửi Chủ tịch Hội đồng: hồ sơ tư vấn không sửa được nữa.")
            )
        if dossier.state is not DossierState.ACCEPTED:
            raise AdvisoryError(
                _("Hồ sơ không còn ở bước chờ Hội đồng đánh giá: không ghi thêm được.")
            )
        raise AdvisoryError(_("Bạn không được phân công đánh giá hồ sơ này."))
    if report is None:
        report = AdvisoryReport(dossier=dossier, council=permissions.council_of(dossier))
        db.session.add(report)
        db.session.flush()
    return report


def review_documents(dossier: Dossier, findings: dict[str, tuple[str, str]], actor: User) -> None:
    """The finding on each component of the dossier (its checklist items): đạt, cần bổ sung or
    không rõ, with a comment, which is required unless the finding is đạt. Items left without a
    finding keep their earlier one."""
    report = open_file(dossier, actor)
    codes = {item.code for item in checklist_items(dossier)}
    kept = dict(report.document_findings or {})
    for code, (finding, comment) in findings.items():
        if code not in codes:
            raise AdvisoryError(_("Mục tài liệu không có trong danh mục hồ sơ."))
        if not finding:
            continue
        try:
            verdict = DocumentFinding(finding)
        except ValueError:
            raise AdvisoryError(
                _("Kết quả xem xét không hợp lệ."), field=f"finding-{code}"
            ) from None
        if verdict is not DocumentFinding.MET and not comment.strip():
            raise AdvisoryError(
                _("Vui lòng ghi nhận xét cho mục “%(finding)s”.", finding=verdict.label),
                field=f"comment-{code}",
            )
        kept[code] = {"finding": verdict.value, "comment": comment.strip()}
    report.document_findings = kept
    audit.record("advisory.documents_reviewed", dossier, actor=actor, after=kept)


def record_site_visit(
    dossier: Dossier,
    actor: User,
    *,
    visited_on: date | None,
    place: str,
    present: str,
    findings: dict[str, str],
    note: str = "",
    photos: list | None = None,
    today: date | None = None,
) -> SiteVisit:
    """Biên bản khảo sát thực tế: the day (not in the future), the place, who was there, and at
    least one finding on a criterion of the dossier's sheet; `photos` are uploads already checked
    (`checked_photos`)."""
    open_file(dossier, actor)
    today = today or local_today()
    if visited_on is None:
        raise AdvisoryError(_("Vui lòng ghi ngày khảo sát."), field="visited_on")
    if visited_on > today:
        raise AdvisoryError(_("Ngày khảo sát không thể sau hôm nay."), field="visited_on")
    if not place.strip():
        raise AdvisoryError(_("Vui lòng ghi địa điểm khảo sát."), field="place")
    if not present.strip():
        raise AdvisoryError(
            _("Vui lòng ghi thành phần tham dự (Tổ tư vấn và đại diện chủ thể)."), field="present"
        )
    sheet = sheet_of(dossier)
    kept = {}
    for code, text in findings.items():
        if sheet is None or sheet.criterion(code) is None:
            raise AdvisoryError(
                _("Tiêu chí không có trong phiếu đánh giá của hồ sơ."), field="findings"
            )
        if text.strip():
            kept[code] = text.strip()
    if not kept:
        raise AdvisoryError(
            _("Vui lòng ghi nhận xét cho ít nhất một tiêu chí của phiếu đánh giá."),
            field="findings",
        )
    visit = SiteVisit(
        dossier_id=dossier.id,
        visited_on=visited_on,
        place=place.strip(),
        present=present.strip(),
        findings=kept,
        note=note.strip(),
        recorded_by_id=actor.id,
        recorded_at=utcnow(),
    )
    for upload in photos or []:
        visit.photos.append(SiteVisitPhoto(file=store_upload(upload, actor)))
    db.session.add(visit)
    db.session.flush()
    audit.record(
        "advisory.site_visit_recorded",
        dossier,
        actor=actor,
        after={"visited_on": visited_on.isoformat(), "criteria": sorted(kept)},
    )
    return visit


def request_lab_test(
    dossier: Dossier, actor: User, *, indicators: str, reason: str, due_on: date | None
) -> LabTestRequest:
    """Đề nghị bổ sung kết quả kiểm nghiệm: the indicators, why, by when; the producer is told."""
    open_file(dossier, actor)
    if not indicators.strip():
        raise AdvisoryError(_("Vui lòng ghi các chỉ tiêu cần kiểm nghiệm."), field="indicators")
    if not reason.strip():
        raise AdvisoryError(_("Vui lòng ghi lý do đề nghị kiểm nghiệm."), field="reason")
    if due_on is None:
        raise AdvisoryError(_("Vui lòng ghi hạn nộp kết quả kiểm nghiệm."), field="due_on")
    if due_on < local_today():
        raise AdvisoryError(_("Hạn nộp kết quả không thể trước hôm nay."), field="due_on")
    request = LabTestRequest(
        dossier_id=dossier.id,
        indicators=indicators.strip(),
        reason=reason.strip(),
        due_on=due_on,
        requested_by_id=actor.id,
        requested_at=utcnow(),
    )
    db.session.add(request)
    db.session.flush()
    audit.record(
        "advisory.lab_test_requested",
        dossier,
        actor=actor,
        after={"indicators": request.indicators},
    )
    notify(
        producer_users(dossier),
        _l("Đề nghị bổ sung kết quả kiểm nghiệm"),
        _l(
            "Tổ tư vấn của Hội đồng đề nghị bổ sung kết quả kiểm nghiệm chất lượng sản phẩm. Xem chỉ tiêu và hạn nộp trong hồ sơ."
        ),
        dossier_link(dossier),
    )
    return request


def record_lab_result(
    request: LabTestRequest,
    dossier: Dossier,
    actor: User,
    *,
    result_on: date | None,
    passed: bool | None,
    note: str = "",
    report_file=None,
    today: date | None = None,
) -> None:
    """The lab's result: its date, đạt or không đạt, and the lab's report (`report_file`, an
    upload already checked)."""
    open_file(dossier, actor)
    today = today or local_today()
    if not request.is_pending:
        raise AdvisoryError(_("Đã ghi kết quả cho đề nghị kiểm nghiệm này."))
    if result_on is None:
        raise AdvisoryError(_("Vui lòng ghi ngày có kết quả kiểm nghiệm."), field="result_on")
    if result_on > today:
        raise AdvisoryError(_("Ngày có kết quả không thể sau hôm nay."), field="result_on")
    if passed is None:
        raise AdvisoryError(_("Vui lòng chọn kết luận: đạt hay không đạt."), field="passed")
    if report_file is None:
        raise AdvisoryError(_("Vui lòng đính kèm phiếu kết quả kiểm nghiệm."), field="report_file")
    request.result_on, request.passed, request.result_note = result_on, passed, note.strip()
    request.result_file = store_upload(report_file, actor)
    request.result_recorded_by_id, request.result_recorded_at = actor.id, utcnow()
    db.session.flush()
    audit.record(
        "advisory.lab_result_recorded",
        dossier,
        actor=actor,
        after={"request": request.id, "passed": passed},
    )


def request_supplement(
    dossier: Dossier, actor: User, *, message: str, due_on: date | None
) -> SupplementRequest:
    """Đề xuất bổ sung hồ sơ, addressed to the producer, who is notified. The dossier stays
    accepted and on the council's agenda (the intake's return for supplement applies only
    before acceptance)."""
    open_file(dossier, actor)
    if not message.strip():
        raise AdvisoryError(_("Vui lòng ghi nội dung cần bổ sung."), field="message")
    if due_on is not None and due_on < local_today():
        raise AdvisoryError(_("Hạn bổ sung không thể trước hôm nay."), field="due_on")
    request = SupplementRequest(
        dossier_id=dossier.id,
        message=message.strip(),
        due_on=due_on,
        requested_by_id=actor.id,
        requested_at=utcnow(),
    )
    db.session.add(request)
    db.session.flush()
    audit.record(
        "advisory.supplement_requested", dossier, actor=actor, after={"message": request.message}
    )
    notify(
        producer_users(dossier),
        _l("Tổ tư vấn đề nghị bổ sung hồ sơ OCOP"),
        _l(
            "Tổ tư vấn của Hội đồng đề nghị bổ sung một số nội dung của hồ sơ. Xem chi tiết trong hồ sơ."
        ),
        dossier_link(dossier),
    )
    return request


# --- the report ------------------------------------------------------------------------------------


def save_report(dossier: Dossier, parts: dict[str, str], actor: User) -> AdvisoryReport:
    """The draft: the assessment of part A, B, C and the general conclusion."""
    report = open_file(dossier, actor)
    for name in PARTS:
        setattr(report, name, (parts.get(name) or "").strip())
    db.session.flush()
    audit.record("advisory.report_saved", dossier, actor=actor)
    return report


def gaps(dossier: Dossier, report: AdvisoryReport | None) -> tuple[str, ...]:
    """What still keeps the report from going to the chair (`rules.advisory`)."""
    from evalapp.advisory.queries import file_counts

    counts = file_counts(dossier, report)
    return missing_before_report(
        dossier.registration_type.value,
        unreviewed_documents=counts.unreviewed,
        site_visits=counts.visits,
        pending_lab_tests=counts.pending_lab_tests,
    )


GAP_MESSAGES = {
    "documents": _l("Chưa xem xét hết các thành phần hồ sơ."),
    "site_visit": _l("Chưa có biên bản khảo sát thực tế tại cơ sở."),
    "lab_tests": _l("Còn đề nghị kiểm nghiệm chưa có kết quả."),
}


def submit_report(dossier: Dossier, parts: dict[str, str], actor: User) -> AdvisoryReport:
    """Save and send to the chair: the report is then frozen with everything it rests on. Every
    document reviewed, the site visit recorded (but for a re-evaluation, 26/2026 Điều 7.6.c),
    no lab test pending, and a general conclusion."""
    report = save_report(dossier, parts, actor)
    missing = gaps(dossier, report)
    if missing:
        raise AdvisoryError(" ".join(str(GAP_MESSAGES[code]) for code in missing))
    if not report.conclusion:
        raise AdvisoryError(_("Vui lòng ghi kết luận chung của Tổ tư vấn."), field="conclusion")
    report.state = ReportState.SUBMITTED
    report.submitted_at, report.submitted_by_id = utcnow(), actor.id
    report.reopen_reason = ""
    db.session.flush()
    audit.record("advisory.report_submitted", dossier, actor=actor)
    chair = chair_of(report.council)
    notify(
        [chair.user] if chair else [],
        _l("Báo cáo đánh giá của Tổ tư vấn"),
        _l("Tổ tư vấn đã gửi báo cáo đánh giá hồ sơ. Báo cáo được hiển thị bên cạnh hồ sơ."),
        absolute_url("advisory.report", dossier_id=dossier.id),
    )
    return report


def reopen_report(report: AdvisoryReport, reason: str, actor: User) -> None:
    """The secretariat sends a submitted report back to the advisory group, saying why."""
    if not permissions.can_reopen(actor, report):
        raise AdvisoryError(_("Chỉ thư ký hội đồng mới mở lại báo cáo đã gửi."))
    if not reason.strip():
        raise AdvisoryError(_("Vui lòng ghi lý do mở lại báo cáo."), field="reason")
    report.state, report.reopen_reason = ReportState.DRAFT, reason.strip()
    report.submitted_at = None
    db.session.flush()
    audit.record("advisory.report_reopened", report.dossier, actor=actor, note=reason.strip())
    from evalapp.advisory.queries import assignees

    notify(
        [member.user for member in assignees(report.dossier)],
        _l("Báo cáo đánh giá được mở lại"),
        _l("Thư ký hội đồng đã mở lại báo cáo đánh giá của Tổ tư vấn. Xem lý do trong hồ sơ."),
        absolute_url("advisory.dossier", dossier_id=report.dossier_id),
    )
