"""The audit log: who did what, when and from where. Append-only (ORM guard here, triggers in the migration)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import JSON, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column

from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # No foreign key: the log outlives the rows it talks about and is never rewritten.
    actor_id: Mapped[int | None] = mapped_column(index=True)
    actor_email: Mapped[str | None] = mapped_column(String(254))
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[str | None] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(60))
    ip_address: Mapped[str | None] = mapped_column(String(64))
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)


class AuditLogIsAppendOnly(Exception):
    pass


@event.listens_for(AuditEntry, "before_update")
@event.listens_for(AuditEntry, "before_delete")
def _refuse_rewrite(mapper, connection, target):
    raise AuditLogIsAppendOnly("audit entries are never changed or deleted")


def record(
    action: str,
    obj: Any = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    note: str | None = None,
    actor: Any = None,
) -> AuditEntry:
    """Add an audit entry to the session (the caller's transaction commits it)."""
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    entry = AuditEntry(
        action=action,
        actor_id=getattr(actor, "id", None),
        actor_email=getattr(actor, "email", None),
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(obj.id) if getattr(obj, "id", None) is not None else None,
        ip_address=request.remote_addr if has_request_context() else None,
        before=before,
        after=after,
        note=note,
    )
    db.session.add(entry)
    return entry
