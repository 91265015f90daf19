"""The registration certificate of an organisation, the staff's queue "Tổ chức chờ xác minh",
and the tax-code disputes (issue 13, item 9)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.downloads import send_stored_file
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.extensions import db
from evalapp.producers import disputes, permissions, queries, verification
from evalapp.producers.forms import DecisionForm, DocumentForm, VerifyForm
from evalapp.producers.models import Organisation, TaxCodeDispute
from evalapp.producers.views.blueprint import (
    bp,
    own_organisation,
    producer_only,
    render_organisation,
    verifier_only,
)


@bp.route("/organisation/document", methods=["POST"])
@producer_only
def upload_document():
    organisation = own_organisation()
    require(permissions.can_upload_registration_document(current_user, organisation))
    form = DocumentForm()
    if form.validate_on_submit():
        try:
            upload = verification.checked_document(form.registration_document.data)
            verification.submit_registration_document(organisation, upload, actor=current_user)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="registration_document")
        else:
            db.session.commit()
            flash(_("Đã gửi giấy chứng nhận đăng ký. Cán bộ sẽ xác minh chủ thể."), "success")
            return redirect(url_for("producers.organisation"))
    return render_organisation(organisation, document_form=form), 400


@bp.route("/organisations/<int:organisation_id>/registration-document")
@roles(Role.PRODUCER, Role.COMMUNE_OFFICER, Role.SECRETARY)
def registration_document(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    require(permissions.can_view_registration_document(current_user, organisation))
    return send_stored_file(organisation.registration_document or abort(404), inline=True)


@bp.route("/staff/verification")
@verifier_only
def verification_queue():
    unit = current_user.unit or abort(404)
    return render_template(
        "producers/verification_queue.html",
        organisations=verification.organisations_awaiting_verification(unit),
        disputes=queries.open_disputes_within(unit),
    )


def render_review(organisation: Organisation, refuse_form=None, status: int = 200):
    return render_template(
        "producers/review_organisation.html",
        organisation=organisation,
        verify_form=VerifyForm(),
        refuse_form=refuse_form or DecisionForm(formdata=None),
        disputes=queries.disputes_about(organisation),
    ), status


@bp.route("/staff/verification/<int:organisation_id>")
@verifier_only
def review_organisation(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    require(permissions.can_verify_organisation(current_user, organisation))
    return render_review(organisation)


@bp.route("/staff/verification/<int:organisation_id>/verify", methods=["POST"])
@verifier_only
def verify_organisation(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    require(permissions.can_verify_organisation(current_user, organisation))
    if VerifyForm().validate_on_submit():
        try:
            verification.verify_organisation(organisation, actor=current_user)
        except Refusal as refusal:
            show_refusal(refusal)
        else:
            db.session.commit()
            flash(_("Đã xác minh chủ thể %(name)s.", name=organisation.name), "success")
    return redirect(url_for("producers.review_organisation", organisation_id=organisation.id))


@bp.route("/staff/verification/<int:organisation_id>/refuse", methods=["POST"])
@verifier_only
def refuse_verification(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    require(permissions.can_verify_organisation(current_user, organisation))
    form = DecisionForm()
    if form.validate_on_submit():
        try:
            verification.refuse_verification(organisation, form.reason.data, actor=current_user)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="reason")
        else:
            db.session.commit()
            flash(_("Đã từ chối xác minh và báo cho chủ thể."), "success")
            return redirect(url_for("producers.verification_queue"))
    return render_review(organisation, refuse_form=form, status=400)


# Disputes over a tax code


def load_dispute(dispute_id: int) -> TaxCodeDispute:
    dispute = db.session.get(TaxCodeDispute, dispute_id) or abort(404)
    require(permissions.can_view_dispute(current_user, dispute))
    return dispute


def render_dispute(dispute: TaxCodeDispute, form=None, status: int = 200):
    return render_template(
        "producers/review_dispute.html",
        dispute=dispute,
        form=form or DecisionForm(formdata=None),
        can_decide=permissions.can_decide_dispute(current_user, dispute),
    ), status


@bp.route("/staff/disputes/<int:dispute_id>")
@verifier_only
def review_dispute(dispute_id: int):
    return render_dispute(load_dispute(dispute_id))


@bp.route("/staff/disputes/<int:dispute_id>/document")
@verifier_only
def dispute_document(dispute_id: int):
    return send_stored_file(load_dispute(dispute_id).document, inline=True)


@bp.route("/staff/disputes/<int:dispute_id>/<any(uphold, reject):decision>", methods=["POST"])
@verifier_only
def decide_dispute(dispute_id: int, decision: str):
    dispute = load_dispute(dispute_id)
    require(permissions.can_decide_dispute(current_user, dispute))
    form = DecisionForm()
    if not form.validate_on_submit():
        return render_dispute(dispute, form, status=400)
    verb = disputes.uphold_dispute if decision == "uphold" else disputes.reject_dispute
    try:
        verb(dispute, form.reason.data, actor=current_user)
    except Refusal as refusal:
        show_refusal(refusal, form, fallback="reason")
        return render_dispute(dispute, form, status=400)
    db.session.commit()
    flash(
        _("Đã chấp nhận khiếu nại.") if decision == "uphold" else _("Đã bác khiếu nại."),
        "success",
    )
    return redirect(url_for("producers.review_dispute", dispute_id=dispute.id))
