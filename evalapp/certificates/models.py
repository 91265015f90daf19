"""OCOP product certificates (giấy chứng nhận sản phẩm OCOP), their revocation and batch printing."""

from __future__ import annotations

import enum
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common import caching
from evalapp.common.columns import enum_column
from evalapp.common.files import StoredFile
from evalapp.common.search import Searchable
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.results.models import FinalResult, ResultDecision
from evalapp.units.models import AdministrativeUnit


class Certificate(Searchable, db.Model):
    """A certificate for a product classified 3★ or above by an issued decision.

    The printed facts are copied here when the certificate is issued, so a reprint gives the same
    content whatever happens to the product or organisation later, and `signature` (Ed25519 over
    the canonical facts, key `key_id`) lets anyone detect an altered copy. A certificate printed
    before the last day of validity was counted by the Civil Code keeps that printed day in
    `printed_expires_on`, and its signature covers the printed day. `public_id` is the
    unguessable id of the verification page and QR code; `number` is numbered per unit and year
    (`sequence`), unique and never reused.
    """

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("unit_id", "year", "sequence"),)
    search_sources = ("product_name", "producer_name")

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)
    number: Mapped[str] = mapped_column(String(60), unique=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    year: Mapped[int]
    sequence: Mapped[int]
    result_id: Mapped[int] = mapped_column(ForeignKey("final_results.id"), unique=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("result_decisions.id"), index=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    # The facts as printed and signed.
    product_name: Mapped[str] = mapped_column(String(255))
    producer_name: Mapped[str] = mapped_column(String(255))
    producer_address: Mapped[str] = mapped_column(String(500))
    province_name: Mapped[str] = mapped_column(String(200), index=True)
    group_code: Mapped[str] = mapped_column(String(20))
    stars: Mapped[int]
    rulebook_code: Mapped[str] = mapped_column(String(40))
    issuing_body: Mapped[str] = mapped_column(String(255))
    decision_number: Mapped[str] = mapped_column(String(60))
    decision_date: Mapped[date]
    issued_on: Mapped[date] = mapped_column(index=True)
    # The last day of validity by Điều 147–148 BLDS 2015 (see `rules.certificate_expiry`): every
    # status, list, reminder and page reads this one.
    expires_on: Mapped[date] = mapped_column(index=True)
    # Set only when the certificate was printed and signed with another last day (before migration
    # 0006 corrected it): that date, which the signature covers instead of `expires_on`.
    printed_expires_on: Mapped[date | None]
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    # The product group's Vietnamese name as issued (signed from fact set 2; "" before).
    group_name: Mapped[str] = mapped_column(String(255), default="")
    # Which fact set the signature covers (`signing.FIELDS_BY_VERSION`): 1 for certificates
    # issued before every shown fact was signed, 2 since.
    facts_version: Mapped[int] = mapped_column(default=2)
    signature: Mapped[str] = mapped_column(Text)
    key_id: Mapped[str] = mapped_column(String(32))
    issued_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Lifecycle: the reminder before expiry, revocation, a re-evaluation's certificate replacing it.
    reminder_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_on: Mapped[date | None]
    revoked_reason: Mapped[str] = mapped_column(Text, default="")
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"))
    is_demo: Mapped[bool] = mapped_column(default=False)

    unit: Mapped[AdministrativeUnit] = relationship()
    result: Mapped[FinalResult] = relationship()
    decision: Mapped[ResultDecision] = relationship()
    superseded_by: Mapped[Certificate | None] = relationship(remote_side=[id])
    revocations: Mapped[list[CertificateRevocation]] = relationship(
        back_populates="certificate", order_by="CertificateRevocation.id"
    )
    # The post-recognition inspections of the product (26/2026 Điều 9), a later feature's table
    # read through its foreign key, named by string (docs/PACKAGES.md).
    inspections = relationship(
        "InspectionRecord",
        primaryjoin="Certificate.id == foreign(InspectionRecord.certificate_id)",
        order_by="InspectionRecord.inspected_on.desc()",
        viewonly=True,
    )


class CertificateCounter(db.Model):
    """The yearly sequence of certificate numbers of a unit (row-locked while a number is taken)."""

    __tablename__ = "certificate_counters"

    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class RevocationState(enum.StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    WITHDRAWN = "withdrawn"


class CertificateRevocation(db.Model):
    """Revocation takes two people: the secretary asks with a reason, the chair approves (or the
    other way round); the certificate is revoked only on approval.

    Under a rulebook that regulates revocation (26/2026 Điều 8) the request also names its ground
    (`ground_code`, a point of Điều 8.1) and the conclusion it rests on (`conclusion_reference`,
    `conclusion_on`: Điều 8.4 counts the 15 days from it); `reason` is then the statement of the
    facts. The approval issues the revocation decision (`decision_number`, `decision_on`)."""

    __tablename__ = "certificate_revocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(ForeignKey("certificates.id"), index=True)
    state: Mapped[RevocationState] = mapped_column(
        enum_column(RevocationState, 16), default=RevocationState.REQUESTED
    )
    reason: Mapped[str] = mapped_column(Text)
    ground_code: Mapped[str] = mapped_column(String(4), default="")
    conclusion_reference: Mapped[str] = mapped_column(String(200), default="")
    conclusion_on: Mapped[date | None]
    decision_number: Mapped[str] = mapped_column(String(60), default="")
    decision_on: Mapped[date | None]
    # Who signs the revocation decision for the authority of Điều 8.2 (printed under the seal).
    signer_title: Mapped[str] = mapped_column(String(200), default="")
    signer_name: Mapped[str] = mapped_column(String(200), default="")
    effective_on: Mapped[date]
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    certificate: Mapped[Certificate] = relationship(back_populates="revocations")
    requested_by = relationship("User", foreign_keys=[requested_by_id])
    decided_by = relationship("User", foreign_keys=[decided_by_id])


class PrintJobState(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"  # by the user; a worker never starts it, or stops between parts

    @property
    def label(self) -> str:
        return str(PRINT_JOB_LABELS[self])

    @property
    def finished(self) -> bool:
        return self in (PrintJobState.DONE, PrintJobState.FAILED, PrintJobState.CANCELLED)


PRINT_JOB_LABELS = {
    PrintJobState.QUEUED: _l("Đang chờ"),
    PrintJobState.RUNNING: _l("Đang in"),
    PrintJobState.DONE: _l("Đã xong"),
    PrintJobState.FAILED: _l("Không in được"),
    PrintJobState.CANCELLED: _l("Đã hủy"),
}


class PrintJob(db.Model):
    """ "Print all certificates of this decision": one multi-page PDF built by a background job;
    `done` counts the certificates rendered so far (the page shows the progress).

    `attempt` numbers the runs of the job (1 when requested, +1 when a job whose worker stopped is
    queued again): a worker changes the row only while it still holds that number, so the late
    finisher of an older attempt can never overwrite a newer one. `heartbeat_at` is the last sign
    of life of the attempt (queued, started, progress, or the worker's beat while it runs)."""

    __tablename__ = "certificate_print_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("result_decisions.id"), index=True)
    state: Mapped[PrintJobState] = mapped_column(
        enum_column(PrintJobState, 16), default=PrintJobState.QUEUED
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

    decision: Mapped[ResultDecision] = relationship()
    file: Mapped[StoredFile | None] = relationship()


class CertificateStatus(enum.StrEnum):
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"
    SUPERSEDED = "superseded"

    @property
    def label(self) -> str:
        return str(CERTIFICATE_STATUS_LABELS[self])


CERTIFICATE_STATUS_LABELS = {
    CertificateStatus.VALID: _l("Còn hiệu lực"),
    CertificateStatus.EXPIRED: _l("Hết hiệu lực"),
    CertificateStatus.REVOKED: _l("Đã bị thu hồi"),
    CertificateStatus.SUPERSEDED: _l("Đã được thay thế sau đánh giá lại"),
}


def certificate_status(certificate: Certificate, today: date) -> CertificateStatus:
    """Revoked from its effective date; superseded once a re-evaluation's certificate replaces
    it; expired the day after `expires_on` (the last day of validity); otherwise valid."""
    if certificate.revoked_on is not None and certificate.revoked_on <= today:
        return CertificateStatus.REVOKED
    if certificate.superseded_by_id is not None:
        return CertificateStatus.SUPERSEDED
    if today > certificate.expires_on:
        return CertificateStatus.EXPIRED
    return CertificateStatus.VALID


# What the public verification and the registry show (issue 17's cache of them).
caching.watch(caching.CERTIFICATES, Certificate, CertificateRevocation)
