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


def lose_stored_file(stored) -> None:
    """The storage loses the object of a stored file record (a database restored without its
    files); the record stays."""
    from evalapp.common.storage import get_storage

    get_storage().delete(stored.storage_key)


def is_missing_file_page(response, name: str) -> bool:
    """The clear 404 a user gets for a stored file the storage no longer holds."""
    return response.status_code == 404 and (
        f"Tệp “{name}” không còn trong kho lưu trữ. Hãy báo quản trị viên khôi phục từ bản sao lưu."
        in response.get_data(as_text=True)
    )
