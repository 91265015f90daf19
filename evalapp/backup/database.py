"""The database half of a backup: a consistent copy out, a copy back into an empty database.

PostgreSQL: `pg_dump -Fc` run on a snapshot exported by a read-only REPEATABLE READ transaction;
the file list, the counts and the signers are read in that same transaction, so the manifest
describes exactly the rows in the dump. SQLite: the online backup API copies the file, and
everything else is read from the copy. A restore goes into an EMPTY database only (`pg_restore
--no-owner --single-transaction`: all or nothing; SQLite: the copy written to the configured
file).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import make_url

from evalapp.extensions import db

DUMP_NAMES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class DatabaseRefused(RuntimeError):
    """The database cannot take part: not empty, an unsupported kind, a tool missing or failing."""


@dataclass(frozen=True)
class DumpTarget:
    kind: str
    file_name: str


def database_kind() -> str:
    kind = db.engine.dialect.name
    if kind not in DUMP_NAMES:
        raise DatabaseRefused(f"backups support PostgreSQL and SQLite, not {kind}")
    return kind


def libpq_environment() -> tuple[str, dict]:
    """The database as a libpq address for pg_dump/pg_restore, its password in the environment
    (never on the command line, where `ps` shows it)."""
    url = make_url(db.engine.url.render_as_string(hide_password=False))
    environment = dict(os.environ)
    if url.password:
        environment["PGPASSWORD"] = str(url.password)
    address = url._replace(drivername="postgresql", password=None)
    return address.render_as_string(hide_password=False), environment


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise DatabaseRefused(
            f"{name} is not installed (Debian/Ubuntu: apt-get install postgresql-client)"
        )
    return path


def run(command: list[str], environment: dict) -> None:
    finished = subprocess.run(command, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise DatabaseRefused(f"{Path(command[0]).name} failed: {finished.stderr.strip()}")


@contextmanager
def consistent_copy(target: Path) -> Iterator[Connection]:
    """Write the database to `target` and yield a connection that reads exactly what was
    written."""
    if database_kind() == "postgresql":
        yield from _postgresql_copy(target)
    else:
        yield from _sqlite_copy(target)


def _postgresql_copy(target: Path) -> Iterator[Connection]:
    address, environment = libpq_environment()
    pg_dump = tool("pg_dump")
    with db.engine.connect() as connection:
        connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            connection.execute(text("SET TRANSACTION READ ONLY"))
            snapshot = connection.scalar(text("SELECT pg_export_snapshot()"))
            command = [pg_dump, "-Fc", f"--snapshot={snapshot}", "-f", str(target), address]
            run(command, environment)
            yield connection


def _sqlite_copy(target: Path) -> Iterator[Connection]:
    source = db.engine.raw_connection()
    try:
        with sqlite3.connect(target) as copy:
            source.driver_connection.backup(copy)
        copy.close()
    finally:
        source.close()
    engine = create_engine(f"sqlite:///{target}")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def is_empty() -> bool:
    """No table at all: a database just created, never migrated."""
    with db.engine.connect() as connection:
        return not inspect(connection).get_table_names()


def restore(source: Path, kind: str) -> None:
    """`source` (a dump of `kind`) into the configured database, which must be empty."""
    if kind != database_kind():
        raise DatabaseRefused(
            f"the backup holds a {kind} database but this instance uses {database_kind()}"
        )
    if kind == "sqlite" and db.engine.url.database not in (None, "", ":memory:"):
        Path(db.engine.url.database).parent.mkdir(parents=True, exist_ok=True)
    if not is_empty():
        raise DatabaseRefused(
            "the database is not empty: restore only into a new, empty database"
            " (PostgreSQL: createdb; SQLite: a new file), never over live data"
        )
    if kind == "postgresql":
        address, environment = libpq_environment()
        command = [tool("pg_restore"), "--no-owner", "--single-transaction", "-d", address]
        db.engine.dispose()
        run([*command, str(source)], environment)
    else:
        _sqlite_restore(source)


def _sqlite_restore(source: Path) -> None:
    path = db.engine.url.database
    if not path or path == ":memory:":
        raise DatabaseRefused("restore needs a database file, not an in-memory database")
    db.session.remove()
    db.engine.dispose()
    with sqlite3.connect(source) as backup, sqlite3.connect(path) as target:
        backup.backup(target)
    backup.close()
    target.close()
