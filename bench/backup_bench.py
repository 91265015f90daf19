"""Backup and restore figures for issue 16, run by hand:
`.venv/bin/python bench/backup_bench.py [--postgres postgresql://postgres@127.0.0.1:5432/postgres]
[--megabytes 1000]` (see bench/README.md).

In a temporary folder it builds an instance (a SQLite file, or a new PostgreSQL database on the
server named by `--postgres`), migrates it, loads the demo and times, through the real commands
(`flask backup`, `flask backup verify`, `flask restore` onto a fresh empty instance, its checks
included), once for the demo alone and once more after adding `--megabytes` of stored files
(25 MB each, the upload limit; random bytes, so nothing compresses). Databases it created are
dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from config import TestConfig, database_url
from evalapp import create_app
from evalapp.common.files import StoredFile
from evalapp.common.storage import get_storage
from evalapp.common.time import utcnow
from evalapp.extensions import db

FILE_MB = 25


class Databases:
    """New databases on a PostgreSQL server (dropped by `drop_all`), or SQLite files."""

    def __init__(self, server: str | None, folder: Path):
        self.server, self.folder, self.created = server, folder, []

    def new(self, name: str) -> str:
        if not self.server:
            return f"sqlite:///{self.folder / name}.sqlite3"
        database = f"backup_bench_{name}_{uuid.uuid4().hex[:8]}"
        self._execute(f'CREATE DATABASE "{database}"')
        self.created.append(database)
        return make_url(self.server).set(database=database).render_as_string(hide_password=False)

    def drop_all(self) -> None:
        for database in self.created:
            self._execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')

    def _execute(self, statement: str) -> None:
        engine = create_engine(self.server, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(statement))
        engine.dispose()


def instance(folder: Path, uri: str, signing_key: Path):
    folder.mkdir(parents=True, exist_ok=True)
    return create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=uri,
        STORAGE_LOCAL_DIR=str(folder / "uploads"),
        MAIL_OUTBOX_DIR=str(folder / "outbox"),
        CERTIFICATE_SIGNING_KEY=str(signing_key),
    )


def command(app, *args: str) -> float:
    """Seconds the command took; stops the bench if it did not succeed."""
    with app.app_context():
        started = time.perf_counter()
        result = app.test_cli_runner().invoke(args=list(args))
        elapsed = time.perf_counter() - started
        db.session.remove()
        db.engine.dispose()
    if result.exit_code != 0:
        sys.exit(f"flask {' '.join(args)} failed ({result.exit_code}):\n{result.output}")
    return elapsed


def add_files(app, megabytes: int) -> None:
    with app.app_context():
        storage = get_storage()
        for _ in range(max(1, megabytes // FILE_MB)):
            stored = storage.save(os.urandom(FILE_MB * 1024 * 1024))
            db.session.add(
                StoredFile(
                    storage_key=stored.key,
                    sha256=stored.sha256,
                    size=stored.size,
                    format="pdf",
                    mimetype="application/pdf",
                    original_name="bench.pdf",
                    uploaded_at=utcnow(),
                )
            )
        db.session.commit()
        db.session.remove()


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def measure(label: str, source, databases: Databases, work: Path, signing_key: Path) -> None:
    backup = work / f"backup-{label}"
    backed_up = command(source, "backup", str(backup))
    verified = command(source, "backup", "verify", str(backup))
    fresh = instance(work / f"restored-{label}", databases.new(f"restored_{label}"), signing_key)
    restored = command(fresh, "restore", str(backup))
    files = len(list((backup / "files").rglob("*"))) - len(list((backup / "files").glob("*")))
    size = folder_size(backup) / 1e6
    print(
        f"| {label:10} | {files:5} | {size:9.1f} | {backed_up:8.2f} | {verified:8.2f}"
        f" | {restored:8.2f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="a PostgreSQL server address (default: SQLite)")
    parser.add_argument("--megabytes", type=int, default=1000, help="stored files to add")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="backup-bench-") as temporary:
        work = Path(temporary)
        databases = Databases(database_url(options.postgres), work)
        try:
            run(options, databases, work)
        finally:
            databases.drop_all()


def run(options, databases: Databases, work: Path) -> None:
    signing_key = work / "certificate_signing_key.pem"
    source = instance(work / "source", databases.new("source"), signing_key)
    with source.app_context():
        from evalapp.demo import services

        upgrade()
        services.load_demo()
        db.session.commit()
        db.session.remove()
        kind = db.engine.dialect.name
        db.engine.dispose()
    print(f"{kind}, {os.cpu_count()} cores; seconds of wall clock, restore includes its checks")
    print("| data       | files | backup MB | backup s | verify s | restore s |")
    print("|---|---:|---:|---:|---:|---:|")
    measure("demo", source, databases, work, signing_key)
    add_files(source, options.megabytes)
    measure(f"+{options.megabytes} MB", source, databases, work, signing_key)


if __name__ == "__main__":
    main()
