"""Refusals: what a user asked for that cannot be done now, and where the user reads why.

Every feature's error class (`DossierError`, `CouncilError`, …) is a `Refusal`, so a view
handles them all in one way:

    except Refusal as refusal:
        show_refusal(refusal, form)
"""

from __future__ import annotations

from flask import flash

from evalapp.extensions import db

# `fallback=ABOVE_FORM`: a refusal with no field of its own goes in the form's own errors,
# which the template shows above the form.
ABOVE_FORM = "form_errors"


class Refusal(Exception):
    """A request that cannot be carried out. `message` is for the user, already translated
    (`_()` at raise time, in the request's language); `field` names the form field it concerns,
    when there is one."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def show_refusal(refusal: Refusal, form=None, *, fallback: str | None = None) -> None:
    """Undo the request's changes and put the message where the user looks: next to the
    refusal's field when `form` has it, else next to `fallback` (a field name, or `ABOVE_FORM`),
    else flashed ("danger"). The form keeps what was typed: re-render it, do not redirect."""
    db.session.rollback()
    errors = _errors_for(form, refusal.field)
    if errors is None:
        errors = _errors_for(form, fallback)
    if errors is None:
        flash(str(refusal), "danger")
    else:
        errors.append(str(refusal))


def _errors_for(form, name: str | None) -> list | None:
    if form is None or name is None:
        return None
    if name == ABOVE_FORM:
        return form.form_errors
    field = form._fields.get(name)
    if field is None:
        return None
    field.errors = list(field.errors)  # a tuple until the field has been validated
    return field.errors
