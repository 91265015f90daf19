"""The producer's self-assessment: the same criteria sheet the council will use, with a
description and the evidence of each criterion (Mẫu 02 Phần III)."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.i18n import localised
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.dossiers import claims, permissions, services
from evalapp.dossiers.rules import checklist_items, rulebook_of, sheet_of
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
    choices, typed, problems, status = dict(dossier.self_assessment or {}), None, [], 200
    if request.method == "POST":
        require(editable)
        choices = choices_from(request.form, sheet)
        typed, unknown = claims.claims_from(request.form, sheet)
        try:
            services.save_self_assessment(dossier, choices, current_user, typed, unknown)
        except services.SelfAssessmentRefused as refusal:
            db.session.rollback()
            problems, status = refusal.problems, 422
        except Refusal as refusal:
            show_refusal(refusal)
        else:
            db.session.commit()
            flash(_("Đã lưu phiếu tự đánh giá."), "success")
            return redirect(url_for("dossiers.self_assessment", dossier_id=dossier.id))
    return render_template(
        "dossiers/self_assessment.html", **page(dossier, sheet, choices, typed, editable, problems)
    ), status


def page(dossier, sheet, choices, typed, editable, problems) -> dict:
    """The form as saved, or (`typed`) as posted when the save was refused; read-only, the rows
    of Mẫu 02 Phần III."""
    rulebook = rulebook_of(dossier)
    context = {
        "dossier": dossier,
        "sheet": sheet,
        "rulebook": rulebook,
        "choices": choices,
        "outcome": self_check(rulebook, sheet, choices) if any(choices.values()) else None,
        "field_name": field_name,
        "editable": editable,
        "problems": problems,
        "with_changes": claims.with_changes(dossier),
    }
    if not editable:
        rows = claims.part_three_rows(dossier, sheet)
        return {**context, "rows": {row.code: row for row in rows}}
    return {
        **context,
        "claims": typed if typed is not None else claims.inputs_of(dossier),
        "documents": dossier.current_documents(),
        "item_names": {item.code: localised(item.name) for item in checklist_items(dossier)},
        "fields": {
            "description": claims.description_name,
            "evidence": claims.evidence_name,
            "changes": claims.changes_name,
            "description_max": claims.DESCRIPTION_MAX,
            "changes_max": claims.CHANGES_MAX,
        },
    }
