"""The audit log screen: every recorded action, newest first, filtered by who, what and when."""

from flask import render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select

from evalapp.admin import queries
from evalapp.admin.audit_forms import OBJECT_LABELS, AuditFilterForm
from evalapp.admin.views.blueprint import admin_only, bp
from evalapp.certificates.models import Certificate
from evalapp.common.routing import paginate
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.permissions import can_view_dossier
from evalapp.extensions import db

ENTRIES_PER_PAGE = 50
FILTERS = ("user", "object_type", "object_id", "action", "since", "until")


@bp.route("/audit")
@admin_only
def audit():
    form = AuditFilterForm(request.args)
    form.set_object_types(queries.audit_object_types())
    form.validate()
    page = paginate(
        queries.audit_entries(**{name: form[name].data for name in FILTERS}),
        per_page=ENTRIES_PER_PAGE,
    )
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        actors=queries.names_of_actors(page.items),
        links=object_links(page.items),
        object_labels=OBJECT_LABELS,
        changes=changes,
        filters={name: request.args[name] for name in FILTERS if form[name].data},
    )


def ids_of(entries, object_type: str) -> set[int]:
    return {
        int(e.object_id)
        for e in entries
        if e.object_type == object_type and (e.object_id or "").isdigit()
    }


def object_links(entries) -> dict[tuple[str, str], str]:
    """The page of each object named on this page, where one exists and this administrator
    may open it (a dossier's page only for who may see the dossier: no link to a 403)."""
    links = {}
    for user_id in ids_of(entries, "User"):
        links["User", str(user_id)] = url_for("admin.edit_user", user_id=user_id)
    for unit_id in ids_of(entries, "AdministrativeUnit"):
        links["AdministrativeUnit", str(unit_id)] = url_for("admin.edit_unit", unit_id=unit_id)
    for office_id in ids_of(entries, "Office"):
        links["Office", str(office_id)] = url_for("admin.edit_office", office_id=office_id)
    certificates = ids_of(entries, "Certificate")
    if certificates:
        query = select(Certificate.id, Certificate.public_id).where(
            Certificate.id.in_(certificates)
        )
        for certificate_id, public_id in db.session.execute(query):
            links["Certificate", str(certificate_id)] = url_for(
                "registry.verify", public_id=public_id
            )
    dossiers = ids_of(entries, "Dossier")
    if dossiers:
        for dossier in db.session.scalars(select(Dossier).where(Dossier.id.in_(dossiers))):
            if can_view_dossier(current_user, dossier):
                links["Dossier", str(dossier.id)] = url_for("dossiers.show", dossier_id=dossier.id)
    return links


def readable(value) -> str:
    """A recorded value as a person reads it: text as is, lists joined, nested values as
    `key: value` pairs, nothing as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "✓" if value else "✗"
    if isinstance(value, list | tuple | set):
        return ", ".join(readable(item) for item in value) or "—"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {readable(item)}" for key, item in value.items()) or "—"
    return str(value)


def changes(entry) -> list[tuple[str, str, str | None]]:
    """(field, before, after) for each field the entry records; `before` is None when the entry
    records only the new values."""
    before, after = entry.before or {}, entry.after or {}
    keys = list(before) + [key for key in after if key not in before]
    return [
        (
            key,
            readable(before.get(key)) if entry.before is not None else None,
            readable(after.get(key)),
        )
        for key in keys
    ]
