"""The samples received with a dossier, one row a sample, and each sample's custody."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.auth.models import User
from evalapp.common.columns import enum_column
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit


class SampleHolder(enum.StrEnum):
    """Where a sample is. PRODUCER means returned: a returned sample moves no more."""

    COMMUNE = "commune"
    SECRETARIAT = "secretariat"
    ADVISORY_GROUP = "advisory_group"
    LAB = "lab"
    PRODUCER = "producer"

    @property
    def label(self) -> str:
        return str(HOLDER_LABELS[self])


HOLDER_LABELS = {
    SampleHolder.COMMUNE: _l("UBND cấp xã"),
    SampleHolder.SECRETARIAT: _l("Cơ quan thường trực (cấp tỉnh)"),
    SampleHolder.ADVISORY_GROUP: _l("Tổ tư vấn Hội đồng"),
    SampleHolder.LAB: _l("Phòng kiểm nghiệm"),
    SampleHolder.PRODUCER: _l("Trả lại chủ thể OCOP"),
}


class SampleReceipt(db.Model):
    """The handing over of a dossier's samples to the desk that receives the dossier (the
    commune, or the secretariat when the dossier comes to it directly). One per dossier."""

    __tablename__ = "sample_receipts"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    count: Mapped[int]
    # Packaging, lot, weight: what the receipt and the labels say the samples are.
    description: Mapped[str] = mapped_column(Text)
    received_on: Mapped[date]
    received_by_name: Mapped[str] = mapped_column(String(200))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    dossier: Mapped[Dossier] = relationship()
    unit: Mapped[AdministrativeUnit] = relationship()
    recorded_by: Mapped[User | None] = relationship()
    samples: Mapped[list[Sample]] = relationship(
        back_populates="receipt", order_by="Sample.number", cascade="all, delete-orphan"
    )


class Sample(db.Model):
    """One sample, numbered 1..count within its dossier, known by its label code."""

    __tablename__ = "product_samples"
    __table_args__ = (UniqueConstraint("dossier_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("sample_receipts.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    number: Mapped[int]
    label_code: Mapped[str] = mapped_column(String(12), unique=True)

    receipt: Mapped[SampleReceipt] = relationship(back_populates="samples")
    dossier: Mapped[Dossier] = relationship()
    moves: Mapped[list[SampleMove]] = relationship(
        back_populates="sample", order_by="SampleMove.id", cascade="all, delete-orphan"
    )

    @property
    def current(self) -> SampleMove:
        """The latest move: who holds the sample now (the receipt is its first move)."""
        return self.moves[-1]

    @property
    def returned_on(self) -> date | None:
        current = self.current
        return current.moved_on if current.holder is SampleHolder.PRODUCER else None


class SampleMove(db.Model):
    """A sample handed to a holder on a day; the history of a sample is its moves in order."""

    __tablename__ = "sample_moves"

    id: Mapped[int] = mapped_column(primary_key=True)
    sample_id: Mapped[int] = mapped_column(ForeignKey("product_samples.id"), index=True)
    holder: Mapped[SampleHolder] = mapped_column(enum_column(SampleHolder, 20))
    # The laboratory's name when `holder` is LAB, else "".
    lab_name: Mapped[str] = mapped_column(String(200), default="")
    moved_on: Mapped[date]
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    sample: Mapped[Sample] = relationship(back_populates="moves")
    recorded_by: Mapped[User | None] = relationship()

    @property
    def holder_label(self) -> str:
        if self.holder is SampleHolder.LAB and self.lab_name:
            return f"{self.holder.label}: {self.lab_name}"
        return self.holder.label
