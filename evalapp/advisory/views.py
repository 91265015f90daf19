"""The advisory group's pages: the secretariat's assignments and workload, an adviser's queue,
one dossier's file (review, site visits, lab tests, supplements, report), the report beside the
dossier and its PDF."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.advisory import forms, permissions, queries, services
from evalapp.advisory.document import report_pdf
from evalapp.advisory.models import (
    FINDING_LABELS,
    AdvisoryAssignment,
    LabTestRequest,
    SiteVisitPhoto,
)
from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.downloads import send_generated, send_stored
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.storage import get_storage
from evalapp.common.uploads import check_upload
from evalapp.councils.models import Council, CouncilMember
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import checklist_items, sheet_of
from evalapp.extensions import db

bp = Blueprint("advisory", __name__, url_prefix="/advisory")
COUNCIL_ROLES = (Role.SECRETARY, Role.ADVISORY_MEMBER, Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER)
staff = roles(Role.SECRETARY, Role.ADVISORY_MEMBER)
adviser = roles(Role.ADVISORY_MEMBER)
secretary = roles(Role.SECRETARY)
readers = roles(*COUNCIL_ROLES)


def load_dossier(dossier_id: int) -> tuple[Dossier, Council]:
    dossier = db.session.get(Dossier, dossier_id) or abort(404)
    council = permissions.council_of(dossier) or abort(404)
    return dossier, council


def load_council(council_id: int) -> Council:
    council = db.session.get(Council, council_id) or abort(404)
    require(permissions.can_assign(current_user, council))
    return council


# --- the secretariat ---------------------------------------------------------------------------------


@bp.route("/councils/<int:council_id>")
@secretary
def council(council_id: int):
    return render_council(load_council(council_id), forms.AssignForm())


def render_council(council: Council, form: forms.AssignForm, status: int = 200):
    rows, workload = queries.council_overview(council)
    form.dossier.choices = [
        (r.dossier.id, f"{r.dossier.receipt_code or ''} — {r.dossier.product.name}") for r in rows
    ]
    form.member.choices = [(m.id, m.user.full_name) for m in queries.advisory_seats(council)]
    return render_template(
        "advisory/council.html", council=council, rows=rows, workload=workload, form=form
    ), status


@bp.post("/councils/<int:council_id>/assignments")
@secretary
def assign(council_id: int):
    council = load_council(council_id)
    form = forms.AssignForm()
    if not form.validate_on_submit():
        return render_council(council, form, 400)
    dossier = db.session.get(Dossier, form.dossier.data or 0)
    member = db.session.get(CouncilMember, form.member.data or 0)
    try:
        if dossier is None or member is None:
            raise services.AdvisoryError(_("Vui lòng chọn hồ sơ và thành viên Tổ tư vấn."))
        services.assign(dossier, member, council, current_user)
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_council(council, form, 400)
    db.session.commit()
    flash(_("Đã phân công hồ sơ cho %(name)s.", name=member.user.full_name), "success")
    return redirect(url_for("advisory.council", council_id=council.id))


@bp.post("/assignments/<int:assignment_id>/delete")
@secretary
def unassign(assignment_id: int):
    assignment = db.session.get(AdvisoryAssignment, assignment_id) or abort(404)
    council = load_council(assignment.member.council_id)
    require(forms.CsrfOnly().validate_on_submit())
    try:
        services.unassign(assignment, council, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(_("Đã bỏ phân công."), "success")
    return redirect(url_for("advisory.council", council_id=council.id))


# --- the adviser -------------------------------------------------------------------------------------


@bp.route("/")
@adviser
def queue():
    return render_template("advisory/queue.html", rows=queries.queue_of(current_user))


@bp.route("/dossiers/<int:dossier_id>")
@staff
def dossier(dossier_id: int):
    dossier, council = load_dossier(dossier_id)
    require(permissions.can_view_file(current_user, dossier, council))
    return render_file(dossier, council)


def render_file(dossier: Dossier, council: Council, status: int = 200, **given):
    report = services.report_of(dossier)
    writes = permissions.can_write(current_user, dossier, report)
    report_form = given.pop("report_form", None) or forms.ReportForm(obj=report)
    return render_template(
        "advisory/dossier.html",
        dossier=dossier,
        council=council,
        report=report,
        writes=writes,
        may_reopen=report is not None and permissions.can_reopen(current_user, report),
        items=checklist_items(dossier),
        findings=(report.document_findings or {}) if report else {},
        finding_labels=FINDING_LABELS,
        finding_choices=forms.FINDING_CHOICES,
        sheet=sheet_of(dossier),
        visits=queries.site_visits(dossier),
        lab_tests=queries.lab_tests(dossier),
        supplements=queries.supplement_requests(dossier),
        assignees=queries.assignees(dossier),
        gaps=[services.GAP_MESSAGES[code] for code in services.gaps(dossier, report)],
        documents_form=given.pop("documents_form", None) or forms.CsrfOnly(formdata=None),
        lab_form=given.pop("lab_form", None) or forms.LabTestForm(formdata=None),
        result_form=given.pop("result_form", None) or forms.LabResultForm(formdata=None),
        supplement_form=given.pop("supplement_form", None) or forms.SupplementForm(formdata=None),
        report_form=report_form,
        reopen_form=given.pop("reopen_form", None) or forms.ReopenForm(formdata=None),
        **given,
    ), status


def done(dossier: Dossier, message: str, anchor: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("advisory.dossier", dossier_id=dossier.id, _anchor=anchor))


@bp.post("/dossiers/<int:dossier_id>/documents")
@adviser
def review_documents(dossier_id: int):
    dossier, council = load_dossier(dossier_id)
    form = forms.CsrfOnly()
    if not form.validate_on_submit():
        return render_file(dossier, council, 400, documents_form=form)
    codes = [item.code for item in checklist_items(dossier)]
    try:
        services.review_documents(
            dossier, forms.document_findings(request.form, codes), current_user
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_file(dossier, council, 400, documents_form=form)
    return done(dossier, _("Đã lưu kết quả xem xét hồ sơ."), "documents")


@bp.route("/dossiers/<int:dossier_id>/visits/new", methods=["GET", "POST"])
@adviser
def new_visit(dossier_id: int):
    dossier, _council = load_dossier(dossier_id)
    require(permissions.can_write(current_user, dossier, services.report_of(dossier)))
    form = forms.SiteVisitForm()
    if not form.validate_on_submit():
        return render_visit_form(dossier, form)
    try:
        photos = [
            check_upload(file, services.PHOTO_FORMATS, services.PHOTO_MAX_MB)
            for file in request.files.getlist(form.photos.name)
            if file and file.filename
        ]
        services.record_site_visit(
            dossier,
            current_user,
            visited_on=form.visited_on.data,
            place=form.place.data or "",
            present=form.present.data or "",
            findings=forms.visit_findings(request.form),
            note=form.note.data or "",
            photos=photos,
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_visit_form(dossier, form, 400)
    return done(dossier, _("Đã lưu biên bản khảo sát thực tế."), "visits")


def render_visit_form(dossier: Dossier, form, status: int | None = None):
    if status is None:
        status = 400 if form.is_submitted() else 200
    sheet = sheet_of(dossier)
    criteria = [(depth, node) for depth, node in sheet.walk()] if sheet else []
    return render_template(
        "advisory/visit_form.html",
        dossier=dossier,
        form=form,
        criteria=criteria,
        rows=range(forms.VISIT_FINDING_ROWS),
        entered=request.form,
        max_mb=services.PHOTO_MAX_MB,
    ), status


@bp.post("/dossiers/<int:dossier_id>/lab-tests")
@adviser
def request_lab_test(dossier_id: int):
    dossier, council = load_dossier(dossier_id)
    form = forms.LabTestForm()
    if not form.validate_on_submit():
        return render_file(dossier, council, 400, lab_form=form)
    try:
        services.request_lab_test(
            dossier,
            current_user,
            indicators=form.indicators.data or "",
            reason=form.reason.data or "",
            due_on=form.due_on.data,
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_file(dossier, council, 400, lab_form=form)
    return done(dossier, _("Đã gửi đề nghị bổ sung kết quả kiểm nghiệm."), "lab-tests")


@bp.post("/lab-tests/<int:lab_test_id>/result")
@adviser
def record_lab_result(lab_test_id: int):
    test = db.session.get(LabTestRequest, lab_test_id) or abort(404)
    dossier, council = load_dossier(test.dossier_id)
    form = forms.LabResultForm()
    if not form.validate_on_submit():
        return render_file(dossier, council, 400, result_form=form, result_for=test.id)
    try:
        upload = form.report_file.data
        checked = (
            check_upload(upload, services.LAB_REPORT_FORMATS, services.LAB_REPORT_MAX_MB)
            if upload and upload.filename
            else None
        )
        services.record_lab_result(
            test,
            dossier,
            current_user,
            result_on=form.result_on.data,
            passed={"yes": True, "no": False}.get(form.passed.data or ""),
            note=form.note.data or "",
            report_file=checked,
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_file(dossier, council, 400, result_form=form, result_for=test.id)
    return done(dossier, _("Đã ghi kết quả kiểm nghiệm."), "lab-tests")


@bp.post("/dossiers/<int:dossier_id>/supplements")
@adviser
def request_supplement(dossier_id: int):
    dossier, council = load_dossier(dossier_id)
    form = forms.SupplementForm()
    if not form.validate_on_submit():
        return render_file(dossier, council, 400, supplement_form=form)
    try:
        services.request_supplement(
            dossier, current_user, message=form.message.data or "", due_on=form.due_on.data
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_file(dossier, council, 400, supplement_form=form)
    return done(dossier, _("Đã gửi đề nghị bổ sung hồ sơ cho chủ thể."), "supplements")


@bp.post("/dossiers/<int:dossier_id>/report")
@adviser
def save_report(dossier_id: int):
    dossier, council = load_dossier(dossier_id)
    form = forms.ReportForm()
    if not form.validate_on_submit():
        return render_file(dossier, council, 400, report_form=form)
    parts = {name: getattr(form, name).data or "" for name in services.PARTS}
    sending = form.send.data
    try:
        verb = services.submit_report if sending else services.save_report
        verb(dossier, parts, current_user)
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        if sending:  # keep the draft that was typed, even though it cannot go yet
            services.save_report(dossier, parts, current_user)
            db.session.commit()
        return render_file(dossier, council, 400, report_form=form)
    message = (
        _("Đã gửi báo cáo đánh giá cho Chủ tịch Hội đồng.")
        if sending
        else _("Đã lưu bản nháp báo cáo.")
    )
    return done(dossier, message, "report")


@bp.post("/dossiers/<int:dossier_id>/reopen")
@secretary
def reopen(dossier_id: int):
    dossier, council = load_dossier(dossier_id)
    report = services.report_of(dossier) or abort(404)
    require(permissions.can_reopen(current_user, report))
    form = forms.ReopenForm()
    if not form.validate_on_submit():
        return render_file(dossier, council, 400, reopen_form=form)
    try:
        services.reopen_report(report, form.reason.data, current_user)
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_file(dossier, council, 400, reopen_form=form)
    return done(dossier, _("Đã mở lại báo cáo cho Tổ tư vấn."), "report")


# --- the report beside the dossier -------------------------------------------------------------------


def readable_report(dossier_id: int):
    dossier, _council = load_dossier(dossier_id)
    report = services.report_of(dossier)
    require(permissions.can_read_report(current_user, report))
    return report


@bp.route("/dossiers/<int:dossier_id>/report")
@readers
def report(dossier_id: int):
    report = readable_report(dossier_id)
    return render_template(
        "advisory/report.html",
        report=report,
        dossier=report.dossier,
        visits=queries.site_visits(report.dossier),
        lab_tests=queries.lab_tests(report.dossier),
        sheet=sheet_of(report.dossier),
    )


@bp.route("/dossiers/<int:dossier_id>/report.pdf")
@readers
def report_download(dossier_id: int):
    report = readable_report(dossier_id)
    name = f"bao-cao-to-tu-van-{report.dossier.receipt_code or report.dossier_id}.pdf"
    return send_generated(report_pdf(report), name, inline=request.args.get("inline") == "1")


@bp.route("/photos/<int:visit_photo_id>")
@readers
def photo(visit_photo_id: int):
    photo = db.session.get(SiteVisitPhoto, visit_photo_id) or abort(404)
    readable_report_or_file(photo.visit.dossier_id)
    return send_stored(
        get_storage(),
        photo.file.storage_key,
        original_name=photo.file.original_name,
        mimetype=photo.file.mimetype,
        inline=True,
    )


@bp.route("/lab-tests/<int:lab_test_id>/file")
@readers
def lab_report(lab_test_id: int):
    test = db.session.get(LabTestRequest, lab_test_id) or abort(404)
    if test.result_file is None:
        abort(404)
    readable_report_or_file(test.dossier_id)
    return send_stored(
        get_storage(),
        test.result_file.storage_key,
        original_name=test.result_file.original_name,
        mimetype=test.result_file.mimetype,
        inline=request.args.get("inline") == "1",
    )


def readable_report_or_file(dossier_id: int) -> None:
    dossier, council = load_dossier(dossier_id)
    if permissions.can_view_file(current_user, dossier, council):
        return
    require(permissions.can_read_report(current_user, services.report_of(dossier)))


# --- lent to other features' templates ---------------------------------------------------------------


@bp.app_template_global("advisory_report_beside")
def advisory_report_beside(dossier: Dossier):
    """The submitted report a council member may read beside the dossier (None otherwise)."""
    return queries.submitted_report_for(current_user, dossier)


@bp.app_template_global("advisory_requests")
def advisory_requests(dossier: Dossier):
    """(pending lab tests, supplement requests) the advisory group addressed to the producer."""
    return queries.open_requests_for_producer(dossier)
