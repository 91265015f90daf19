"""A criteria sheet version: the sheet's data in the application's own format (the format of
`evalapp/rules/data/README.md`, fragments inlined), never edited once stored."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from evalapp.common.columns import enum_column
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db


class VersionState(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    RETIRED = "retired"

    @property
    def label(self) -> str:
        return str(VERSION_STATE_LABELS[self])


VERSION_STATE_LABELS = {
    VersionState.DRAFT: _l("Bản nháp"),
    VersionState.PUBLISHED: _l("Đang dùng"),
    VersionState.RETIRED: _l("Đã thôi dùng"),
}


class VersionSource(enum.StrEnum):
    SHIPPED = "shipped"  # the official sheets of the package
    IMPORTED = "imported"  # an administrator's import


class SheetVersion(db.Model):
    """Version `number` of sheet `code` of a rulebook. At most one version of a code is
    published at a time; publishing another retires it. `data` and `digest` never change
    (services refuse; a draft is deleted, not edited)."""

    __tablename__ = "sheet_versions"
    __table_args__ = (UniqueConstraint("rulebook_code", "code", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rulebook_code: Mapped[str] = mapped_column(String(40), index=True)
    code: Mapped[str] = mapped_column(String(60))
    number: Mapped[int]
    state: Mapped[VersionState] = mapped_column(enum_column(VersionState, 16), index=True)
    source: Mapped[VersionSource] = mapped_column(enum_column(VersionSource, 16))
    name: Mapped[str] = mapped_column(String(500))
    subgroups: Mapped[list[str]] = mapped_column(JSON, default=list)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    digest: Mapped[str] = mapped_column(String(64), index=True)
    legal_basis: Mapped[str] = mapped_column(Text, default="")
    effective_from: Mapped[date | None]
    effective_until: Mapped[date | None]
    file_name: Mapped[str] = mapped_column(String(255), default="")
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    retired_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    retired_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the state last changed: the library's stamp is the latest of them (and the count).
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    @property
    def is_shipped(self) -> bool:
        return self.source is VersionSource.SHIPPED
