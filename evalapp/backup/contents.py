"""What a backup describes, read through one connection (the snapshot the dump was taken from):
the stored files' rows, the row count of every table, the migration head, the signers' keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

from alembic.config import Config as AlembicConfig
from alembic.script import ScriptDirectory
from flask import current_app
from sqlalchemy import Connection, func, select, text

from evalapp.certificates import signing
from evalapp.certificates.models import Certificate
from evalapp.common.files import StoredFile
from evalapp.extensions import db


def stored_files(connection: Connection) -> list[dict]:
    query = select(StoredFile.storage_key, StoredFile.sha256, StoredFile.size).order_by(
        StoredFile.id
    )
    return [
        {"key": key, "sha256": sha256, "size": size}
        for key, sha256, size in connection.execute(query)
    ]


def table_counts(connection: Connection) -> dict[str, int]:
    return {
        table.name: connection.scalar(select(func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def database_head(connection: Connection) -> str | None:
    return connection.scalar(text("SELECT version_num FROM alembic_version"))


def code_head() -> str:
    """The head of the migrations shipped with this code."""
    config = AlembicConfig()
    config.set_main_option("script_location", current_app.extensions["migrate"].directory)
    return ScriptDirectory.from_config(config).get_current_head()


def app_version() -> str:
    pyproject = Path(current_app.root_path).parent / "pyproject.toml"
    try:
        return tomllib.loads(pyproject.read_text())["project"]["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def signers(connection: Connection) -> list[dict]:
    """Each key that signed certificates in the database, with how many, and its public key in
    PEM when this instance has it (never the private key)."""
    keys = signing.published_public_keys(create=False)
    query = select(Certificate.key_id, func.count()).group_by(Certificate.key_id)
    used = dict(connection.execute(query).all())
    return [
        {
            "key_id": key_id,
            "certificates": used.get(key_id, 0),
            "public_key": signing.public_pem(keys[key_id]) if key_id in keys else None,
        }
        for key_id in sorted(set(used) | set(keys))
    ]
