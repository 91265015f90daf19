"""The advisory group (Tổ tư vấn) of a council at work (26/2026 Điều 7.3.c, 7.4.c): the dossiers
the secretariat assigns to its members, their review of each document, the site visits (biên
bản khảo sát thực tế), the lab tests they ask for, the supplements they ask the producer for,
and their assessment report (báo cáo đánh giá) to the chair of the council.

Who is in the advisory group is the council's `Position.ADVISORY` seat (`councils.seats`):
an assignment points at that seat, never at a user directly."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.auth.models import User
from evalapp.common.columns import enum_column
from evalapp.common.files import StoredFile
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.councils.models import Council, CouncilMember
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db


class DocumentFinding(enum.StrEnum):
    MET = "met"
    NEEDS_SUPPLEMENT = "needs_supplement"
    UNCLEAR = "unclear"

    @property
    def label(self) -> str:
        return str(FINDING_LABELS[self])


FINDING_LABELS = {
    DocumentFinding.MET: _l("Đạt"),
    DocumentFinding.NEEDS_SUPPLEMENT: _l("Cần bổ sung"),
    DocumentFinding.UNCLEAR: _l("Không rõ"),
}


class ReportState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"

    @property
    def label(self) -> str:
        return str(REPORT_STATE_LABELS[self])


REPORT_STATE_LABELS = {
    ReportState.DRAFT: _l("Đang soạn"),
    ReportState.SUBMITTED: _l("Đã gửi Chủ tịch Hội đồng"),
}


class AdvisoryAssignment(db.Model):
    """A dossier given by the secretariat to one advisory seat of its round's council."""

    __tablename__ = "advisory_assignments"
    __table_args__ = (UniqueConstraint("dossier_id", "member_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    # A seat removed from the council (before it meets) takes its assignments with it.
    member_id: Mapped[int] = mapped_column(
        ForeignKey("council_members.id", ondelete="CASCADE"), index=True
    )
    assigned_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    dossier: Mapped[Dossier] = relationship()
    member: Mapped[CouncilMember] = relationship()


class AdvisoryReport(db.Model):
    """The advisory group's file on one dossier: the review of each document
    (`document_findings`: {checklist item code: {"finding": DocumentFinding, "comment": str}}) and
    the report to the chair, one part per section of the criteria sheet (A, B, C) and a general
    conclusion. Once `state` is SUBMITTED nothing of the file changes (visits, lab tests,
    findings) until the secretariat reopens it (`reopen_reason` keeps why)."""

    __tablename__ = "advisory_reports"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    council_id: Mapped[int] = mapped_column(ForeignKey("councils.id"), index=True)
    document_findings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    part_a: Mapped[str] = mapped_column(Text, default="")
    part_b: Mapped[str] = mapped_column(Text, default="")
    part_c: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[ReportState] = mapped_column(
        enum_column(ReportState, 16), default=ReportState.DRAFT
    )
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reopen_reason: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    dossier: Mapped[Dossier] = relationship()
    council: Mapped[Council] = relationship()
    submitted_by: Mapped[User | None] = relationship(foreign_keys=[submitted_by_id])

    @property
    def is_submitted(self) -> bool:
        return self.state is ReportState.SUBMITTED


class SiteVisit(db.Model):
    """Biên bản khảo sát thực tế tại cơ sở: when, where, who was there (advisory members and the
    producer's people, as written), the findings per criterion of the dossier's sheet
    (`findings`: {criterion code: text}), a general note and photographs."""

    __tablename__ = "advisory_site_visits"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    visited_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(255))
    present: Mapped[str] = mapped_column(Text)
    findings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    photos: Mapped[list[SiteVisitPhoto]] = relationship(
        back_populates="visit", order_by="SiteVisitPhoto.id", cascade="all, delete-orphan"
    )


class SiteVisitPhoto(db.Model):
    __tablename__ = "advisory_site_visit_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("advisory_site_visits.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), unique=True)

    visit: Mapped[SiteVisit] = relationship(back_populates="photos")
    file: Mapped[StoredFile] = relationship(lazy="joined")


class LabTestRequest(db.Model):
    """Đề nghị bổ sung kết quả kiểm nghiệm chất lượng (26/2026 Điều 7.3.c): the indicators, why,
    by when; then the result (`result_on`, `passed`, the lab's report). Pending while no result
    is recorded; the producer sees it on their dossier."""

    __tablename__ = "advisory_lab_tests"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    indicators: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date]
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    result_on: Mapped[date | None]
    passed: Mapped[bool | None]
    result_note: Mapped[str] = mapped_column(Text, default="")
    result_file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    result_recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    result_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    result_file: Mapped[StoredFile | None] = relationship(lazy="joined")

    @property
    def is_pending(self) -> bool:
        return self.result_recorded_at is None


class SupplementRequest(db.Model):
    """What the advisory group asks the producer to add to an accepted dossier (26/2026 Điều
    7.3.c "đề xuất bổ sung hồ sơ"). The intake's supplement request returns a dossier still at
    intake; an accepted dossier stays on the council's agenda, so this is a request with a
    notification, not a change of state."""

    __tablename__ = "advisory_supplement_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date | None]
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
