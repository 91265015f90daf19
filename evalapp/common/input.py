"""Input no view should ever see (issue 13, item 6).

A NUL character cannot be typed; it comes only from a crafted request, and PostgreSQL refuses
it in any text column or comparison (a DataError: a 500 before this check). Every request
with one in its path, query string, form fields or JSON body is refused here with a message,
before any view reads it. Other control characters are a form matter (`common.forms.Form`).
"""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _

from evalapp.common.errors import render_error

NUL = "\x00"


def holds_nul(value) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(holds_nul(key) or holds_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(holds_nul(item) for item in value)
    return False


def request_holds_nul() -> bool:
    if NUL in request.path:
        return True
    if any(NUL in key or NUL in value for key, value in request.args.items(multi=True)):
        return True
    if request.method in ("POST", "PUT", "PATCH"):
        if any(NUL in key or NUL in value for key, value in request.form.items(multi=True)):
            return True
        if request.is_json and holds_nul(request.get_json(silent=True)):
            return True
    return False


def refuse_nul_bytes():
    """`before_request`: a 400 page with a message for a request carrying a NUL character."""
    if request_holds_nul():
        return render_error(
            400,
            detail=_(
                "Dữ liệu gửi lên có ký tự NUL (mã 0), ký tự không được phép trong văn bản. "
                "Vui lòng quay lại, xoá ký tự đó rồi gửi lại."
            ),
        )
    return None
