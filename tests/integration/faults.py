"""Faults a test switches on for one request: the database going away right after a commit."""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from evalapp.extensions import db


@contextmanager
def database_lost_after_commit():
    """Every statement after the next commit fails as a restarting database would fail it
    ("server closed the connection unexpectedly"). Yields the statements refused, so a test can
    also show that nothing was read after the commit."""
    refused: list[str] = []
    state = {"gone": False}

    def on_commit(session):
        state["gone"] = True

    def before_execute(conn, cursor, statement, parameters, context, executemany):
        if state["gone"]:
            refused.append(statement)
            raise OperationalError(statement, parameters, ConnectionError("connection lost"))

    event.listen(Session, "after_commit", on_commit)
    event.listen(db.engine, "before_cursor_execute", before_execute)
    try:
        yield refused
    finally:
        event.remove(db.engine, "before_cursor_execute", before_execute)
        event.remove(Session, "after_commit", on_commit)
