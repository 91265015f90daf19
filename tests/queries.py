"""Count the SQL statements a block of code runs: `with counted_queries() as q: client.get(url)`
then `assert q.count <= N` (`q.statements` lists them when a budget is exceeded)."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import event

from evalapp.extensions import db


@dataclass
class QueryCount:
    statements: list[str] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __str__(self) -> str:
        return f"{self.count} queries:\n" + "\n".join(self.statements)


@contextmanager
def counted_queries():
    """Every statement sent on the app's engine inside the block (the session's own SAVEPOINTs
    and the SQLite PRAGMAs included: they cost a round trip too)."""
    counted = QueryCount()

    def count(conn, cursor, statement, parameters, context, executemany):
        counted.statements.append(statement)

    engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", count)
