"""Account verbs: create users, authenticate, change passwords, end sessions. Never commit."""

from __future__ import annotations

import secrets

from flask import current_app, session
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from evalapp.auth.models import UNIT_ROLES, Role, RoleGrant, User
from evalapp.auth.sessions import session_expired
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify


class AccountError(Refusal):
    """A request about an account that cannot be carried out; the message is for the user."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def password_problems(password: str, email: str = "") -> list[str]:
    """What makes a new password unacceptable (empty when it is fine)."""
    problems = []
    minimum = current_app.config["PASSWORD_MIN_LENGTH"]
    if len(password) < minimum:
        problems.append(_("Mật khẩu phải có ít nhất %(n)d ký tự.", n=minimum))
    if email and normalise_email(email).split("@")[0] in password.lower():
        problems.append(_("Mật khẩu không được chứa tên tài khoản email."))
    if len(set(password)) < 5:
        problems.append(_("Mật khẩu quá đơn giản: hãy dùng nhiều ký tự khác nhau."))
    return problems


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str,
    full_name: str,
    password: str,
    roles: set[Role] | frozenset[Role] = frozenset(),
    *,
    unit=None,
    office=None,
    must_change_password: bool = False,
    is_demo: bool = False,
) -> User:
    if user_by_email(email) is not None:
        raise AccountError(
            _("Email %(email)s đã được dùng cho một tài khoản khác.", email=email), field="email"
        )
    problems = password_problems(password, email)
    if problems:
        raise AccountError(" ".join(problems), field="password")
    check_assignment(set(roles), unit, office)
    user = User(
        email=normalise_email(email),
        full_name=full_name.strip(),
        password_hash=hash_password(password),
        unit=unit,
        office=office,
        must_change_password=must_change_password,
        is_demo=is_demo,
    )
    user.role_grants = [RoleGrant(role=role) for role in sorted(roles)]
    db.session.add(user)
    db.session.flush()
    audit.record("user.created", user, after=account_snapshot(user))
    return user


def account_snapshot(user: User) -> dict:
    return {
        "email": user.email,
        "full_name": user.full_name,
        "roles": sorted(role.value for role in user.roles),
        "unit_id": user.unit_id,
        "office_id": user.office_id,
        "is_active": user.is_active,
    }


# Compared against when the email is unknown, so a wrong email and a wrong password take as long.
_UNKNOWN_USER_HASH = None


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None. Failures are audited."""
    global _UNKNOWN_USER_HASH
    user = user_by_email(email)
    if user is None:
        _UNKNOWN_USER_HASH = _UNKNOWN_USER_HASH or hash_password("not-a-real-password")
        check_password_hash(_UNKNOWN_USER_HASH, password)
        audit.record("auth.login_failed", note=f"unknown email {normalise_email(email)[:254]}")
        return None
    if not check_password_hash(user.password_hash, password) or not user.is_active:
        audit.record("auth.login_failed", user, actor=user)
        return None
    if not user.password_hash.startswith(current_app.config["PASSWORD_HASH_METHOD"] + "$"):
        user.password_hash = hash_password(password)  # parameters were raised since it was set
    user.last_login_at = utcnow()
    audit.record("auth.login", user, actor=user)
    return user


def end_sessions(user: User) -> None:
    """Invalidate every login cookie of the user (logout, password change, deactivation)."""
    user.session_epoch += 1


def log_out(user: User) -> None:
    end_sessions(user)
    audit.record("auth.logout", user, actor=user)


def change_password(user: User, current: str, new: str) -> None:
    if not check_password_hash(user.password_hash, current):
        raise AccountError(_("Mật khẩu hiện tại không đúng."), field="current_password")
    replace_password(user, new)
    audit.record("auth.password_changed", user, actor=user)


def replace_password(user: User, new: str) -> None:
    """The user's own new password (change or self-service reset): it must differ from the
    current and the previous one, which is kept so the next change cannot return to it."""
    if check_password_hash(user.password_hash, new):
        raise AccountError(_("Mật khẩu mới phải khác mật khẩu hiện tại."), field="new_password")
    if user.previous_password_hash and check_password_hash(user.previous_password_hash, new):
        raise AccountError(
            _("Mật khẩu mới phải khác mật khẩu hiện tại và mật khẩu trước đó."),
            field="new_password",
        )
    user.previous_password_hash = user.password_hash
    set_password(user, new)


def set_password(user: User, new: str, *, must_change: bool = False) -> None:
    problems = password_problems(new, user.email)
    if problems:
        raise AccountError(" ".join(problems), field="new_password")
    user.password_hash = hash_password(new)
    user.must_change_password = must_change
    user.invitation_pending = False
    end_sessions(user)


def load_user_from_cookie(identifier: str) -> User | None:
    """Flask-Login loader: the cookie holds `id:epoch`; an old epoch means the session was ended,
    and a login older than SESSION_HOURS has ended too."""
    user_id, _sep, epoch = identifier.partition(":")
    if not (user_id.isdigit() and epoch.isdigit()):
        return None
    if session_expired():  # SESSION_HOURS after the login, whatever the activity
        session.clear()
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_epoch != int(epoch):
        return None
    return user


def update_account(
    user: User,
    *,
    actor: User,
    full_name: str,
    roles: set[Role],
    unit,
    office,
    is_active: bool,
) -> None:
    """Change a user's profile, roles, unit and status; role or status changes end their sessions."""
    if user.id == actor.id and (not is_active or Role.ADMIN not in roles):
        raise AccountError(
            _("Bạn không thể tự khóa tài khoản của mình hoặc tự bỏ vai trò quản trị."),
            field="roles",
        )
    check_assignment(roles, unit, office)
    before = account_snapshot(user)
    user.full_name = full_name.strip()
    user.unit, user.office, user.is_active = unit, office, is_active
    if roles != user.roles:
        user.role_grants = [grant for grant in user.role_grants if grant.role in roles]
        user.role_grants += [RoleGrant(role=role) for role in sorted(roles - user.roles)]
    after = account_snapshot(user)
    if before["roles"] != after["roles"] or before["is_active"] != after["is_active"]:
        end_sessions(user)
    audit.record("user.updated", user, before=before, after=after, actor=actor)


def reset_password(user: User, new: str, *, actor: User) -> None:
    """An administrator sets a temporary password; the user must choose a new one at next login."""
    set_password(user, new, must_change=True)
    audit.record("user.password_reset", user, actor=actor)


def check_assignment(roles: set[Role], unit, office) -> None:
    """Staff roles need a unit; an office must belong to the chosen unit."""
    if roles & UNIT_ROLES and unit is None:
        raise AccountError(_("Tài khoản cán bộ phải thuộc một đơn vị hành chính."), field="unit")
    if office is not None and (unit is None or office.unit_id != unit.id):
        raise AccountError(_("Cơ quan đã chọn không thuộc đơn vị đã chọn."), field="office")


# Invitations: staff create the account with an unusable password; the person chooses one
# through an e-mailed link, valid for a week and once (setting the password ends the epoch).

INVITE_SALT = "evalapp.invite"
INVITATION_MAX_AGE = 7 * 24 * 3600


def invitation_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"])


def create_invited_user(
    email: str, full_name: str, roles: set[Role] | frozenset[Role], *, unit=None, office=None
) -> User:
    """An account nobody can log in to until the invitation is accepted."""
    user = create_user(
        email, full_name, secrets.token_urlsafe(24) + "Aa1!", roles, unit=unit, office=office
    )
    user.invitation_pending = True
    return user


def send_invitation(user: User, endpoint: str, subject, body, *, salt: str = INVITE_SALT) -> None:
    """E-mail `user` a link to `endpoint` (which takes a `token`) to set their password."""
    token = invitation_serializer().dumps({"user": user.id, "epoch": user.session_epoch}, salt=salt)
    notify([user], subject, body, absolute_url(endpoint, token=token))


def invited_user(token: str, *, salt: str = INVITE_SALT) -> User:
    """The user an invitation link is for, while the link is valid and unused."""
    try:
        data = invitation_serializer().loads(token, salt=salt, max_age=INVITATION_MAX_AGE)
    except BadSignature:  # includes SignatureExpired
        raise AccountError(_("Lời mời không hợp lệ hoặc đã hết hạn.")) from None
    user = db.session.get(User, data.get("user"))
    if user is None or user.session_epoch != data.get("epoch"):
        raise AccountError(_("Lời mời không hợp lệ hoặc đã được sử dụng."))
    return user


def accept_invitation(token: str, password: str, *, salt: str = INVITE_SALT) -> User:
    """Set the invited user's password (their e-mail is thereby verified)."""
    user = invited_user(token, salt=salt)
    try:
        set_password(user, password)
    except AccountError as error:
        raise AccountError(str(error), field="password") from None
    user.email_verified_at = user.email_verified_at or utcnow()
    audit.record("user.invitation_accepted", user, actor=user)
    return user
