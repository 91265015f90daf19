"""Members' score sheets (phiếu chấm điểm) and the advisory group's notes."""

from __future__ import annotations

import enum
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.columns import enum_column
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.councils.models import AgendaItem, CouncilMember
from evalapp.extensions import db


class SheetState(enum.StrEnum):
    DRAFT = "draft"
    SIGNED = "signed"


class ScoreSheet(db.Model):
    """One member's sheet for one dossier in one scoring round. Signed sheets never change
    (services refuse, and a database trigger refuses any UPDATE of a signed row)."""

    __tablename__ = "score_sheets"
    __table_args__ = (UniqueConstraint("item_id", "member_id", "scoring_round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"), index=True)
    scoring_round: Mapped[int] = mapped_column(default=1)
    state: Mapped[SheetState] = mapped_column(enum_column(SheetState, 16), default=SheetState.DRAFT)
    choices: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    comments: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    overall_comment: Mapped[str] = mapped_column(Text, default="")
    total: Mapped[Decimal | None] = mapped_column(Numeric(6, 2))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    signed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Recorded when the secretary imported a paper sheet on the member's behalf. While the sheet
    # is a draft it awaits the member's confirmation in the application: the import never signs
    # (issue 13); the member confirms (signs, their own act) or contests (cleared again).
    entered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    item: Mapped[AgendaItem] = relationship()
    member: Mapped[CouncilMember] = relationship()

    @property
    def is_signed(self) -> bool:
        return self.state is SheetState.SIGNED

    @property
    def awaits_member(self) -> bool:
        """A paper sheet imported by the secretary that the member has not yet confirmed; it is
        a draft, so nothing counts it (aggregate, results, minutes, quorum of signed sheets)."""
        return self.state is SheetState.DRAFT and self.entered_by_id is not None


class AdvisoryNote(db.Model):
    """The advisory group's note on one criterion of a dossier, shown to members as they score."""

    __tablename__ = "advisory_notes"
    __table_args__ = (UniqueConstraint("item_id", "member_id", "criterion_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("council_members.id"))
    criterion_code: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)
    written_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RescoringRound(db.Model):
    """The chair's decision to score a dossier again because members' totals differ too much."""

    __tablename__ = "rescoring_rounds"
    __table_args__ = (UniqueConstraint("item_id", "scoring_round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id"), index=True)
    scoring_round: Mapped[int]
    opened_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The disagreement the members see: per criterion, the spread (never who gave what).
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
