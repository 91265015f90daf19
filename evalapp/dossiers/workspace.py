"""The producer's dossier workspace: every form of the page, with what went wrong last."""

from __future__ import annotations

from flask import render_template

from evalapp.dossiers import permissions, services
from evalapp.dossiers.claims import criteria_citing
from evalapp.dossiers.forms import DetailsForm, ResubmitForm, SubmitForm
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.registration import FORM_01, FORM_02, is_filled
from evalapp.dossiers.rules import (
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
