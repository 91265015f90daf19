"""The administrator's screens of the sheet library (`evalapp.sheets`): every version of every sheet by rulebook, the broken
shipped files, import (checked: nothing saved while a problem remains), a version's page with
its preview as members see it and what changed against the version in use, publish, retire,
delete a draft — each irreversible step confirmed first."""

from __future__ import annotations

import json

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from evalapp.admin.sheet_forms import ImportForm
from evalapp.admin.views.blueprint import admin_only, bp
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.downloads import send_generated
from evalapp.dossiers.queries import dossiers_on_sheet_version
from evalapp.extensions import db
from evalapp.rules import list_rulebooks, load_rulebook, sheet_file_problems
from evalapp.sheets import library, services, xlsx
from evalapp.sheets.models import SheetVersion
from evalapp.sheets.uploads import read_sheet_upload


@bp.route("/sheets")
@admin_only
def sheets():
    versions = db.session.scalars(
        select(SheetVersion).order_by(
            SheetVersion.rulebook_code, SheetVersion.code, SheetVersion.number.desc()
        )
    ).all()
    shelves = [
        (
            book,
            [v for v in versions if v.rulebook_code == book.code],
            sheet_file_problems(book.code),
            library.subgroup_sheet_codes(book.code),
        )
        for book in reversed(list_rulebooks())
    ]
    return render_template("admin/sheets/index.html", shelves=shelves)


def rulebook_choices():
    return [(book.code, book.reference) for book in reversed(list_rulebooks())]


@bp.route("/sheets/import", methods=["GET", "POST"])
@admin_only
def import_sheet():
    form = ImportForm()
    form.rulebook.choices = rulebook_choices()
    problems: list[str] = []
    if form.validate_on_submit():
        rulebook = load_rulebook(form.rulebook.data)
        upload = form.sheet_file.data
        checked = read_sheet_upload(upload.read(), rulebook)
        if checked.problems:
            problems = checked.problems
        else:
            version = services.add_draft(
                rulebook,
                checked,
                current_user,
                file_name=upload.filename or "",
                legal_basis=form.legal_basis.data or "",
                effective_from=form.effective_from.data,
                effective_until=form.effective_until.data,
            )
            db.session.commit()
            flash(
                _("Đã lưu bản nháp phiên bản %(n)d; hãy xem lại rồi công bố.", n=version.number),
                "success",
            )
            return redirect(url_for("admin.sheet_version", version_id=version.id))
    status = 422 if problems or form.errors else 200
    return render_template(
        "admin/sheets/import.html",
        form=form,
        problems=problems,
        rulebooks=list(reversed(list_rulebooks())),
    ), status


def load(version_id: int) -> SheetVersion:
    return db.session.get(SheetVersion, version_id) or abort(404)


@bp.route("/sheets/versions/<int:version_id>")
@admin_only
def sheet_version(version_id: int):
    version = load(version_id)
    rulebook = load_rulebook(version.rulebook_code)
    in_use = services.published_of(version)
    return render_template(
        "admin/sheets/version.html",
        version=version,
        rulebook=rulebook,
        sheet=library.version_sheet(version),
        in_use=in_use if in_use is not None and in_use.id != version.id else None,
        changes=services.changes_against(version, in_use),
        dossiers=dossiers_on_sheet_version(version.id),
        others=services.other_versions(version),
    )


@bp.route("/sheets/versions/<int:version_id>.json")
@admin_only
def sheet_version_json(version_id: int):
    version = load(version_id)
    body = json.dumps(version.data, ensure_ascii=False, indent=2).encode("utf-8")
    return send_generated(
        body, f"{version.code}-v{version.number}.json", mimetype="application/json"
    )


def dossiers_on_replaced(version: SheetVersion) -> int:
    replaced = services.published_of(version)
    return 0 if replaced is None else dossiers_on_sheet_version(replaced.id)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@bp.route("/sheets/versions/<int:version_id>.xlsx")
@admin_only
def sheet_version_xlsx(version_id: int):
    """The version as the workbook an official fills in (edit it, import it as a new version)."""
    version = load(version_id)
    workbook = xlsx.export_sheet(
        library.version_sheet(version), load_rulebook(version.rulebook_code)
    )
    return send_generated(workbook, f"{version.code}-v{version.number}.xlsx", mimetype=XLSX)


@bp.route("/sheets/template/<rulebook_code>.xlsx")
@admin_only
def sheet_template(rulebook_code: str):
    rulebook = next((b for b in list_rulebooks() if b.code == rulebook_code), None) or abort(404)
    return send_generated(
        xlsx.blank_template(rulebook), f"mau-phieu-{rulebook.code}.xlsx", mimetype=XLSX
    )


def back(version: SheetVersion) -> str:
    return url_for("admin.sheet_version", version_id=version.id)


@bp.post("/sheets/versions/<int:version_id>/publish")
@admin_only
def publish_sheet(version_id: int):
    version = load(version_id)
    rulebook = load_rulebook(version.rulebook_code)
    if not is_confirmed():
        return ask(
            services.publish_confirmation(version, back(version), dossiers_on_replaced(version))
        )
    try:
        replaced = services.publish(version, rulebook, current_user)
    except services.LibraryError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(back(version))
    db.session.commit()
    message = _(
        "Đã công bố phiên bản %(n)d của phiếu %(code)s.", n=version.number, code=version.code
    )
    if replaced is not None:
        message += " " + _("Phiên bản %(n)d thôi dùng cho hồ sơ mới.", n=replaced.number)
    flash(message, "success")
    return redirect(back(version))


@bp.post("/sheets/versions/<int:version_id>/retire")
@admin_only
def retire_sheet(version_id: int):
    version = load(version_id)
    if not is_confirmed():
        return ask(
            services.retire_confirmation(
                version, back(version), dossiers_on_sheet_version(version.id)
            )
        )
    try:
        services.retire(version, current_user)
    except services.LibraryError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(back(version))
    db.session.commit()
    flash(
        _("Phiên bản %(n)d của phiếu %(code)s đã thôi dùng.", n=version.number, code=version.code),
        "info",
    )
    return redirect(back(version))


@bp.post("/sheets/versions/<int:version_id>/delete")
@admin_only
def delete_sheet_draft(version_id: int):
    version = load(version_id)
    if not is_confirmed():
        return ask(services.delete_confirmation(version, back(version)))
    try:
        services.delete_draft(version, current_user)
    except services.LibraryError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(back(version))
    db.session.commit()
    flash(_("Đã xóa bản nháp."), "info")
    return redirect(url_for("admin.sheets"))
