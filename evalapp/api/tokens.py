"""API tokens: issue, revoke, and the check every authenticated API call passes.

A token is `evk_` and 43 random URL-safe characters (256 bits). The database keeps its SHA-256
digest only (a token is a random secret, not a password: no slow hash is needed), so a copy of the
database gives no usable token. A client sends it as `Authorization: Bearer evk_…`.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta
from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _
from sqlalchemy import select, text
from sqlalchemy.orm import joinedload

from evalapp.api.models import ApiToken
from evalapp.common import audit
from evalapp.common.access import public
from evalapp.common.errors import problem
from evalapp.common.time import utcnow
from evalapp.extensions import db, limiter
from evalapp.units.models import UnitLevel

PREFIX = "evk_"
SHOWN = 12  # characters of the token kept in clear, to recognise it in the list
# The last use is written at most this often: a busy client does not write on every call.
LAST_USED_STEP = timedelta(minutes=1)
# Units a token may be issued to: a secretariat's unit (a province, or the ministry).
TOKEN_LEVELS = (UnitLevel.PROVINCE, UnitLevel.CENTRAL)


def digest_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(unit, name: str, by) -> tuple[ApiToken, str]:
    """A new token for `unit`'s client `name`: the record, and the plain token (shown once)."""
    plain = PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        unit=unit,
        name=name.strip(),
        prefix=plain[:SHOWN],
        digest=digest_of(plain),
        created_by_id=by.id,
    )
    db.session.add(token)
    db.session.flush()
    audit.record("api_token.created", token, after={"unit": unit.name, "name": token.name})
    return token, plain


def revoke(token: ApiToken, by) -> bool:
    """Revoke `token` from now on; False when it already was."""
    if not token.is_active:
        return False
    token.revoked_at = utcnow()
    token.revoked_by_id = by.id
    audit.record("api_token.revoked", token, before={"unit": token.unit.name, "name": token.name})
    return True


def presented() -> str | None:
    """The token of the request's `Authorization: Bearer` header, if it has one."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    value = value.strip()
    return value if scheme.lower() == "bearer" and value else None


def active_token(plain: str) -> ApiToken | None:
    query = (
        select(ApiToken)
        .where(ApiToken.digest == digest_of(plain))
        .options(joinedload(ApiToken.unit))
    )
    token = db.session.scalar(query)
    return token if token is not None and token.is_active else None


@dataclass(frozen=True)
class ClientUnit:
    """The unit a token reads for, kept apart from the session: committing the call's audit
    entry expires the session's objects, and reading them again would cost two queries."""

    id: int
    name: str
    level: UnitLevel


def client_key() -> str:
    """The rate limit's key: the token (by its digest) when one is sent, else the address."""
    plain = presented()
    return f"token:{digest_of(plain)}" if plain else f"address:{request.remote_addr}"


def authenticated_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def public_limit() -> str:
    return current_app.config["API_PUBLIC_RATE_LIMIT"]


def unauthorised(detail: str):
    response = problem(401, _("Chưa xác thực"), detail)
    response.headers["WWW-Authenticate"] = 'Bearer realm="evalapp"'
    return response


def quick_commit() -> None:
    """Commit a read's audit entry without waiting for PostgreSQL to flush it to disk
    (`synchronous_commit` off for this transaction only): a crash of the database server could
    lose the last fraction of a second of read entries, never corrupt anything, and each read
    saves a disk flush. Every write of the application keeps the full guarantee."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(text("SET LOCAL synchronous_commit TO OFF"))
    db.session.commit()


def client_required(view):
    """An API call for a unit's client: the session guard lets it through (`public`: a client
    has no session), this checks the bearer token, keeps its unit in `g.api_unit`, writes its last use
    and the call to the audit log, and rate-limits per token."""

    @wraps(view)
    def checked(*args, **kwargs):
        plain = presented()
        if plain is None:
            return unauthorised(_("Thiếu mã truy cập: gửi tiêu đề Authorization: Bearer <mã>."))
        token = active_token(plain)
        if token is None:
            audit.record("api.refused", note=f"{request.method} {request.full_path}")
            db.session.commit()
            return unauthorised(_("Mã truy cập không đúng hoặc đã bị thu hồi."))
        g.api_unit = ClientUnit(token.unit.id, token.unit.name, token.unit.level)
        now = utcnow()
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_STEP:
            token.last_used_at = now
        audit.record("api.read", token, note=f"{request.method} {request.full_path}")
        quick_commit()
        return view(*args, **kwargs)

    limited = limiter.limit(authenticated_limit, key_func=client_key)(checked)
    return public(limited)


def public_api(view):
    """An API call anyone may make (the public register), rate-limited per address."""
    return public(limiter.limit(public_limit, key_func=client_key)(view))


def sees_everything(unit) -> bool:
    """The ministry's token (a central unit) reads every province's data, as its staff do."""
    return unit.level is UnitLevel.CENTRAL
