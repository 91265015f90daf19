"""A source instance with the demo data, and fresh instances to restore onto: a new SQLite file
(or, on PostgreSQL, a new database created for the test and dropped after it) and a new storage
folder. The S3 server fixture is the storage tests' (moto)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from config import TestConfig
from evalapp import create_app
from evalapp.extensions import db
from tests.conftest import POSTGRES_URL, FreshContextClient
from tests.integration.common.conftest import s3_endpoint  # noqa: F401 (a fixture)


@pytest.fixture
def demo(app):
    from evalapp.demo import services

    services.load_demo()
    db.session.commit()
    return app


@pytest.fixture
def fresh_database(tmp_path):
    """The address of an empty database, never migrated."""
    if not POSTGRES_URL:
        yield f"sqlite:///{tmp_path / 'restored' / 'evalapp.sqlite3'}"
        return
    name = f"restore_{uuid.uuid4().hex[:12]}"
    server = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    with server.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    server.dispose()


@pytest.fixture
def fresh_instance(tmp_path, fresh_database):
    """Builds the app of a fresh instance: its own database, storage and signing key path."""
    folder = tmp_path / "restored"
    folder.mkdir(exist_ok=True)
    made = []

    def build(signing_key=None, **config):
        app = create_app(
            TestConfig,
            SQLALCHEMY_DATABASE_URI=fresh_database,
            STORAGE_LOCAL_DIR=str(folder / "uploads"),
            MAIL_OUTBOX_DIR=str(folder / "outbox"),
            CERTIFICATE_SIGNING_KEY=str(signing_key or folder / "no_key_here.pem"),
            **config,
        )
        app.test_client_class = FreshContextClient
        made.append(app)
        return app

    yield build
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
