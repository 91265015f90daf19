"""Post-recognition inspection for the secretariat (26/2026 Điều 9): plans, records, and the
revocation proposal a finding leads to."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.certificates.permissions import is_secretary_of
from evalapp.certificates.revocation import ground_text
from evalapp.common.access import require, roles
from evalapp.common.downloads import send_stored_file
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.inspections import services
from evalapp.inspections.forms import PlanForm, ProposalForm, RecordForm
from evalapp.inspections.models import (
    InspectionConclusion,
    InspectionEvidence,
    InspectionKind,
    InspectionPlan,
    InspectionRecord,
    InspectionTarget,
)

bp = Blueprint("inspections", __name__, url_prefix="/inspections")
bp.add_app_template_global(services.progress, "inspection_progress")
secretary_only = roles(Role.SECRETARY)


def load_plan(plan_id: int) -> InspectionPlan:
    plan = db.session.get(InspectionPlan, plan_id) or abort(404)
    require(is_secretary_of(current_user, plan.unit_id))
    return plan


def load_record(record_id: int) -> InspectionRecord:
    record = db.session.get(InspectionRecord, record_id) or abort(404)
    require(is_secretary_of(current_user, record.plan.unit_id))
    return record


@bp.route("/")
@secretary_only
def index():
    return render_index(PlanForm())


def render_index(form: PlanForm, status: int = 200):
    certificates = services.inspectable_certificates(current_user.unit_id, local_today())
    plans = db.session.scalars(
        select(InspectionPlan)
        .where(InspectionPlan.unit_id == current_user.unit_id)
        .order_by(InspectionPlan.id.desc())
    )
    return render_template(
        "inspections/index.html", form=form, plans=list(plans), certificates=certificates
    ), status


@bp.post("/plans")
@secretary_only
def create_plan():
    form = PlanForm()
    if not form.validate_on_submit():
        return render_index(form, 400)
    try:
        plan = services.create_plan(
            current_user.unit_id,
            InspectionKind(form.kind.data),
            form.title.data or "",
            form.certificates.data or [],
            current_user,
            period=form.period.data or "",
            reason=form.reason.data or "",
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_index(form, 400)
    db.session.commit()
    flash(_("Đã lập kế hoạch kiểm tra."), "success")
    return redirect(url_for("inspections.plan", plan_id=plan.id))


@bp.route("/plans/<int:plan_id>")
@secretary_only
def plan(plan_id: int):
    return render_template("inspections/plan.html", plan=load_plan(plan_id))


@bp.route("/plans/<int:plan_id>/targets/<int:target_id>", methods=["GET", "POST"])
@secretary_only
def record(plan_id: int, target_id: int):
    plan = load_plan(plan_id)
    target = db.session.get(InspectionTarget, target_id)
    if target is None or target.plan_id != plan.id:
        abort(404)
    if target.record is not None:
        return redirect(url_for("inspections.show_record", record_id=target.record.id))
    form = RecordForm()
    if not form.validate_on_submit():
        return render_record_form(target, form)
    try:
        evidence = services.checked_evidence(request.files.getlist(form.evidence.name))
        record = services.record_inspection(
            target, current_user, evidence=evidence, **record_fields(form)
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_record_form(target, form, 400)
    db.session.commit()
    flash(_("Đã lưu biên bản kiểm tra."), "success")
    return redirect(url_for("inspections.show_record", record_id=record.id))


def record_fields(form: RecordForm) -> dict:
    mark = {"correct": True, "incorrect": False}.get(form.mark_use.data or "")
    return {
        "reference": form.reference.data or "",
        "inspected_on": form.inspected_on.data,
        "inspectors": form.inspectors.data or "",
        "criteria": form.criteria.data or "",
        "mark_used_correctly": mark,
        "mark_note": form.mark_note.data or "",
        "findings": form.findings.data or "",
        "conclusion": InspectionConclusion(form.conclusion.data) if form.conclusion.data else None,
    }


def render_record_form(target: InspectionTarget, form: RecordForm, status: int | None = None):
    if status is None:
        status = 400 if form.is_submitted() else 200
    return render_template(
        "inspections/record_form.html", target=target, form=form, max_mb=services.EVIDENCE_MAX_MB
    ), status


@bp.route("/records/<int:record_id>")
@secretary_only
def show_record(record_id: int):
    record = load_record(record_id)
    return render_record(record, ProposalForm(reason=record.findings or record.mark_note))


def render_record(record: InspectionRecord, form: ProposalForm, status: int = 200):
    ground = services.revocation_ground(record)
    return render_template(
        "inspections/record.html",
        record=record,
        form=form,
        ground=ground_text(record.certificate, ground) if ground else "",
        may_propose=ground is not None
        and record.revocation_id is None
        and record.certificate.revoked_on is None,
    ), status


@bp.post("/records/<int:record_id>/revocation")
@secretary_only
def propose_revocation(record_id: int):
    record = load_record(record_id)
    form = ProposalForm()
    if not form.validate_on_submit():
        return render_record(record, form, 400)
    try:
        services.propose_revocation(record, form.reason.data, form.effective_on.data, current_user)
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return render_record(record, form, 400)
    db.session.commit()
    flash(_("Đã gửi đề nghị thu hồi; cần người thứ hai phê duyệt."), "success")
    return redirect(url_for("certificates.show", certificate_id=record.certificate_id))


@bp.route("/evidence/<int:evidence_id>")
@secretary_only
def evidence(evidence_id: int):
    item = db.session.get(InspectionEvidence, evidence_id) or abort(404)
    require(is_secretary_of(current_user, item.record.plan.unit_id))
    return send_stored_file(item.file, inline=request.args.get("inline") == "1")
