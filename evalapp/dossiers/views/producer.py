"""Dossiers, the producer's side: start, fill (documents, self-assessment), submit, follow."""

import segno
from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from wtforms import SelectChoice

from evalapp.auth.models import Role
from evalapp.common.access import require, roles, signed_in
from evalapp.common.commits import commit_and_answer
from evalapp.common.downloads import send_stored_file
from evalapp.common.i18n import format_moment, localised
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.routing import paginate
from evalapp.common.time import local_today
from evalapp.common.urls import absolute_url
from evalapp.dossiers import permissions, queries, services
from evalapp.dossiers.claims import criteria_citing, part_three_rows, with_changes
from evalapp.dossiers.commune import commune_badge
from evalapp.dossiers.cut_offs import cut_off_badge
from evalapp.dossiers.drafting import renewable_certificates
from evalapp.dossiers.forms import (
    DetailsForm,
    DossierFilterForm,
    NewDossierForm,
    ResubmitForm,
    SubmitForm,
    SupplementForm,
)
from evalapp.dossiers.models import (
    EVENT_LABELS,
    Dossier,
    DossierDocument,
    DossierState,
    RegistrationType,
)
from evalapp.dossiers.numbering import missing_official_code
from evalapp.dossiers.re_evaluation import clock_lines, window_lines
from evalapp.dossiers.rules import (
    checklist_items,
    needs_registration_forms,
    pre_review_level,
    rulebook_of,
    sheet_of,
)
from evalapp.dossiers.uploads import store_uploads
from evalapp.dossiers.views.blueprint import bp, load
from evalapp.dossiers.workspace import render_item_answer, render_workspace
from evalapp.extensions import db
from evalapp.rounds.queries import open_rounds_for
from evalapp.rules import load_rulebook, transition_deadline

UPLOAD_ERRORS = "dossiers.upload_errors"
producer_only = roles(Role.PRODUCER)


def back_to_workspace(dossier: Dossier, anchor: str = ""):
    return redirect(url_for("dossiers.edit", dossier_id=dossier.id, _anchor=anchor or None))


@bp.route("/")
@producer_only
def mine():
    form = DossierFilterForm(request.args)
    form.validate()
    organisation_id = current_user.organisation_id or abort(404)
    page = paginate(
        queries.dossiers_of_organisation(organisation_id, form.q.data, form.state.data), per_page=20
    )
    return render_template("dossiers/mine.html", form=form, page=page)


@bp.route("/new", methods=["GET", "POST"])
@producer_only
def new():
    organisation = current_user.organisation or abort(404)
    form = NewDossierForm()
    if request.method == "GET":  # the expiry reminder links here with the certificate to renew
        form.registration_type.process_data(request.args.get("registration_type", "first_time"))
        form.previous_certificate.process_data(request.args.get("previous_certificate", "")[:100])
    rounds = open_rounds_for(organisation, local_today())
    form.product.choices = [SelectChoice(p.id, p.name) for p in organisation.products]
    form.round.choices = [SelectChoice(r.id, f"{r.name} — {r.unit.name}") for r in rounds]
    form.product_class.choices = queries.class_choices({r.rulebook_code for r in rounds})
    if form.validate_on_submit():
        product = next((p for p in organisation.products if p.id == form.product.data), None)
        round_ = next((r for r in rounds if r.id == form.round.data), None)
        try:
            if product is None or round_ is None:
                raise services.DossierError(
                    _("Vui lòng chọn sản phẩm và đợt đánh giá trong danh sách.")
                )
            dossier = services.start_dossier(
                product,
                round_,
                RegistrationType(form.registration_type.data),
                form.previous_certificate.data or "",
                current_user,
                class_code=queries.chosen_class(form.product_class.data, round_),
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="round")
        else:
            db.session.commit()
            flash(
                _("Đã tạo hồ sơ nháp. Hãy bổ sung tài liệu và phiếu tự đánh giá rồi nộp."),
                "success",
            )
            return back_to_workspace(dossier)
    windows = window_lines(
        renewable_certificates(organisation.id), [load_rulebook(r.rulebook_code) for r in rounds]
    )
    return render_template("dossiers/new.html", form=form, rounds=rounds, windows=windows)


@bp.route("/<int:dossier_id>")
@signed_in
def show(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_view_dossier(current_user, dossier))
    return render_dossier(dossier)


def render_dossier(dossier: Dossier, supplement_form=None, status: int = 200):
    """The dossier's page; `supplement_form` keeps what the secretariat typed when refused."""
    staff = not permissions.is_producer_of(current_user, dossier)
    page = render_template(
        "dossiers/show.html",
        dossier=dossier,
        part_three=part_three_rows(dossier) if staff else [],
        with_changes=with_changes(dossier),
        supplement_form=supplement_form or SupplementForm(formdata=None),
        **page_context(dossier),
    )
    return page, status


def page_context(dossier: Dossier) -> dict:
    items = checklist_items(dossier)
    return {
        "items": items,
        "item_names": {item.code: localised(item.name) for item in items},
        "event_labels": EVENT_LABELS,
        "rulebook": rulebook_of(dossier),
        "sheet": sheet_of(dossier),
        "pre_review_level": pre_review_level(rulebook_of(dossier)),
        "permissions": permissions,
        "deadline": commune_badge(dossier, local_today())
        or queries.deadline_badge(dossier, local_today()),
        "cut_off": cut_off_badge(dossier, local_today()),
        "late": queries.submitted_late(dossier),
        "previous_certificate": dossier.previous_certificate_record,
        "transition_deadline": transition_deadline_of(dossier),
        "forms_required": needs_registration_forms(dossier),
        "uncoded_unit": missing_official_code(dossier) if dossier.submitted_at else None,
        # 26/2026 Điều 7.6.g, shown to the staff only.
        "clock": clock_lines([dossier], local_today()).get(dossier.id),
        "supplement_due": services.supplement_due_line(dossier.supplement_due_on)
        if dossier.state is DossierState.NEEDS_SUPPLEMENT
        else None,
    }


def transition_deadline_of(dossier: Dossier):
    """26/2026 Điều 12.2: the day by which a dossier filed before 22/5/2026 under the replaced
    rules must be evaluated (None for any other dossier)."""
    if dossier.submitted_at is None:
        return None
    filed = dossier.submitted_at.date()
    return transition_deadline(rulebook_of(dossier), filed, dossier.registration_type.value)


@bp.route("/<int:dossier_id>/edit")
@producer_only
def edit(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_edit_dossier(current_user, dossier))
    return render_workspace(dossier, errors=session.pop(UPLOAD_ERRORS, None))


@bp.route("/<int:dossier_id>/details", methods=["POST"])
@producer_only
def update_details(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_edit_dossier(current_user, dossier))
    form = DetailsForm()
    if form.validate_on_submit():
        try:
            services.update_details(
                dossier,
                RegistrationType(form.registration_type.data),
                form.previous_certificate.data or "",
                current_user,
            )
        except services.DossierError as error:
            return render_workspace(dossier, details_form=form, errors={"details": [str(error)]})
        db.session.commit()
        flash(_("Đã lưu thông tin đăng ký."), "success")
    return back_to_workspace(dossier, "details")


@bp.route("/<int:dossier_id>/documents", methods=["POST"])
@producer_only
def upload(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_edit_dossier(current_user, dossier))
    item_code = request.form.get("item", "")
    saved, errors = store_uploads(dossier, item_code, request.files.getlist("files"), current_user)
    db.session.commit()
    if from_script():
        notices = [("success", _("Đã tải lên %(n)d tệp.", n=saved))] if saved else []
        return item_answer(dossier, item_code, errors, notices, status=200 if saved else 422)
    if errors:
        session[UPLOAD_ERRORS] = {item_code: errors}  # shown next to the item after the redirect
    if saved:
        flash(_("Đã tải lên %(n)d tệp.", n=saved), "success")
    return back_to_workspace(dossier, f"item-{item_code}")


@bp.route("/<int:dossier_id>/documents/<int:document_id>/remove", methods=["POST"])
@producer_only
def remove_document(dossier_id: int, document_id: int):
    dossier = load(dossier_id)
    require(permissions.can_edit_dossier(current_user, dossier))
    document = next((d for d in dossier.documents if d.id == document_id), None) or abort(404)
    name, citing = document.file.original_name, criteria_citing(dossier, sheet_of(dossier))
    item_code, notices, errors = document.item_code, [], []
    try:
        services.remove_document(dossier, document, current_user)
    except Refusal as refusal:
        db.session.rollback()
        errors.append(str(refusal))
    else:
        db.session.commit()
        notices.append(("info", _("Đã gỡ tệp “%(name)s”.", name=name)))
        if citing.get(document_id):
            notices.append(("warning", lost_evidence(dossier, citing[document_id])))
    if from_script():
        return item_answer(dossier, item_code, errors, notices, status=422 if errors else 200)
    for category, message in [*notices, *(("danger", error) for error in errors)]:
        flash(message, category)
    return back_to_workspace(dossier, f"item-{item_code}")


def from_script() -> bool:
    """The workspace's script (static/js/uploads.js) asks for the item's box, not a redirect."""
    return request.headers.get("X-Requested-With") == "fetch"


def item_answer(dossier: Dossier, item_code: str, errors: list[str], notices, status: int = 200):
    blockers_for = current_user if request.form.get("blockers") == "1" else None
    return render_item_answer(
        dossier, item_code, errors=errors, notices=notices, blockers_for=blockers_for, status=status
    )


def lost_evidence(dossier: Dossier, codes: list[str]) -> str:
    """Which criteria lose this file as evidence (a draft's file is deleted with its links); after
    submission the file is kept as an earlier version, still cited by the submitted claims."""
    if dossier.state is DossierState.DRAFT and dossier.submitted_at is None:
        return _(
            "Các tiêu chí sau không còn tệp này làm minh chứng trong phiếu tự đánh giá: %(codes)s.",
            codes=", ".join(codes),
        )
    return _(
        "Phiếu tự đánh giá đã nộp vẫn dẫn tệp này (bản cũ) làm minh chứng cho các tiêu chí: "
        "%(codes)s.",
        codes=", ".join(codes),
    )


@bp.route("/<int:dossier_id>/submit", methods=["POST"])
@producer_only
def submit(dossier_id: int):
    """Files the dossier. Pressed again — a double click, a stale tab, F5 — it leads to the
    receipt of the submission already made, as does losing the race to another tab."""
    dossier = load(dossier_id)
    if already_submitted(dossier):
        return to_receipt(dossier)
    require(permissions.can_edit_dossier(current_user, dossier))
    form = SubmitForm()
    if not form.validate_on_submit():
        return render_workspace(dossier, submit_form=form)
    try:
        return file_dossier(dossier, form)
    except StaleDataError:
        db.session.rollback()
        dossier = load(dossier_id)
        if not already_submitted(dossier):
            raise
        return to_receipt(dossier)


def file_dossier(dossier: Dossier, form: SubmitForm):
    services.sign_declaration(dossier, form.declaration_name.data, current_user)
    missing = services.missing_for_submission(dossier, current_user)
    if missing:
        db.session.commit()  # the declaration is kept; the rest is still to do
        return render_workspace(dossier, submit_form=form, missing=missing)
    services.submit_dossier(dossier, current_user)
    return commit_and_answer(
        redirect(url_for("dossiers.receipt", dossier_id=dossier.id)),
        _("Đã nộp hồ sơ. Mã số biên nhận: %(code)s.", code=dossier.receipt_code),
    )


def already_submitted(dossier: Dossier) -> bool:
    """The producer's dossier is filed and not back in drafting."""
    return (
        permissions.is_producer_of(current_user, dossier)
        and dossier.submitted_at is not None
        and dossier.state is not DossierState.DRAFT
    )


def to_receipt(dossier: Dossier):
    message = _(
        "Hồ sơ đã được nộp lúc %(moment)s, mã số biên nhận %(code)s.",
        moment=format_moment(dossier.submitted_at),
        code=dossier.receipt_code,
    )
    flash(message, "info")
    return redirect(url_for("dossiers.receipt", dossier_id=dossier.id))


@bp.route("/<int:dossier_id>/resubmit", methods=["POST"])
@producer_only
def resubmit(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_edit_dossier(current_user, dossier))
    form = ResubmitForm()
    if form.validate_on_submit():
        try:
            services.resubmit_dossier(dossier, current_user, form.message.data or "")
        except services.DossierError as error:
            return render_workspace(dossier, resubmit_form=form, missing=[str(error)])
        db.session.commit()
        flash(_("Đã gửi hồ sơ đã bổ sung."), "success")
        return redirect(url_for("dossiers.show", dossier_id=dossier.id))
    return render_workspace(dossier, resubmit_form=form)


@bp.route("/<int:dossier_id>/receipt")
@signed_in
def receipt(dossier_id: int):
    dossier = load(dossier_id)
    require(
        permissions.can_view_dossier(current_user, dossier) and dossier.receipt_code is not None
    )
    status_url = absolute_url("dossiers.show", dossier_id=dossier.id)
    qr_code = segno.make(status_url, error="m").svg_data_uri(scale=4)
    return render_template(
        "dossiers/receipt.html", dossier=dossier, qr_code=qr_code, **page_context(dossier)
    )


@bp.route("/documents/<int:document_id>")
@signed_in
def document(document_id: int):
    document = db.session.get(DossierDocument, document_id) or abort(404)
    dossier = document.dossier
    require(permissions.can_view_dossier(current_user, dossier))
    require(document.is_current or permissions.can_see_file_history(current_user, dossier))
    stored = document.file
    return send_stored_file(stored, inline=request.args.get("inline") == "1")
