"""One dossier's advisory file: document review, site visits, lab tests, supplement
requests, the report and its reopening."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.advisory import forms, permissions, queries, services
from evalapp.advisory.models import (
    FINDING_LABELS,
    LabTestRequest,
)
from evalapp.advisory.views.blueprint import (
    adviser,
    bp,
    load_dossier,
    load_file,
    secretary,
    staff,
)
from evalapp.common.access import require
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.uploads import check_upload, chosen_files
from evalapp.councils.models import Council
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import checklist_items, sheet_of
from evalapp.extensions import db


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
    dossier, council = load_file(dossier_id)
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
            for file in chosen_files(request.files.getlist(form.photos.name))
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
    dossier, council = load_file(dossier_id)
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
    dossier, council = load_file(test.dossier_id)
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
    dossier, council = load_file(dossier_id)
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
    dossier, council = load_file(dossier_id)
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
