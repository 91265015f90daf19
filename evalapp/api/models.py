"""API tokens: one per client system of a unit, read-only, created and revoked by an administrator."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit


class ApiToken(db.Model):
    """Only the token's SHA-256 digest is stored; its first characters (`prefix`) let the
    administrator recognise it in the list. The plain token is shown once, when it is created."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    prefix: Mapped[str] = mapped_column(String(16))
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    unit: Mapped[AdministrativeUnit] = relationship()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
