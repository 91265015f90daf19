"""The application as the load bench serves it: `gunicorn bench.loadwsgi:app`.

The application itself is unchanged (`create_app()` from the environment, as `wsgi.py`). Around
it: the SQL statements each request runs (SQLAlchemy `before_cursor_execute`) in the
`X-Bench-Queries` response header, and the floor, a plain Flask + Jinja page rendering a 40-row ×
6-column table at `/floor/table`, served by the same workers so every page is compared with it
in the same run.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask, render_template_string
from sqlalchemy import event
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from evalapp import create_app
from evalapp.extensions import db

QUERIES_HEADER = "X-Bench-Queries"
FLOOR_TEMPLATE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><h1>{{ title }}</h1>
<table><thead><tr>{% for name in columns %}<th>{{ name }}</th>{% endfor %}</tr></thead>
<tbody>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>
{% endfor %}</tbody></table></body></html>"""
COLUMNS = ("Số", "Sản phẩm", "Chủ thể", "Tỉnh", "Hạng", "Hiệu lực đến")
ROWS = [
    (f"TH-2025-{n:04d}", f"Giỏ cói Nga Sơn {n}", f"Hợp tác xã số {n}", "Tỉnh Thanh Hóa", "4 sao",
     "31/12/2028")
    for n in range(1, 41)
]  # fmt: skip


def floor_app() -> Flask:
    floor = Flask("floor")

    @floor.get("/table")
    def table():
        return render_template_string(FLOOR_TEMPLATE, title="Sàn", columns=COLUMNS, rows=ROWS)

    return floor


def counted(app: Flask) -> Flask:
    """Count the statements of each request (per thread: gthread workers serve several)."""
    local = threading.local()
    with app.app_context():

        @event.listens_for(db.engine, "before_cursor_execute")
        def tick(*args):
            local.count = getattr(local, "count", 0) + 1

    @app.before_request
    def start():
        local.count = 0

    @app.after_request
    def report(response):
        response.headers[QUERIES_HEADER] = str(getattr(local, "count", 0))
        return response

    return app


app = counted(create_app())
app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {"/floor": floor_app()})
