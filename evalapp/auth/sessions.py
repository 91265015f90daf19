"""A login's lifetime and its CSRF secret (issue 13, item 8).

`SESSION_HOURS` (PERMANENT_SESSION_LIFETIME) is an absolute lifetime: the moment of login is kept
in the signed session and the login ends that long after it, however active the user is. Flask
alone re-signs the cookie on every write, which made it an idle timeout. Each login also starts a
new CSRF secret, so a token seen before the login is worthless after it.
"""

from __future__ import annotations

import time
from hashlib import sha512

from flask import current_app, g, request, session
from flask_login import login_user

LOGIN_AT = "login_at"
CSRF_FIELD = "csrf_token"  # Flask-WTF's name in the session and in `g`


def start_session(user) -> None:
    """Log `user` in on this browser: a fresh lifetime and a fresh CSRF secret."""
    login_user(user)
    session[LOGIN_AT] = time.time()
    session.pop(CSRF_FIELD, None)
    g.pop(CSRF_FIELD, None)


def session_expired() -> bool:
    """Whether this browser's login began longer ago than the configured lifetime (or never
    recorded when it began)."""
    started = session.get(LOGIN_AT)
    if not isinstance(started, int | float):
        return True
    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    return time.time() - started > lifetime


def session_identifier() -> str:
    """The browser a login is bound to ("strong" session protection): its address and User-Agent.
    Flask-Login's own takes the address from the leftmost X-Forwarded-For, which any client
    writes; this takes `request.remote_addr`, which reads that header only as far as
    `PROXY_HOPS` allows. Hashed as Flask-Login does, so a login from a client that sends no such
    header survives the change."""
    address = request.remote_addr.encode() if request.remote_addr else None
    user_agent = request.headers.get("User-Agent")
    user_agent = user_agent.encode("utf-8") if user_agent is not None else None
    return sha512(f"{address}|{user_agent}".encode()).hexdigest()
