"""The administrator's screen for API tokens: create one for a unit's client, revoke it."""

from flask import abort, flash, make_response, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from wtforms import SelectChoice

from evalapp.admin.token_forms import ApiTokenForm
from evalapp.admin.views.blueprint import admin_only, bp
from evalapp.api import tokens
from evalapp.api.models import ApiToken
from evalapp.common.confirmation import Confirmation, ask, is_confirmed
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit


def token_form() -> ApiTokenForm:
    form = ApiTokenForm()
    units = db.session.scalars(
        select(AdministrativeUnit)
        .where(AdministrativeUnit.level.in_(tokens.TOKEN_LEVELS), AdministrativeUnit.is_active)
        .order_by(AdministrativeUnit.level, AdministrativeUnit.name)
    )
    form.unit.choices = [SelectChoice(unit.id, unit.name) for unit in units]
    return form


def tokens_page(form: ApiTokenForm, created: tuple | None = None, status: int = 200):
    listed = db.session.scalars(
        select(ApiToken).options(joinedload(ApiToken.unit)).order_by(ApiToken.id.desc())
    ).all()
    response = make_response(
        render_template("admin/api_tokens.html", form=form, tokens=listed, created=created),
        status,
    )
    response.headers["Cache-Control"] = "no-store"  # the new token is on this page, once
    return response


@bp.route("/api-tokens/", methods=["GET", "POST"])
@admin_only
def api_tokens():
    form = token_form()
    if not form.is_submitted():
        return tokens_page(form)
    if not form.validate():
        return tokens_page(form, status=400)
    unit = db.session.get(AdministrativeUnit, form.unit.data) or abort(404)
    token, plain = tokens.issue(unit, form.name.data, by=current_user)
    db.session.commit()
    return tokens_page(token_form(), created=(token, plain))


@bp.route("/api-tokens/<int:token_id>/revoke", methods=["POST"])
@admin_only
def revoke_api_token(token_id: int):
    token = db.session.get(ApiToken, token_id) or abort(404)
    if token.is_active and not is_confirmed():
        return ask(
            Confirmation(
                title=_("Thu hồi mã truy cập “%(name)s”?", name=token.name),
                consequences=[
                    _(
                        "Hệ thống đang dùng mã %(prefix)s… của %(unit)s sẽ không đọc được API "
                        "nữa, ngay từ yêu cầu tiếp theo.",
                        prefix=token.prefix,
                        unit=token.unit.name,
                    ),
                    _("Không thể khôi phục mã đã thu hồi; muốn dùng lại phải tạo mã mới."),
                ],
                button=_("Thu hồi mã"),
                back_url=url_for("admin.api_tokens"),
            )
        )
    if tokens.revoke(token, by=current_user):
        db.session.commit()
        flash(_("Đã thu hồi mã truy cập “%(name)s”.", name=token.name), "success")
    else:
        flash(_("Mã truy cập này đã được thu hồi trước đó."), "info")
    return redirect(url_for("admin.api_tokens"))
