"""Post-recognition inspection (hậu kiểm, 26/2026 Điều 9): the plans of a unit's secretariat and
the record of each product inspected."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.certificates.models import Certificate, CertificateRevocation
from evalapp.common.columns import enum_column
from evalapp.common.files import StoredFile
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit


class InspectionKind(enum.StrEnum):
    PERIODIC = "periodic"  # định kỳ
    AD_HOC = "ad_hoc"  # đột xuất

    @property
    def label(self) -> str:
        return str(KIND_LABELS[self])


KIND_LABELS = {InspectionKind.PERIODIC: _l("Định kỳ"), InspectionKind.AD_HOC: _l("Đột xuất")}


class InspectionConclusion(enum.StrEnum):
    MAINTAINED = "maintained"
    NOT_MAINTAINED = "not_maintained"

    @property
    def label(self) -> str:
        return str(CONCLUSION_LABELS[self])


CONCLUSION_LABELS = {
    InspectionConclusion.MAINTAINED: _l("Duy trì được tiêu chí"),
    InspectionConclusion.NOT_MAINTAINED: _l("Không duy trì được tiêu chí"),
}


class InspectionPlan(db.Model):
    """A plan of the unit that recognised the products: periodic (`period`, e.g. "2026") or ad hoc
    (`reason`), listing the certificates it inspects (`targets`)."""

    __tablename__ = "inspection_plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    kind: Mapped[InspectionKind] = mapped_column(enum_column(InspectionKind, 16))
    title: Mapped[str] = mapped_column(String(255))
    period: Mapped[str] = mapped_column(String(60), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[AdministrativeUnit] = relationship()
    targets: Mapped[list[InspectionTarget]] = relationship(
        back_populates="plan", order_by="InspectionTarget.id", cascade="all, delete-orphan"
    )


class InspectionTarget(db.Model):
    """A certificate the plan inspects; `record` once it has been inspected."""

    __tablename__ = "inspection_targets"
    __table_args__ = (UniqueConstraint("plan_id", "certificate_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("inspection_plans.id"), index=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)

    plan: Mapped[InspectionPlan] = relationship(back_populates="targets")
    certificate: Mapped[Certificate] = relationship()
    record: Mapped[InspectionRecord | None] = relationship(back_populates="target")


class InspectionRecord(db.Model):
    """The record (biên bản) of one product's inspection, on the two points of 26/2026 Điều 9.3:
    the criteria maintained (`criteria`, 9.3.a) and the use of the OCOP mark (`mark_*`, 9.3.b);
    then the findings and the conclusion. Its number and date are the conclusion a
    revocation proposal rests on (26/2026 Điều 8.4 counts the 15 days from `inspected_on`)."""

    __tablename__ = "inspection_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("inspection_targets.id"), unique=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    reference: Mapped[str] = mapped_column(String(150))  # 200 with "Biên bản kiểm tra số "
    inspected_on: Mapped[date]
    inspectors: Mapped[str] = mapped_column(Text)
    criteria: Mapped[str] = mapped_column(Text)
    mark_used_correctly: Mapped[bool]
    mark_note: Mapped[str] = mapped_column(Text, default="")
    findings: Mapped[str] = mapped_column(Text, default="")
    conclusion: Mapped[InspectionConclusion] = mapped_column(enum_column(InspectionConclusion, 16))
    revocation_id: Mapped[int | None] = mapped_column(ForeignKey("certificate_revocations.id"))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    target: Mapped[InspectionTarget] = relationship(back_populates="record")
    certificate: Mapped[Certificate] = relationship()
    revocation: Mapped[CertificateRevocation | None] = relationship()
    evidence: Mapped[list[InspectionEvidence]] = relationship(
        back_populates="record", order_by="InspectionEvidence.id", cascade="all, delete-orphan"
    )

    @property
    def plan(self) -> InspectionPlan:
        return self.target.plan


class InspectionEvidence(db.Model):
    """A file kept with a record (photographs, test reports), checked and stored as a dossier's
    documents are."""

    __tablename__ = "inspection_evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_id: Mapped[int] = mapped_column(ForeignKey("inspection_records.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"), unique=True)

    record: Mapped[InspectionRecord] = relationship(back_populates="evidence")
    file: Mapped[StoredFile] = relationship(lazy="joined")
