"""Administrator screens for administrative units and their offices."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from evalapp.admin.unit_forms import LEVEL_LABELS, OfficeForm, UnitForm
from evalapp.admin.views.blueprint import admin_only, bp
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.routing import paginate
from evalapp.extensions import db
from evalapp.units import services
from evalapp.units.models import AdministrativeUnit, Office, UnitLevel
from evalapp.units.queries import parent_choices, units_listed

UNITS_PER_PAGE = 100


@bp.route("/units/")
@admin_only
def units():
    text = request.args.get("q", "")[:100]
    level = request.args.get("level", "")
    query = units_listed(text, UnitLevel(level) if level in LEVEL_LABELS else None)
    page = paginate(query, per_page=UNITS_PER_PAGE)
    return render_template(
        "admin/units/index.html",
        page=page,
        units=page.items,
        level_labels=LEVEL_LABELS,
        q=text,
        level=level,
    )


def save_from_form(form: UnitForm, unit):
    if not form.validate_on_submit():
        return None
    parent = db.session.get(AdministrativeUnit, form.parent.data) if form.parent.data else None
    try:
        saved = services.save_unit(
            unit,
            code=form.code.data,
            name=form.name.data,
            level=UnitLevel(form.level.data),
            parent=parent,
            is_active=form.is_active.data,
            official_code=form.official_code.data or "",
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback="name")
        return None
    db.session.commit()
    flash(_("Đã lưu đơn vị %(name)s.", name=saved.name), "success")
    return redirect(url_for("admin.units"))


@bp.route("/units/new", methods=["GET", "POST"])
@admin_only
def new_unit():
    form = UnitForm()
    form.parent.choices = parent_choices(_l("— Không có (cấp trung ương) —"))
    return save_from_form(form, None) or render_template(
        "admin/units/unit_form.html", form=form, unit=None
    )


@bp.route("/units/<int:unit_id>", methods=["GET", "POST"])
@admin_only
def edit_unit(unit_id: int):
    unit = db.session.get(AdministrativeUnit, unit_id) or abort(404)
    form = UnitForm(obj=unit, level=unit.level.value, parent=unit.parent_id)
    form.parent.choices = parent_choices(_l("— Không có (cấp trung ương) —"))
    return save_from_form(form, unit) or render_template(
        "admin/units/unit_form.html", form=form, unit=unit
    )


def save_office_from_form(form: OfficeForm, office, unit):
    if not form.validate_on_submit():
        return None
    services.save_office(office, unit=unit, name=form.name.data)
    db.session.commit()
    flash(_("Đã lưu cơ quan %(name)s.", name=form.name.data), "success")
    return redirect(url_for("admin.units"))


@bp.route("/units/<int:unit_id>/offices/new", methods=["GET", "POST"])
@admin_only
def new_office(unit_id: int):
    unit = db.session.get(AdministrativeUnit, unit_id) or abort(404)
    form = OfficeForm()
    return save_office_from_form(form, None, unit) or render_template(
        "admin/units/office_form.html", form=form, unit=unit, office=None
    )


@bp.route("/units/offices/<int:office_id>", methods=["GET", "POST"])
@admin_only
def edit_office(office_id: int):
    office = db.session.get(Office, office_id) or abort(404)
    form = OfficeForm(obj=office)
    return save_office_from_form(form, office, office.unit) or render_template(
        "admin/units/office_form.html", form=form, unit=office.unit, office=office
    )
