"""Mẫu số 01 and Mẫu số 02 of 26/2026 Phụ lục III, filled in the application: the values first
shown (from the organisation and the product), saving each form, and what is still missing
before submission."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.dossiers.models import Dossier, DossierRegistration, Gender
from evalapp.dossiers.rules import needs_registration_forms
from evalapp.dossiers.transitions import EDITABLE, require_state

FORM_01 = "form_01"
FORM_02 = "form_02"


def prefill(dossier: Dossier) -> dict[str, Any]:
    """What the organisation and the product already say, for a form never saved."""
    organisation, product = dossier.organisation, dossier.product
    with force_locale("vi"):
        legal_form = organisation.legal_form.label
    return {
        "unit_name": organisation.name,
        "representative_name": organisation.representative_name,
        "representative_title": organisation.representative_title,
        "address": organisation.address,
        "phone": organisation.phone,
        "email": organisation.email,
        "product_name": product.name,
        "signing_place": "",
        "signed_on": None,
        "legal_form": legal_form,
        "registration_number": organisation.tax_code,
        "product_description": product.description,
    }


def form_values(dossier: Dossier, form: str, fields: tuple[str, ...]) -> dict[str, Any]:
    """The values `form` opens with: its own `fields` as saved once it was saved (a field
    emptied stays empty), else whatever was saved over the prefill."""
    values = prefill(dossier)
    record = dossier.registration
    if record is None:
        return {name: values.get(name) for name in fields}
    saved = getattr(record, f"{form}_saved_at") is not None
    for name in fields:
        value = getattr(record, name)
        if saved or value not in (None, "", False):
            values[name] = value
    return {name: values.get(name) for name in fields}


def save_form(dossier: Dossier, form: str, values: dict[str, Any], actor: User) -> None:
    """Store a whole form (`FORM_01` or `FORM_02`, already validated) while the dossier is
    editable (draft, or sent back for a supplement)."""
    require_state(dossier, EDITABLE)
    record = dossier.registration
    if record is None:
        record = dossier.registration = DossierRegistration()
    for name, value in values.items():
        setattr(record, name, coerce(name, value))
    setattr(record, f"{form}_saved_at", utcnow())
    audit.record(f"dossier.{form}_saved", dossier, actor=actor, after=audit_values(values))


def coerce(name: str, value: Any) -> Any:
    """A form's value as its column keeps it: a gender, a date, a text or a tick; nothing is
    None where the column allows it, else the column's default ("" or unticked)."""
    if value is None:
        column = DossierRegistration.__table__.c[name]
        return None if column.nullable else column.default.arg
    if name == "representative_gender":
        return Gender(value)
    if isinstance(value, str | bool | date):
        return value
    raise TypeError(f"unexpected value for {name}: {value!r}")


def audit_values(values: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value.isoformat() if isinstance(value, date) else value
        for name, value in values.items()
    }


def is_filled(dossier: Dossier, form: str) -> bool:
    record = dossier.registration
    return record is not None and getattr(record, f"{form}_saved_at") is not None


def forms_missing(dossier: Dossier) -> list[str]:
    """What stops submission on the forms' side: under a rulebook that asks for Mẫu số 01 and 02
    of 26/2026 Phụ lục III (Điều 6.1), each must have been filled and saved."""
    if not needs_registration_forms(dossier):
        return []
    missing = []
    if not is_filled(dossier, FORM_01):
        missing.append(_("Chưa điền Phiếu đăng ký (Mẫu số 01)."))
    if not is_filled(dossier, FORM_02):
        missing.append(_("Chưa điền Báo cáo tự đánh giá (Mẫu số 02, Phần I và II)."))
    return missing
