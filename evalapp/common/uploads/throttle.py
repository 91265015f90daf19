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
        if not limiter.limiter.hit(allowance, SCOPE, key, cost=count):
            current_app.logger.warning("upload allowance %s spent by %s", allowance, key)
            return render_error(
                429,
                detail=_(
                    "Bạn đã tải lên quá nhiều tệp trong thời gian ngắn. Chưa tệp nào của lần này "
                    "được lưu; các tệp đã tải lên trước đó vẫn còn. Vui lòng đợi một lát rồi thử lại."
                ),
            )
    return None
