"""The official sheets shipped with the package, as rows of the library: the migration that
creates the library seeds them, and `sync_shipped` adds a changed or new shipped sheet (a later
release) as a new version, on the first use after it is deployed. Plain SQLAlchemy Core on a
connection, so the migration and the application share it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from evalapp.common.time import utcnow
from evalapp.rules import list_rulebooks
from evalapp.rules.loader import shipped_sheet_data


def plain(value: Any) -> Any:
    """Sheet data as JSON can hold it: a `Decimal` (the reader's numbers) becomes an int when
    whole, else its exact text, which the reader takes back as the same `Decimal`."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    if isinstance(value, Mapping):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def digest_of(data: Mapping) -> str:
    canonical = json.dumps(plain(data), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def display_name(data: Mapping) -> str:
    name = data.get("name", "")
    return (name.get("vi", "") if isinstance(name, Mapping) else str(name))[:500]


def legal_basis_of(rulebook) -> str:
    return f"{rulebook.reference} — {rulebook.title.vi}"


def shipped_rows() -> Iterator[dict[str, Any]]:
    """One row per usable shipped sheet (state and number are the caller's)."""
    for rulebook in list_rulebooks():
        for data in shipped_sheet_data(rulebook.code):
            row = plain(data)
            yield {
                "rulebook_code": rulebook.code,
                "code": str(row["code"]),
                "source": "shipped",
                "name": display_name(row),
                "subgroups": [str(code) for code in row.get("subgroups", [])],
                "data": row,
                "digest": digest_of(row),
                "legal_basis": legal_basis_of(rulebook),
                "effective_from": rulebook.applies_from,
                "effective_until": rulebook.applies_until,
                "file_name": f"{row['code']}.json",
            }


def versions_table(metadata: sa.MetaData | None = None) -> sa.Table:
    """The columns this module writes (the migration has no models)."""
    from evalapp.common.time import UTCDateTime

    return sa.Table(
        "sheet_versions",
        metadata or sa.MetaData(),
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("rulebook_code", sa.String(40)),
        sa.Column("code", sa.String(60)),
        sa.Column("number", sa.Integer),
        sa.Column("state", sa.String(16)),
        sa.Column("source", sa.String(16)),
        sa.Column("name", sa.String(500)),
        sa.Column("subgroups", sa.JSON),
        sa.Column("data", sa.JSON),
        sa.Column("digest", sa.String(64)),
        sa.Column("legal_basis", sa.Text),
        sa.Column("effective_from", sa.Date),
        sa.Column("effective_until", sa.Date),
        sa.Column("file_name", sa.String(255)),
        sa.Column("imported_at", UTCDateTime),
        sa.Column("published_at", UTCDateTime),
        sa.Column("retired_at", UTCDateTime),
        sa.Column("changed_at", UTCDateTime),
    )


def sync_shipped(connection: sa.Connection) -> int:
    """Add every shipped sheet whose exact content the library does not hold yet; return how
    many. A new content of a code becomes its published version, retiring the shipped one it
    replaces — unless an administrator's import is the published version of that code: then it
    waits as a draft for the administrator to compare and publish."""
    table = versions_table()
    held = set(connection.scalars(sa.select(table.c.digest).where(table.c.source == "shipped")))
    added = 0
    for row in shipped_rows():
        if row["digest"] in held:
            continue
        same_code = (table.c.rulebook_code == row["rulebook_code"]) & (table.c.code == row["code"])
        number = connection.scalar(sa.select(sa.func.max(table.c.number)).where(same_code)) or 0
        current = connection.execute(
            sa.select(table.c.id, table.c.source).where(same_code, table.c.state == "published")
        ).first()
        now = utcnow()
        publish = current is None or current.source == "shipped"
        if publish and current is not None:
            connection.execute(
                table.update()
                .where(table.c.id == current.id)
                .values(state="retired", retired_at=now, changed_at=now)
            )
        connection.execute(
            table.insert().values(
                **row,
                number=number + 1,
                state="published" if publish else "draft",
                imported_at=now,
                published_at=now if publish else None,
                changed_at=now,
            )
        )
        added += 1
    return added
