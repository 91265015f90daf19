"""Fixtures: an app per test on a fresh database migrated by Alembic (SQLite, or PostgreSQL when
TEST_DATABASE_URL is set), the test client, the CLI runner and an `auth` helper.

`make test` runs the suite in parallel processes (pytest-xdist, one per core): each has its own
SQLite files under its own temporary folder and, on PostgreSQL, its own database beside
TEST_DATABASE_URL's, created here and dropped at the end."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from config import TestConfig, database_url
from evalapp import create_app
from evalapp.extensions import db, limiter


def worker_database(url: str | None) -> str | None:
    """TEST_DATABASE_URL for a lone run; for xdist worker `gw1`, the database `<name>_gw1`."""
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not url or not worker:
        return url
    address = make_url(url)
    return address.set(database=f"{address.database}_{worker}").render_as_string(
        hide_password=False
    )


SHARED_POSTGRES_URL = database_url(os.environ.get("TEST_DATABASE_URL"))
POSTGRES_URL = worker_database(SHARED_POSTGRES_URL)
TEST_PASSWORD = "Mật-khẩu-thử-2026"


def migrated_app(uri: str):
    app = create_app(TestConfig, SQLALCHEMY_DATABASE_URI=uri)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return app


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the catalogues as `make translations` does, so a bare `pytest` sees them too."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    for po_path in (
        Path(__file__).resolve().parent.parent.glob("evalapp/translations/*/LC_MESSAGES/*.po")
    ):
        with po_path.open("rb") as source:
            catalogue = read_po(source)
        # written aside then renamed: a parallel worker never reads a half-written catalogue
        partial = po_path.with_suffix(f".mo.{os.getpid()}")
        with partial.open("wb") as target:
            write_mo(target, catalogue)
        partial.replace(po_path.with_suffix(".mo"))


def recreate_database(url: str, *, drop_only: bool = False) -> None:
    """(Re)create the worker's own PostgreSQL database, from the server TEST_DATABASE_URL names."""
    name = make_url(url).database
    server = create_engine(SHARED_POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        if not drop_only:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    server.dispose()


@pytest.fixture(scope="session")
def template_database(tmp_path_factory):
    """Run the migrations once: a SQLite file to copy per test, or the PostgreSQL database itself."""
    if POSTGRES_URL:
        if POSTGRES_URL != SHARED_POSTGRES_URL:
            recreate_database(POSTGRES_URL)
        migrated_app(POSTGRES_URL)
        yield POSTGRES_URL
        if POSTGRES_URL != SHARED_POSTGRES_URL:
            recreate_database(POSTGRES_URL, drop_only=True)
        return
    path = tmp_path_factory.mktemp("template") / "evalapp.sqlite3"
    migrated_app(f"sqlite:///{path}")
    yield str(path)


def empty_postgres_tables() -> None:
    """Back to a freshly migrated database: every table emptied, the shipped sheet versions
    seeded again (migration 0024 does it once; SQLite copies the migrated file instead)."""
    from evalapp.sheets.shipped import sync_shipped

    tables = ", ".join(table.name for table in db.metadata.sorted_tables)
    db.session.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    sync_shipped(db.session.connection())
    db.session.commit()


class FreshContextClient(FlaskClient):
    """Each request runs in its own app context (own `g`, own session), as it does in production,
    even though the test body keeps one open to use the database."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def app_on_copy(template_database: str, directory: Path, **overrides):
    """An app on a fresh copy of the migrated database, its files under `directory` (and any
    other setting in `overrides`)."""
    if POSTGRES_URL:
        uri = template_database
    else:
        copy = directory / "evalapp.sqlite3"
        shutil.copyfile(template_database, copy)
        uri = f"sqlite:///{copy}"
    app = create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=uri,
        MAIL_OUTBOX_DIR=str(directory / "outbox"),
        STORAGE_LOCAL_DIR=str(directory / "uploads"),
        CERTIFICATE_SIGNING_KEY=str(directory / "certificate_signing_key.pem"),
        **overrides,
    )
    app.test_client_class = FreshContextClient
    limiter.reset()
    return app


def release_database() -> None:
    """End the app's use of its database (inside its app context), emptied on PostgreSQL."""
    db.session.remove()
    if POSTGRES_URL:
        empty_postgres_tables()
    db.engine.dispose()


@pytest.fixture
def app(template_database, tmp_path):
    app = app_on_copy(template_database, tmp_path)
    with app.app_context():
        yield app
        release_database()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self.client = client

    def login(self, user_or_email, password: str = TEST_PASSWORD, **kwargs):
        email = getattr(user_or_email, "email", user_or_email)
        return self.client.post(
            "/auth/login", data={"email": email, "password": password}, **kwargs
        )

    def logout(self):
        return self.client.post("/auth/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def make_user(app):
    from tests.factories import make_user as factory

    return factory


@pytest.fixture
def project_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture
def shipped_data(tmp_path, monkeypatch):
    """A writable copy of the shipped rulebooks folder, read instead of the package's: drop,
    break or copy sheet files in it (`shipped_data / "1048-2019" / "sheets"`)."""
    from evalapp.rules import clear_caches, loader

    folder = tmp_path / "rulebooks"
    shutil.copytree(loader.DATA_DIR, folder)
    monkeypatch.setattr(loader, "DATA_DIR", folder)
    clear_caches()
    yield folder
    monkeypatch.undo()
    clear_caches()


@pytest.fixture
def redis_server():
    """A redis-server of this test's own (free port, no persistence), running; `stop()` and
    `start()` it to play an outage."""
    from tests.redis_server import RedisServer

    server = RedisServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_queue(redis_server, monkeypatch):
    """The job queue in `redis_server`, queued rather than inline (JOBS_URL=redis://… in
    production); run what it holds with `run_queued(redis_queue)`."""
    from evalapp.common import jobs

    monkeypatch.setattr(jobs.huey, "_immediate", False)
    monkeypatch.setattr(jobs.huey, "storage", jobs.make_huey(redis_server.url).storage)
    return jobs.huey


def run_queued(queue) -> None:
    """Execute every job waiting in `queue`, as a worker would."""
    while (task := queue.dequeue()) is not None:
        queue.execute(task)
