"""Error pages in the user's language; nothing reaches a user as a bare 500."""

from __future__ import annotations

import json
import math
import time
import uuid

from flask import current_app, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from evalapp.common.storage import ObjectNotFound
from evalapp.extensions import db, limiter
from evalapp.rules import SheetUnavailable


def _messages() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Yêu cầu không hợp lệ"), _("Máy chủ không hiểu yêu cầu này. Vui lòng thử lại.")),
        401: (
            _("Chưa xác thực"),
            _("Yêu cầu này cần một mã truy cập API hợp lệ (Authorization: Bearer …)."),
        ),
        403: (
            _("Không có quyền truy cập"),
            _("Tài khoản của bạn không được phép xem trang này hoặc thực hiện thao tác này."),
        ),
        404: (_("Không tìm thấy trang"), _("Trang bạn tìm không tồn tại hoặc đã bị chuyển đi.")),
        405: (_("Thao tác không được hỗ trợ"), _("Trang này không nhận thao tác bạn vừa gửi.")),
        409: (
            _("Dữ liệu vừa được thay đổi"),
            _(
                "Trang này vừa được thay đổi ở nơi khác (một người khác hoặc một thẻ khác). "
                "Thay đổi của bạn chưa được lưu; vui lòng tải lại trang rồi làm lại."
            ),
        ),
        413: (
            _("Tệp quá lớn"),
            _(
                "Dữ liệu gửi lên vượt quá giới hạn %(mb)d MB. Vui lòng chọn tệp nhỏ hơn rồi gửi lại.",
                mb=(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // (1024 * 1024),
            ),
        ),
        429: (
            _("Quá nhiều yêu cầu"),
            _("Bạn đã thử quá nhiều lần trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại."),
        ),
        500: (
            _("Đã xảy ra lỗi"),
            _("Hệ thống gặp sự cố ngoài dự kiến. Dữ liệu đã lưu trước đó không bị mất."),
        ),
        503: (
            _("Hệ thống tạm thời gián đoạn"),
            _("Không kết nối được cơ sở dữ liệu. Vui lòng thử lại sau ít phút."),
        ),
    }


API_PREFIX = "/api/"


def problem(code: int, title: str, detail: str, **members):
    """An error of the JSON API as RFC 9457 problem details (`application/problem+json`);
    `members` are extension members (`errors` of a refused parameter, `incident`)."""
    body = {"type": "about:blank", "title": title, "status": code, "detail": detail}
    body["instance"] = request.path
    body.update({name: value for name, value in members.items() if value is not None})
    response = current_app.response_class(
        json.dumps(body, ensure_ascii=False), status=code, mimetype="application/problem+json"
    )
    response.headers["Cache-Control"] = "no-store"
    return response


def render_error(
    code: int, incident: str | None = None, detail: str | None = None, title: str | None = None
):
    default_title, message = _messages().get(code, _messages()[500])
    title = title or default_title
    if request.path.startswith(API_PREFIX):
        response = problem(code, title, detail or message, incident=incident)
        if code == 503:
            response.headers["Retry-After"] = "30"
        return with_retry_after(response) if code == 429 else response
    try:
        body = render_template(
            "errors/error.html",
            code=code,
            title=title,
            message=detail or message,
            incident=incident,
        )
    except Exception:  # the page itself failed (e.g. the database is down): plain text fallback
        current_app.logger.exception("error page %s could not be rendered", code)
        body = f"<!doctype html><meta charset=utf-8><title>{code}</title><h1>{code}</h1><p>{message}</p>"
    response = current_app.make_response((body, code))
    if code == 503:
        response.headers["Retry-After"] = "30"
    return with_retry_after(response) if code == 429 else response


def with_retry_after(response):
    """A refusal by the rate limiter says when the window it hit ends (`Retry-After`, seconds)."""
    current = limiter.current_limit
    if current is not None:
        response.headers["Retry-After"] = str(max(1, math.ceil(current.reset_at - time.time())))
    return response


def handle_http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    return render_error(error.code if error.code in _messages() else 400)


def handle_csrf_error(error: CSRFError):
    if current_app.config.get("SESSION_COOKIE_SECURE") and not request.is_secure:
        return secure_cookie_over_http()
    return render_error(
        400,
        detail=_(
            "Phiên làm việc của biểu mẫu đã hết hạn. Vui lòng tải lại trang và gửi lại; "
            "dữ liệu đã lưu trước đó không bị mất."
        ),
    )


def secure_cookie_over_http():
    """The session cookie is HTTPS-only, and this request came over plain HTTP (or through a
    proxy the app was not told about): the browser never sent the session back, so every form
    fails. Say why, rather than "form session expired", which reloading never cures."""
    current_app.logger.warning(
        "form refused on %s %s: the session cookie is Secure but the request came over HTTP"
        " (serve HTTPS; behind a proxy, set PROXY_HOPS and send X-Forwarded-Proto)",
        request.method,
        request.path,
    )
    return render_error(
        400,
        detail=_(
            "Trang đang được mở qua HTTP không mã hóa, nên trình duyệt không gửi lại phiên làm "
            "việc (máy chủ chỉ nhận phiên qua HTTPS). Vui lòng mở trang bằng địa chỉ %(url)s. "
            "Nếu máy chủ đứng sau reverse proxy, quản trị viên cần đặt PROXY_HOPS và để proxy "
            "gửi X-Forwarded-Proto.",
            url=current_app.config["PUBLIC_BASE_URL"],
        ),
    )


def handle_concurrent_change(error: StaleDataError):
    db.session.rollback()
    current_app.logger.info("concurrent change refused on %s %s", request.method, request.path)
    return render_error(409)


def handle_database_unavailable(error: OperationalError):
    db.session.rollback()
    current_app.logger.error(
        "database unavailable on %s %s: %s", request.method, request.path, error
    )
    return render_error(503)


def handle_value_out_of_range(error: Exception):
    """A value the database cannot hold (a number past its range, a character it refuses) that
    no check caught before: the request was wrong, not the server. Logged, so the check can be
    added where it belongs."""
    db.session.rollback()
    current_app.logger.warning(
        "value refused by the database on %s %s: %s", request.method, request.path, error
    )
    return render_error(
        400,
        detail=_("Một giá trị gửi lên nằm ngoài giới hạn cho phép. Vui lòng kiểm tra và thử lại."),
    )


def handle_sheet_unavailable(error: SheetUnavailable):
    """A page that needs a sheet whose file is broken (issue 15): that page says so; the file
    is on the administrator's sheet page and in the log, and every other page works."""
    db.session.rollback()
    current_app.logger.error("%s needed on %s %s", error, request.method, request.path)
    return render_error(
        503,
        detail=_(
            "Phiếu đánh giá “%(sheet)s” đang lỗi dữ liệu nên trang này tạm thời không mở được; "
            "quản trị viên đã được báo. Dữ liệu đã lưu không bị mất.",
            sheet=error.sheet_code,
        ),
    )


def handle_missing_file(error: ObjectNotFound):
    """A stored file the database still lists but the storage no longer holds (a database
    restored without its files): a 404 that names the file and says who can bring it back."""
    db.session.rollback()
    current_app.logger.error(
        "stored file missing on %s %s: %s", request.method, request.path, error
    )
    name = getattr(error, "name", None)
    detail = (
        _(
            "Tệp “%(name)s” không còn trong kho lưu trữ. Hãy báo quản trị viên khôi phục từ bản "
            "sao lưu.",
            name=name,
        )
        if name
        else _(
            "Tệp này không còn trong kho lưu trữ. Hãy báo quản trị viên khôi phục từ bản sao lưu."
        )
    )
    return render_error(404, detail=detail, title=_("Không tìm thấy tệp"))


def handle_unexpected(error: Exception):
    incident = uuid.uuid4().hex[:12].upper()
    db.session.rollback()
    current_app.logger.exception("incident %s on %s %s", incident, request.method, request.path)
    return render_error(500, incident=incident)


def register_error_handlers(app) -> None:
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_unavailable)
    app.register_error_handler(StaleDataError, handle_concurrent_change)
    app.register_error_handler(DataError, handle_value_out_of_range)  # PostgreSQL: NUL, int8
    app.register_error_handler(OverflowError, handle_value_out_of_range)  # SQLite: int64
    app.register_error_handler(SheetUnavailable, handle_sheet_unavailable)
    app.register_error_handler(ObjectNotFound, handle_missing_file)
    app.register_error_handler(Exception, handle_unexpected)
