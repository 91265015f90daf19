"""Built session documents: the cache of each document, and the job that builds a large one."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.columns import enum_column
from evalapp.common.files import StoredFile
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db


class DocumentJobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @property
    def label(self) -> str:
        return str(DOCUMENT_JOB_LABELS[self])

    @property
    def finished(self) -> bool:
        return self in (DocumentJobState.DONE, DocumentJobState.FAILED)


DOCUMENT_JOB_LABELS = {
    DocumentJobState.QUEUED: _l("Đang chờ"),
    DocumentJobState.RUNNING: _l("Đang lập"),
    DocumentJobState.DONE: _l("Đã xong"),
    DocumentJobState.FAILED: _l("Không lập được"),
}


class BuiltDocument(db.Model):
    """One build of a session's document (`kind`: see `reports.building.KINDS`) for the data
    digested in `stamp` (`reports.stamps`): a DONE row with its file is the cached document,
    served while the session's stamp stays the same; a QUEUED or RUNNING row is the background
    job building it (`done` of `total` steps, shown on its page). `attempt` and `heartbeat_at`
    are the job's run and last sign of life, as on the certificates' print jobs."""

    __tablename__ = "built_documents"
    __table_args__ = (Index("ix_built_documents_lookup", "session_id", "kind", "stamp"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("council_sessions.id"))
    kind: Mapped[str] = mapped_column(String(20))
    stamp: Mapped[str] = mapped_column(String(64))
    state: Mapped[DocumentJobState] = mapped_column(
        enum_column(DocumentJobState, 16), default=DocumentJobState.QUEUED
    )
    total: Mapped[int] = mapped_column(default=0)
    done: Mapped[int] = mapped_column(default=0)
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    error: Mapped[str] = mapped_column(Text, default="")
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    attempt: Mapped[int] = mapped_column(default=1)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    file: Mapped[StoredFile | None] = relationship()
