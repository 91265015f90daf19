"""Administrator screens for user accounts."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import SelectChoice

from evalapp.admin import queries
from evalapp.admin.forms import NewUserForm, ResetPasswordForm, UserFilterForm, UserForm
from evalapp.admin.views.blueprint import admin_only, bp
from evalapp.auth import services
from evalapp.auth.models import User
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.routing import paginate
from evalapp.extensions import db
from evalapp.units import queries as unit_queries
from evalapp.units.models import AdministrativeUnit, Office


def fill_choices(form: UserForm, user: User | None = None) -> bool:
    """Fill the lists (the units of the chosen province, or of the user's unit's province);
    whether the form was sent to pick the province, not to be saved."""
    if user is not None and user.unit is not None and not form.is_submitted():
        province = user.unit.province()
        form.province.data = province.id if province else None
    form.province.choices = [SelectChoice("", _l("— Trung ương và các tỉnh —"))] + [
        SelectChoice(province.id, province.name) for province in unit_queries.provinces()
    ]
    form.unit.choices = unit_queries.unit_choices(
        _l("— Không thuộc đơn vị nào —"), form.province.data
    )
    form.office.choices = unit_queries.office_choices(_l("— Không thuộc cơ quan nào —"))
    return form.is_submitted() and bool(form.pick_province.data)


def chosen(model, identifier):
    return db.session.get(model, identifier) if identifier else None


@bp.route("/users")
@admin_only
def users():
    form = UserFilterForm(request.args)
    form.validate()
    page = paginate(queries.users_matching(form.q.data, form.role.data), per_page=25)
    return render_template("admin/users.html", form=form, page=page)


@bp.route("/users/new", methods=["GET", "POST"])
@admin_only
def new_user():
    form = NewUserForm()
    picking = fill_choices(form)
    if not picking and form.validate_on_submit():
        try:
            user = services.create_user(
                form.email.data,
                form.full_name.data,
                form.password.data,
                form.selected_roles(),
                unit=chosen(AdministrativeUnit, form.unit.data),
                office=chosen(Office, form.office.data),
                must_change_password=True,
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="full_name")
        else:
            db.session.commit()
            flash(_("Đã tạo tài khoản %(email)s.", email=user.email), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template("admin/user_form.html", form=form, user=None)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@admin_only
def edit_user(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = UserForm(
        obj=user,
        unit=user.unit_id,
        office=user.office_id,
        roles=[role.value for role in user.roles],
    )
    picking = fill_choices(form, user)
    if not picking and form.validate_on_submit():
        try:
            services.update_account(
                user,
                actor=current_user,
                full_name=form.full_name.data,
                roles=form.selected_roles(),
                unit=chosen(AdministrativeUnit, form.unit.data),
                office=chosen(Office, form.office.data),
                is_active=form.is_active.data,
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="full_name")
        else:
            db.session.commit()
            flash(_("Đã lưu tài khoản %(email)s.", email=user.email), "success")
            return redirect(url_for("admin.edit_user", user_id=user.id))
    return render_template(
        "admin/user_form.html", form=form, user=user, reset_form=ResetPasswordForm()
    )


@bp.route("/users/<int:user_id>/password", methods=["POST"])
@admin_only
def reset_password(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user, form.new_password.data, actor=current_user)
        except Refusal as refusal:
            show_refusal(refusal)
        else:
            db.session.commit()
            flash(_("Đã đặt lại mật khẩu; người dùng phải đổi mật khẩu khi đăng nhập."), "success")
    return redirect(url_for("admin.edit_user", user_id=user.id))
