"""Dossiers, the staff's side: the intake queue, the commune pre-review, checking and deciding."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.exports import export_response
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.routing import paginate
from evalapp.common.time import local_today
from evalapp.dossiers import permissions, queries, services
from evalapp.dossiers.commune import commune_badge, late_for, writes_mau_03
from evalapp.dossiers.cut_offs import cut_off_badge
from evalapp.dossiers.exports import intake_columns
from evalapp.dossiers.forms import IntakeFilterForm, ReasonForm, SupplementForm
from evalapp.dossiers.models import Dossier, ItemVerdict
from evalapp.dossiers.re_evaluation import clock_lines
from evalapp.dossiers.rules import (
    checklist_items,
    needs_registration_forms,
    pre_review_level,
    rulebook_of,
)
from evalapp.dossiers.views.blueprint import bp, load
from evalapp.dossiers.views.producer import render_dossier
from evalapp.extensions import db

staff_only = roles(Role.SECRETARY, Role.COMMUNE_OFFICER)
secretary_only = roles(Role.SECRETARY)


def to_dossier(dossier: Dossier, anchor: str | None = None):
    return redirect(url_for("dossiers.show", dossier_id=dossier.id, _anchor=anchor))


def done(dossier: Dossier, message: str):
    db.session.commit()
    flash(message, "success")
    return to_dossier(dossier)


def refused(dossier: Dossier, refusal: Refusal):
    show_refusal(refusal)
    return to_dossier(dossier)


@bp.route("/intake")
@staff_only
def intake():
    form = IntakeFilterForm(request.args)
    form.validate()
    page = paginate(
        queries.intake_queue(current_user, form.q.data, form.state.data, form.queue.data),
        per_page=25,
    )
    today = local_today()
    badges = {
        dossier.id: commune_badge(dossier, today) or queries.deadline_badge(dossier, today)
        for dossier in page.items
    }
    # 26/2026 Điều 5: the round's proposal cut-off and decision deadline.
    cut_offs = {dossier.id: cut_off_badge(dossier, today) for dossier in page.items}
    return render_template(
        "dossiers/intake.html",
        form=form,
        page=page,
        badges=badges,
        cut_offs=cut_offs,
        clocks=clock_lines(page.items, today),  # 26/2026 Điều 7.6.g
        permissions=permissions,
    )


@bp.route("/intake/export.<any(csv, xlsx):kind>")
@staff_only
def intake_export(kind: str):
    """Every dossier the intake list's filters select, as CSV or XLSX (issue 18)."""
    form = IntakeFilterForm(request.args)
    form.validate()
    query = queries.intake_queue(current_user, form.q.data, form.state.data, form.queue.data)
    dossiers = list(db.session.scalars(query))
    today = local_today()
    columns = intake_columns(dossiers, today)
    stem = f"ho-so-tiep-nhan-{today:%Y%m%d}"
    return export_response(kind, stem, _("Hồ sơ"), columns, dossiers)


@bp.route("/<int:dossier_id>/receive", methods=["POST"])
@secretary_only
def receive(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_receive(current_user, dossier))
    services.receive_dossier(dossier, current_user)
    return done(dossier, _("Đã tiếp nhận hồ sơ."))


@bp.route("/<int:dossier_id>/items", methods=["POST"])
@secretary_only
def review_items(dossier_id: int):
    """Record the verdict of every checklist item shown on the form."""
    dossier = load(dossier_id)
    require(permissions.can_check(current_user, dossier))
    try:
        for item in checklist_items(dossier):
            verdict = request.form.get(f"verdict-{item.code}")
            if verdict in {v.value for v in ItemVerdict}:
                reason = request.form.get(f"reason-{item.code}", "")
                services.review_item(dossier, item.code, ItemVerdict(verdict), reason, current_user)
        if request.form.get("all_pass"):
            passed, left = services.pass_unchecked_items(dossier, current_user)
    except Refusal as refusal:
        return refused(dossier, refusal)
    if not request.form.get("all_pass"):
        return done(dossier, _("Đã lưu kết quả kiểm tra tài liệu."))
    if left:
        flash(
            _("Mục bắt buộc chưa có tệp, chưa đánh dấu Đạt: %(items)s.", items=", ".join(left)),
            "warning",
        )
    return done(dossier, _("Đã đánh dấu Đạt %(count)d mục chưa kiểm tra.", count=passed))


@bp.route("/<int:dossier_id>/supplement", methods=["POST"])
@secretary_only
def request_supplement(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_check(current_user, dossier))
    form = SupplementForm()
    if not form.validate():
        return render_dossier(dossier, form, 400)
    try:
        services.request_supplement(
            dossier, form.message.data or "", current_user, form.due_on.data
        )
    except Refusal as refusal:
        show_refusal(refusal, form)
        return render_dossier(dossier, form, 400)
    return done(dossier, _("Đã gửi yêu cầu bổ sung cho chủ thể."))


@bp.route("/<int:dossier_id>/refuse", methods=["POST"])
@secretary_only
def refuse(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_refuse(current_user, dossier))
    form = ReasonForm()
    try:
        services.refuse_dossier(dossier, form.reason.data or "", current_user)
    except Refusal as refusal:
        return refused(dossier, refusal)
    return done(dossier, _("Đã từ chối hồ sơ."))


@bp.route("/<int:dossier_id>/accept", methods=["POST"])
@secretary_only
def accept(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_check(current_user, dossier))
    try:
        services.accept_dossier(dossier, current_user)
    except Refusal as refusal:
        return refused(dossier, refusal)
    return done(dossier, _("Hồ sơ đã được chấp nhận, chờ Hội đồng chấm điểm."))


@bp.route("/<int:dossier_id>/pre-review", methods=["GET", "POST"])
@roles(Role.COMMUNE_OFFICER)
def pre_review(dossier_id: int):
    """The commune's review of the four local contents (1489/2025: met or not; 26/2026: a
    written assessment of each, Mẫu số 03), then forwarding."""
    dossier = load(dossier_id)
    require(permissions.can_pre_review(current_user, dossier))
    level = pre_review_level(rulebook_of(dossier))
    errors = []
    if request.method == "POST":
        try:
            services.forward_dossier(
                dossier,
                posted_findings(level),
                request.form.get("note", "")[:2000],
                current_user,
                late_reason=request.form.get("late_reason", "")[:2000],
            )
        except Refusal as refusal:
            errors.append(str(refusal))
        else:
            return done(dossier, _("Đã ghi nhận kết quả xem xét và chuyển hồ sơ lên cấp trên."))
    today = local_today()
    return render_template(
        "dossiers/pre_review.html",
        dossier=dossier,
        level=level,
        errors=errors,
        form_data=request.form,
        written=writes_mau_03(dossier),
        badge=commune_badge(dossier, today),
        late_deadline=late_for(dossier, today),
        items=checklist_items(dossier),
        forms_required=needs_registration_forms(dossier),
    )


def posted_findings(level) -> dict[str, dict]:
    """The form's assessment of each content: "met-<code>" (yes/no, 1489 only) and
    "note-<code>" (the remark)."""
    findings = {}
    for item in level.pre_review:
        met = request.form.get(f"met-{item.code}")
        note = request.form.get(f"note-{item.code}", "").strip()[:2000]
        if level.pre_review_report:
            findings[item.code] = {"note": note}
        elif met in {"yes", "no"}:
            findings[item.code] = {"met": met == "yes", "note": note}
    return findings
