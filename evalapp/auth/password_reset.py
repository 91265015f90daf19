"""Self-service password reset by e-mail (issue 13). Never commits.

Whoever asks gets the same answer; only an active account that has chosen a password gets the
link. The link is signed with its own salt, expires after PASSWORD_RESET_MINUTES and carries a
fingerprint of the account's password hash: once the password changes, by this link or any other
way, every link sent before stops working.
"""

from __future__ import annotations

import hashlib

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from evalapp.auth.models import User
from evalapp.auth.services import (
    AccountError,
    normalise_email,
    replace_password,
    user_by_email,
)
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify

RESET_SALT = "evalapp.password-reset"


def serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=RESET_SALT)


def password_fingerprint(password_hash: str) -> str:
    """Ties a link to the password it replaces, without putting the hash in the e-mail."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:24]


def can_reset_by_email(user: User | None) -> bool:
    return user is not None and user.is_active and not user.invitation_pending


def reset_link(user: User | None) -> str:
    """The link for `user`; for nobody, an equally costly link to nothing (same work either way)."""
    user_id, fingerprint = (user.id, password_fingerprint(user.password_hash)) if user else (0, "")
    return absolute_url(
        "auth.reset_password", token=serializer().dumps({"user": user_id, "pw": fingerprint})
    )


def send_reset_link(email: str) -> None:
    """E-mail a reset link to the account with this address, if it may have one; otherwise do
    the same work and send nothing. The caller shows the same answer in every case."""
    user = user_by_email(email)
    if not can_reset_by_email(user):
        user = None
    link = reset_link(user)
    if user is None:
        return
    notify(
        [user],
        _l("Đặt lại mật khẩu"),
        _l(
            "Ai đó (có thể là bạn) đã yêu cầu đặt lại mật khẩu tài khoản %(email)s. Mở liên kết"
            " sau trong vòng %(minutes)d phút để chọn mật khẩu mới. Nếu không phải bạn, hãy bỏ"
            " qua email này: mật khẩu hiện tại vẫn giữ nguyên.",
            email=user.email,
            minutes=current_app.config["PASSWORD_RESET_MINUTES"],
        ),
        link,
        include_actor=True,
    )
    audit.record("user.password_reset_requested", user, actor=user)


def user_for_token(token: str) -> User:
    """The account a reset link is for, while the link is valid and unused."""
    max_age = current_app.config["PASSWORD_RESET_MINUTES"] * 60
    try:
        data = serializer().loads(token, max_age=max_age)
    except SignatureExpired:
        raise AccountError(_("Liên kết đặt lại mật khẩu đã hết hạn.")) from None
    except BadSignature:
        raise AccountError(_("Liên kết đặt lại mật khẩu không hợp lệ.")) from None
    if not isinstance(data, dict) or not isinstance(data.get("user"), int):
        raise AccountError(_("Liên kết đặt lại mật khẩu không hợp lệ."))
    user = db.session.get(User, data["user"])
    if not can_reset_by_email(user) or password_fingerprint(user.password_hash) != data.get("pw"):
        raise AccountError(_("Liên kết đặt lại mật khẩu đã được dùng hoặc không còn hiệu lực."))
    return user


def reset_password(token: str, new: str) -> User:
    """Set the password a valid link allows, under the change-password policy; every session of
    the account ends, and the account's owner is told by e-mail."""
    user = user_for_token(token)
    replace_password(user, new)
    user.email_verified_at = user.email_verified_at or utcnow()  # the link reached the mailbox
    audit.record("user.password_reset_self", user, actor=user)
    notify(
        [user],
        _l("Mật khẩu của bạn vừa được đặt lại"),
        _l(
            "Mật khẩu tài khoản %(email)s vừa được đặt lại bằng liên kết gửi qua email, và mọi"
            " phiên đăng nhập đã kết thúc. Nếu không phải bạn, hãy báo ngay cho quản trị hệ thống.",
            email=user.email,
        ),
        absolute_url("auth.login"),
        include_actor=True,
    )
    return user


def request_key(email: str) -> str:
    """The rate limiter's key for requests about one address."""
    return "password-reset:" + normalise_email(email)[:254]
