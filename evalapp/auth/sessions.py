"""A login's lifetime and its CSRF secret (issue 13, item 8).

`SESSION_HOURS` (PERMANENT_SESSION_LIFETIME) is an absolute lifetime: the moment of login is kept
in the signed session and the login ends that long after it, however active the user is. Flask
alone re-signs the cookie on every write, which made it an idle timeout. Each login also starts a
new CSRF secret, so a token seen before the login is worthless after it.
"""

from __future__ import annotations

import time

from flask import current_app, g, session
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
