"""Evaluation rounds (đợt đánh giá): a unit's call for dossiers under one rulebook."""

from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.columns import enum_column
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit


class RoundState(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class EvaluationRound(db.Model):
    __tablename__ = "evaluation_rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    year: Mapped[int]
    rulebook_code: Mapped[str] = mapped_column(String(40))
    # The rulebook's evaluation level this round runs at (district, province, central).
    level_code: Mapped[str] = mapped_column(String(20))
    submission_opens_on: Mapped[date]
    submission_closes_on: Mapped[date]
    scoring_starts_on: Mapped[date]
    scoring_ends_on: Mapped[date]
    state: Mapped[RoundState] = mapped_column(enum_column(RoundState, 16), default=RoundState.OPEN)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)

    unit: Mapped[AdministrativeUnit] = relationship()
    # The round's dossiers, for counting (`round_.dossiers.select()`): a later feature's table,
    # named here, never imported (docs/PACKAGES.md).
    dossiers = relationship("Dossier", lazy="write_only", viewonly=True)

    def __str__(self) -> str:
        return self.name

    def accepts_submissions_on(self, day: date) -> bool:
        return (
            self.state is RoundState.OPEN
            and self.submission_opens_on <= day <= self.submission_closes_on
        )
