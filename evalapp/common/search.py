"""Text searches in SQL: what the user typed is matched literally (issue 13, item 7).

`%` and `_` are LIKE wildcards; typed into a search box they are letters. SQLAlchemy's
`autoescape` escapes them (and the escape character) in the bound value, as the unit search
already did; every other search goes through `contains_text` so no search forgets it.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, or_


def contains_text(text: str, *columns) -> ColumnElement[bool]:
    """Rows where any of `columns` contains `text` (case-insensitive), wildcards taken literally."""
    return or_(*(column.icontains(text, autoescape=True) for column in columns))
