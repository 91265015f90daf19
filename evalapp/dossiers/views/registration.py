"""The registration forms of 26/2026 Phụ lục III: the producer fills Mẫu số 01 and Mẫu số 02
on one page; the producer and the staff who may see the dossier download them as PDFs."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles, signed_in
from evalapp.common.downloads import send_generated
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.dossiers import permissions
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.registration import FORM_01, FORM_02, form_values, is_filled, save_form
from evalapp.dossiers.registration_document import form_01_pdf, form_02_pdf
from evalapp.dossiers.registration_forms import FORM_01_FIELDS, FORM_02_FIELDS, Form01, Form02
from evalapp.dossiers.rules import needs_registration_forms, product_classification, sample_count
from evalapp.dossiers.views.blueprint import bp, load
from evalapp.extensions import db

FORMS = {FORM_01: (Form01, FORM_01_FIELDS), FORM_02: (Form02, FORM_02_FIELDS)}


def load_with_forms(dossier_id: int) -> Dossier:
    """The dossier, if its rulebook has these forms (404 otherwise: older rulebooks had their
    own registration papers, uploaded as documents)."""
    dossier = load(dossier_id)
    if not needs_registration_forms(dossier):
        abort(404)
    return dossier


@bp.route("/<int:dossier_id>/registration")
@roles(Role.PRODUCER)
def registration(dossier_id: int):
    dossier = load_with_forms(dossier_id)
    require(permissions.can_view_dossier(current_user, dossier))
    return render_registration(dossier)


@bp.route("/<int:dossier_id>/registration/<any(form_01, form_02):form_code>", methods=["POST"])
@roles(Role.PRODUCER)
def save_registration(dossier_id: int, form_code: str):
    dossier = load_with_forms(dossier_id)
    require(permissions.can_edit_dossier(current_user, dossier))
    form_class, fields = FORMS[form_code]
    posted = form_class()
    if not posted.validate_on_submit():
        return render_registration(dossier, form_code, posted, status=400)
    try:
        save_form(dossier, form_code, {name: posted[name].data for name in fields}, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
        return redirect(url_for("dossiers.registration", dossier_id=dossier.id))
    db.session.commit()
    flash(saved_message(form_code), "success")
    return redirect(url_for("dossiers.registration", dossier_id=dossier.id, _anchor=form_code))


def saved_message(form: str) -> str:
    if form == FORM_01:
        return _("Đã lưu Phiếu đăng ký (Mẫu số 01).")
    return _("Đã lưu Báo cáo tự đánh giá (Mẫu số 02).")


def render_registration(dossier: Dossier, failed: str | None = None, posted=None, status=200):
    """The page with both forms; `posted`, the form `failed` as sent, keeps what was typed."""
    forms = {
        name: posted
        if name == failed
        else form_class(formdata=None, data=form_values(dossier, name, fields))
        for name, (form_class, fields) in FORMS.items()
    }
    return render_template(
        "dossiers/registration.html",
        dossier=dossier,
        forms=forms,
        failed=failed,
        filled={name: is_filled(dossier, name) for name in FORMS},
        editable=permissions.can_edit_dossier(current_user, dossier),
        classification=product_classification(dossier),
        samples=sample_count(dossier),
        unit=form_values(dossier, FORM_01, FORM_01_FIELDS),
    ), status


@bp.route("/<int:dossier_id>/registration/<any(form_01, form_02):form_code>.pdf")
@signed_in
def registration_pdf(dossier_id: int, form_code: str):
    dossier = load_with_forms(dossier_id)
    require(permissions.can_view_dossier(current_user, dossier))
    pdf = form_01_pdf(dossier) if form_code == FORM_01 else form_02_pdf(dossier)
    name = "Mau-01-Phieu-dang-ky" if form_code == FORM_01 else "Mau-02-Bao-cao-tu-danh-gia"
    return send_generated(pdf, f"{name}-{dossier.id}.pdf")
