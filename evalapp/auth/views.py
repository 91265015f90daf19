from contextlib import suppress
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, logout_user

from evalapp.auth import password_reset, services
from evalapp.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ResetPasswordForm,
)
from evalapp.auth.sessions import start_session
from evalapp.auth.tasks import send_password_reset_link
from evalapp.common.access import public, signed_in
from evalapp.common.jobs import QueueUnavailable, submit
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.extensions import db, limiter

bp = Blueprint("auth", __name__, url_prefix="/auth")


def safe_next(target: str | None) -> str | None:
    """Only a path on this site: no scheme, no host, no `//` or backslash tricks."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or "\\" in target:
        return None
    return target


def login_email_key() -> str:
    return "login:" + services.normalise_email(request.form.get("email", ""))[:254]


def login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def login_address_limit() -> str:
    return current_app.config["LOGIN_ADDRESS_RATE_LIMIT"]


# Per account strict, per client address generous: a council arriving at once from one office
# network must not lock itself out (issue 16, item 1).
@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(login_address_limit, methods=["POST"])
@limiter.limit(login_limit, methods=["POST"], key_func=login_email_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        db.session.commit()
        if user is not None:
            start_session(user)
            flash(_("Đăng nhập thành công. Xin chào %(name)s!", name=user.full_name), "success")
            return redirect(safe_next(request.args.get("next")) or url_for("home.index"))
        flash(_("Email hoặc mật khẩu không đúng."), "danger")
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@signed_in
def logout():
    services.log_out(current_user)
    db.session.commit()
    logout_user()
    flash(_("Bạn đã đăng xuất."), "info")
    return redirect(url_for("auth.login"))


def password_check_key() -> str:
    """The current-password check is throttled per account (issue 13, item 8): whoever holds a
    stolen session cannot guess the password there faster than at the login."""
    return f"password:{current_user.id}"


@bp.route("/password", methods=["GET", "POST"])
@signed_in
@limiter.limit(login_limit, methods=["POST"], key_func=password_check_key)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                current_user, form.current_password.data, form.new_password.data
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="new_password")
        else:
            db.session.commit()
            start_session(current_user._get_current_object())  # the new epoch ended the old cookie
            flash(_("Đã đổi mật khẩu. Các phiên đăng nhập khác đã kết thúc."), "success")
            return redirect(url_for("home.index"))
    return render_template("auth/change_password.html", form=form)


# Self-service password reset (issue 13): the request is throttled per client and per address,
# and answered the same way whatever the address.


def reset_email_key() -> str:
    return password_reset.request_key(request.form.get("email", ""))


def reset_limit() -> str:
    return current_app.config["PASSWORD_RESET_RATE_LIMIT"]


def reset_address_limit() -> str:
    return current_app.config["PASSWORD_RESET_ADDRESS_RATE_LIMIT"]


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@limiter.limit(reset_address_limit, methods=["POST"])
@limiter.limit(reset_limit, methods=["POST"], key_func=reset_email_key)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        with suppress(QueueUnavailable):  # logged; the same page, revealing no account
            submit(send_password_reset_link, form.email.data)  # no timing difference
        return render_template("auth/forgot_password.html", sent=True)
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
def reset_password(token: str):
    try:
        user = password_reset.user_for_token(token)
    except Refusal as refusal:
        return render_template("auth/reset_password.html", error=str(refusal)), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            password_reset.reset_password(token, form.new_password.data)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="new_password")
        else:
            db.session.commit()
            flash(_("Đã đặt lại mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form, user=user)
