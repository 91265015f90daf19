"""The producer's self-assessment: the same criteria sheet the council will use."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.dossiers import permissions, services
from evalapp.dossiers.rules import rulebook_of, sheet_of
from evalapp.dossiers.views.blueprint import bp, load
from evalapp.extensions import db
from evalapp.rulebooks.services import self_check
from evalapp.rulebooks.sheet_form import choices_from, field_name


@bp.route("/<int:dossier_id>/self-assessment", methods=["GET", "POST"])
@roles(Role.PRODUCER)
def self_assessment(dossier_id: int):
    dossier = load(dossier_id)
    require(permissions.can_view_dossier(current_user, dossier))
    sheet = sheet_of(dossier) or abort(404)
    editable = permissions.can_edit_self_assessment(current_user, dossier)
    choices = dict(dossier.self_assessment or {})
    if request.method == "POST":
        require(editable)
        choices = choices_from(request.form, sheet)
        try:
            services.save_self_assessment(dossier, choices, current_user)
        except Refusal as refusal:
            show_refusal(refusal)
        else:
            db.session.commit()
            flash(_("Đã lưu phiếu tự đánh giá."), "success")
            return redirect(url_for("dossiers.self_assessment", dossier_id=dossier.id))
    rulebook = rulebook_of(dossier)
    outcome = self_check(rulebook, sheet, choices) if any(choices.values()) else None
    return render_template(
        "dossiers/self_assessment.html",
        dossier=dossier,
        sheet=sheet,
        rulebook=rulebook,
        choices=choices,
        outcome=outcome,
        field_name=field_name,
        editable=editable,
    )
