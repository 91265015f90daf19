"""Files uploaded per account (or per address before login), counted across every upload form.

The caps per request and per dossier bound one request; this bounds how much decoding and
parsing one account can ask of the servers in an hour, whichever forms it uses (issue 13,
item 5: a self-registered producer could send bomb after bomb)."""

from __future__ import annotations

from flask import current_app, request
from flask_babel import gettext as _
from flask_login import current_user
from limits import parse_many

from evalapp.common.errors import render_error
from evalapp.extensions import limiter

SCOPE = "uploads"


def uploader_key() -> str:
    if current_user.is_authenticated:
        return f"user:{current_user.id}"
    return f"address:{request.remote_addr}"


def throttle_uploads():
    """Before any view: a request carrying files past the account's allowance is a 429."""
    if request.method != "POST" or request.mimetype != "multipart/form-data":
        return
    count = sum(1 for _, file in request.files.items(multi=True) if file and file.filename)
    if not count:
        return
    key = uploader_key()
    for allowance in parse_many(current_app.config["UPLOAD_RATE_LIMIT"]):
        if not spend(allowance, key, count):
            current_app.logger.warning("upload allowance %s spent by %s", allowance, key)
            return render_error(
                429,
                detail=_(
                    "Bạn đã tải lên quá nhiều tệp trong thời gian ngắn. Chưa tệp nào của lần này "
                    "được lưu; các tệp đã tải lên trước đó vẫn còn. Vui lòng đợi một lát rồi thử lại."
                ),
            )
    return None


def spend(allowance, key: str, count: int) -> bool:
    """Count the files against the allowance in the limiter's storage. Storage unreachable (Redis
    down): count in this process's memory, as the limiter does for logins, and say so in the log;
    the limiter tries Redis again on its own schedule (see RATELIMIT_IN_MEMORY_FALLBACK_ENABLED)."""
    try:
        return limiter.limiter.hit(allowance, SCOPE, key, cost=count)
    except Exception as error:  # redis-py raises ConnectionError, TimeoutError and others
        if limiter.limiter is limiter._fallback_limiter or limiter._fallback_limiter is None:
            raise
        current_app.logger.warning(
            "rate limit storage unreachable (%s): counting uploads in memory", error
        )
        limiter._storage_dead = True  # Flask-Limiter's own switch to its memory fallback
        return limiter.limiter.hit(allowance, SCOPE, key, cost=count)
