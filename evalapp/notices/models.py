"""The written notice of a result (thông báo bằng văn bản về kết quả đánh giá, phân hạng):
26/2026 Điều 7.3.g (the province's OCOP office to the commune and the producer) and Điều 7.4.g
(the ministry to the province). One notice per product: the letter names one producer's class
and score, so a producer never reads another's 1★ or 2★, which no decision publishes."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.results.models import FinalResult
from evalapp.units.models import AdministrativeUnit


class ResultNotice(db.Model):
    __tablename__ = "result_notices"
    __table_args__ = (UniqueConstraint("unit_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(ForeignKey("final_results.id"), unique=True)
    # The sending unit: the round's (the province, or the ministry's central unit).
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    number: Mapped[str] = mapped_column(String(60))  # "3/TB-OCOP"
    sent_on: Mapped[date]
    sent_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)

    result: Mapped[FinalResult] = relationship()
    unit: Mapped[AdministrativeUnit] = relationship()
