"""The registry's pages by keyset, not OFFSET: a page starts after (or ends before) the last
(first) certificate shown, so page 300 reads 31 rows as page 1 does.

The order is: valid first, then newest issue, product name, id. "Valid" depends on today, so it
is not a column: the valid and the other certificates are two parts (two conditions), each read
in (issued_on desc, product_name, id) order from the index on `issued_on` (a query each; the
second only when the first runs out on this page). The link to the next or previous page carries a
cursor, signed (a hand-made one is not trusted: the first page is shown instead), holding the
position, the page's number (shown as "Trang 3 / 34") and the filter it belongs to.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer
from sqlalchemy import Select, and_, or_

from evalapp.certificates.models import Certificate
from evalapp.common.text import fold
from evalapp.extensions import db

AFTER, BEFORE = "a", "b"


@dataclass(frozen=True)
class Position:
    part: int  # 0: valid, 1: the others
    issued_on: date
    product_name: str
    id: int


@dataclass(frozen=True)
class Page:
    items: list[Certificate]
    total: int
    number: int
    per_page: int
    next_cursor: str | None
    previous_cursor: str | None
    count_limit: int  # `total` is exact up to it: beyond, there are more than `count_limit`

    @property
    def total_known(self) -> bool:
        return self.total <= self.count_limit

    @property
    def pages(self) -> int:
        return max(math.ceil(self.total / self.per_page), 1)


def page_of(parts: dict[int, Select], count, cursor, criteria, per_page, count_limit) -> Page:
    """The page `cursor` points to in `parts` (part number → query), the first without one.
    `count()` counts the matches, asked only when they do not all fit on this first page."""
    rows, number, more_after = [], 1, False
    found = read_cursor(cursor, criteria)
    if found is not None and found[0] == AFTER:
        _, position, number = found
        rows = rows_from(parts, position, per_page + 1, backward=False)
        more_after, rows = len(rows) > per_page, rows[:per_page]
    elif found is not None:
        _, position, number = found
        rows = rows_from(parts, position, per_page + 1, backward=True)
        if len(rows) >= per_page:  # a full page, with more before it or not
            number = max(number, 2) if len(rows) > per_page else 1
            rows, more_after = rows[:per_page][::-1], True
        else:  # fewer: the certificates changed meanwhile, start again
            rows = []
    if not rows:
        rows, number = rows_from(parts, None, per_page + 1, backward=False), 1
        more_after, rows = len(rows) > per_page, rows[:per_page]
    return Page(
        items=[certificate for certificate, _ in rows],
        total=len(rows) if number == 1 and not more_after else count(),
        number=number,
        per_page=per_page,
        next_cursor=cursor_to(AFTER, rows[-1], number + 1, criteria) if more_after else None,
        previous_cursor=cursor_to(BEFORE, rows[0], number - 1, criteria) if number > 1 else None,
        count_limit=count_limit,
    )


def position_of(certificate: Certificate, part: int) -> Position:
    return Position(part, certificate.issued_on, certificate.product_name, certificate.id)


def rows_from(parts, position: Position | None, limit: int, backward: bool):
    """Up to `limit` (certificate, part) after `position` (before it, nearest first, when
    `backward`), through the parts in order, each read in index order."""
    rows: list[tuple[Certificate, int]] = []
    for part, query in sorted(parts.items(), reverse=backward):
        if position is not None and (part > position.part if backward else part < position.part):
            continue
        if len(rows) >= limit:
            break
        if position is not None and part == position.part:
            query = query.where(beyond(position, backward))
        found = db.session.scalars(query.order_by(*order(backward)).limit(limit - len(rows)))
        rows += [(certificate, part) for certificate in found]
    return rows


def order(backward: bool) -> list:
    if backward:
        return [Certificate.issued_on, Certificate.product_name.desc(), Certificate.id.desc()]
    return [Certificate.issued_on.desc(), Certificate.product_name, Certificate.id]


def beyond(position: Position, backward: bool):
    """Rows after `position` in the order (before it when `backward`); the bound on `issued_on`
    alone lets the index start there."""
    day, name, identifier = position.issued_on, position.product_name, position.id
    if backward:
        return and_(
            Certificate.issued_on >= day,
            or_(
                Certificate.issued_on > day,
                Certificate.product_name < name,
                and_(Certificate.product_name == name, Certificate.id < identifier),
            ),
        )
    return and_(
        Certificate.issued_on <= day,
        or_(
            Certificate.issued_on < day,
            Certificate.product_name > name,
            and_(Certificate.product_name == name, Certificate.id > identifier),
        ),
    )


# --- cursors -----------------------------------------------------------------------------------


def serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="registry-page")


def key_of(criteria) -> list:
    status = criteria.status.value if criteria.status else ""
    return [fold(criteria.q), criteria.province, criteria.group, criteria.stars or 0, status]


def cursor_to(direction: str, row: tuple, number: int, criteria) -> str:
    position = position_of(*row)
    where = [position.part, position.issued_on.isoformat(), position.product_name, position.id]
    return serializer().dumps([direction, where, number, key_of(criteria)])


def read_cursor(cursor: str | None, criteria) -> tuple[str, Position, int] | None:
    """The cursor's direction, position and page number; None for none, a forged or damaged
    one, or one made for another filter."""
    if not cursor:
        return None
    try:
        direction, (part, day, name, identifier), number, criteria_key = serializer().loads(cursor)
        position = Position(int(part), date.fromisoformat(day), str(name), int(identifier))
        number = int(number)
    except (BadData, TypeError, ValueError):
        return None
    if direction not in (AFTER, BEFORE) or number < 1 or criteria_key != key_of(criteria):
        return None
    return direction, position, number
