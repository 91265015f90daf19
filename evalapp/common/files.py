"""Files kept in storage: the database row holds the key, checksum and the original name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from evalapp.common.storage import get_storage
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db


class StoredFile(db.Model):
    __tablename__ = "stored_files"

    id: Mapped[int] = mapped_column(primary_key=True)
    storage_key: Mapped[str] = mapped_column(String(80), unique=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int]
    format: Mapped[str] = mapped_column(String(8))
    mimetype: Mapped[str] = mapped_column(String(100))
    # Metadata only: never used to build a path. Vietnamese names are kept as typed.
    original_name: Mapped[str] = mapped_column(String(255))
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_image(self) -> bool:
        return self.format in {"jpg", "png"}


def store_upload(upload, actor) -> StoredFile:
    """Put a checked upload (`common.uploads.check_upload`) in storage and describe it; `actor`
    None for a file nobody signed in brought (the demo data)."""
    stored = get_storage().save(upload.data)
    return StoredFile(
        storage_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
        format=upload.format,
        mimetype=upload.mimetype,
        original_name=upload.original_name,
        uploaded_by_id=actor.id if actor is not None else None,
        uploaded_at=utcnow(),
    )
