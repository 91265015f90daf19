"""The producer's dossier workspace: every form of the page, with what went wrong last."""

from __future__ import annotations

from flask import render_template

from evalapp.dossiers import permissions, services
from evalapp.dossiers.claims import criteria_citing
from evalapp.dossiers.forms import DetailsForm, ResubmitForm, SubmitForm
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.registration import FORM_01, FORM_02, is_filled
from evalapp.dossiers.rules import (
    checklist_item,
    checklist_items,
    needs_registration_forms,
    rulebook_of,
    sheet_of,
)
from evalapp.producers.verification import submission_problem
from evalapp.rules import score_sheet


def render_workspace(
    dossier: Dossier,
    *,
    details_form=None,
    submit_form=None,
    resubmit_form=None,
    errors: dict | None = None,
    missing: list[str] | None = None,
    status: int = 200,
):
    sheet = sheet_of(dossier)
    context = {
        "dossier": dossier,
        "items": checklist_items(dossier),
        "open_items": services.items_open_for_upload(dossier),
        "corrections": services.items_needing_correction(dossier),
        "supplement_due": services.supplement_due_line(dossier.supplement_due_on),
        "rulebook": rulebook_of(dossier),
        "sheet": sheet,
        "assessment": score_sheet(sheet, dossier.self_assessment or {}) if sheet else None,
        "details_form": details_form
        or DetailsForm(
            registration_type=dossier.registration_type.value,
            previous_certificate=dossier.previous_certificate,
        ),
        "submit_form": submit_form or SubmitForm(declaration_name=dossier.declaration_name),
        "resubmit_form": resubmit_form or ResubmitForm(),
        "errors": errors or {},
        "missing": missing or [],
        "unverified": submission_problem(dossier.organisation),
        "is_draft": dossier.state is DossierState.DRAFT,
        "forms_required": needs_registration_forms(dossier),
        "forms_filled": {form: is_filled(dossier, form) for form in (FORM_01, FORM_02)},
        "permissions": permissions,
        "cited": criteria_citing(dossier, sheet),
    }
    return render_template("dossiers/edit.html", **context), status


def render_item_answer(
    dossier: Dossier,
    item_code: str,
    *,
    errors: list[str],
    notices: list[tuple[str, str]],
    blockers_for=None,
    status: int = 200,
):
    """The one checklist item's box after an upload or a removal, for the page's script
    (static/js/uploads.js) to put in place of the old one; with the submission blockers
    recomputed for `blockers_for` (the producer) when the page shows them."""
    refresh_blockers = blockers_for is not None and dossier.state is DossierState.DRAFT
    context = {
        "dossier": dossier,
        "item": checklist_item(dossier, item_code),
        "open_items": services.items_open_for_upload(dossier),
        "corrections": services.items_needing_correction(dossier),
        "cited": criteria_citing(dossier, sheet_of(dossier)),
        "errors": {item_code: errors} if errors else {},
        "notices": notices,
        "missing": services.missing_for_submission(dossier, blockers_for)
        if refresh_blockers
        else None,
    }
    return render_template("dossiers/_item_answer.html", **context), status
