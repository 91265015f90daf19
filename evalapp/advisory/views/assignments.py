"""The secretariat's assignments and workload, and the adviser's queue."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.advisory import forms, queries, services
from evalapp.advisory.models import (
    AdvisoryAssignment,
)
from evalapp.advisory.views.blueprint import (
    adviser,
    bp,
    load_council,
    secretary,
)
from evalapp.common.access import require
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.councils.models import Council, CouncilMember
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db

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
    form = forms.QueueFilterForm(request.args)
    form.validate()
    rows = queries.queue_of(current_user)
    if form.show.data == "to_report":
        rows = [row for row in rows if row.to_report]
    return render_template("advisory/queue.html", rows=rows, form=form)
