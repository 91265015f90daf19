"""A product from 90 points at the province (26/2026 Điều 7.3.e, second paragraph): the chair of
the provincial People's Committee approves the result (quyết định phê duyệt kết quả đánh giá —
not a recognition), and the province sends the ministry its proposal letter with the bundle of
Điều 6.3.a. The proposal is sent through `results.forwarding` (a new dossier at the central
unit's open round); `forwarding_id` is that forwarding once sent."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.results.models import FinalResult, Forwarding
from evalapp.units.models import AdministrativeUnit


class FiveStarProposal(db.Model):
    __tablename__ = "five_star_proposals"
    __table_args__ = (UniqueConstraint("unit_id", "approval_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("final_results.id"), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    # The approval decision, signed by the chair of the provincial People's Committee.
    approval_number: Mapped[str] = mapped_column(String(60))
    approved_on: Mapped[date]
    issuing_body: Mapped[str] = mapped_column(String(255))
    place: Mapped[str] = mapped_column(String(100))
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    approved_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The proposal letter to the ministry, once sent.
    letter_number: Mapped[str | None] = mapped_column(String(60))
    letter_on: Mapped[date | None]
    forwarding_id: Mapped[int | None] = mapped_column(ForeignKey("forwardings.id"), unique=True)
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(default=False)

    result: Mapped[FinalResult] = relationship()
    unit: Mapped[AdministrativeUnit] = relationship()
    forwarding: Mapped[Forwarding | None] = relationship()

    @property
    def is_sent(self) -> bool:
        return self.forwarding_id is not None
