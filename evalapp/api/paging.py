"""Cursor pages of a unit's lists: by id, ascending, so a client that syncs resumes where it
stopped and a row added meanwhile is never skipped nor repeated.

The cursor is signed and carries the filter it was made for: a hand-made cursor, or one used with
other filters, is refused (400), never silently read as the first page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import Select

from evalapp.extensions import db

SALT = "api-cursor"


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class Page:
    items: list[Any]
    next_cursor: str | None


def serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def filter_key(criteria: dict) -> list:
    return sorted((name, str(value)) for name, value in criteria.items() if value is not None)


def make_cursor(last_id: int, criteria: dict) -> str:
    return serializer().dumps({"after": last_id, "filter": filter_key(criteria)})


def read_cursor(cursor: str, criteria: dict) -> int:
    try:
        data = serializer().loads(cursor)
    except BadData as error:
        raise BadCursor("not a cursor of this API") from error
    if not isinstance(data, dict) or data.get("filter") != filter_key(criteria):
        raise BadCursor("the cursor belongs to other filters")
    after = data.get("after")
    if not isinstance(after, int):
        raise BadCursor("not a cursor of this API")
    return after


def keyset_page(query: Select, id_column, criteria: dict, cursor: str | None, limit: int) -> Page:
    """`query`'s rows (with an `id` column) after the cursor's, `limit` of them, in `id_column`
    order."""
    if cursor:
        query = query.where(id_column > read_cursor(cursor, criteria))
    rows = db.session.execute(query.order_by(id_column).limit(limit + 1)).all()
    more = len(rows) > limit
    rows = rows[:limit]
    return Page(rows, make_cursor(rows[-1].id, criteria) if more else None)
