"""URL building blocks shared by every blueprint (issue 13, item 6).

`<int:…>` in a route accepts only ids the database can hold: PostgreSQL's `integer` ends at
2,147,483,647 and SQLite's at 2**63 - 1, and either raises on a larger one. A longer number
does not match the route, so it is a plain 404; negative ids never matched.
"""

from __future__ import annotations

import re

from flask import abort, request
from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1  # PostgreSQL `integer`, the type of every primary key
MAX_PAGE = 100_000  # far more pages than any list has; keeps OFFSET within every database
PAGE_NUMBER = re.compile(r"[0-9]{1,6}")


class IdConverter(IntegerConverter):
    """`<int:…>` with the database's range as its bounds (and no more than 10 digits read)."""

    regex = r"[0-9]{1,10}"

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def install_converters(app) -> None:
    """Before any blueprint is registered, so every `<int:…>` rule uses the bounded converter."""
    app.url_map.converters["int"] = IdConverter


def page_number() -> int:
    """The `?page=` of a list: 1 when absent; a 404 when it is not a number from 1 to MAX_PAGE."""
    raw = request.args.get("page", "1")
    if not PAGE_NUMBER.fullmatch(raw) or not 1 <= int(raw) <= MAX_PAGE:
        abort(404)
    return int(raw)


def paginate(select, *, per_page: int):
    """`db.paginate` with the page number checked first (a huge one overflowed OFFSET)."""
    from evalapp.extensions import db

    return db.paginate(select, page=page_number(), per_page=per_page)


def id_argument(name: str) -> int | None:
    """An id from the query string (`?round_id=`): None unless a number from 1 to MAX_ID."""
    raw = request.args.get(name, "")
    if re.fullmatch(r"[0-9]{1,10}", raw) and 1 <= int(raw) <= MAX_ID:
        return int(raw)
    return None
