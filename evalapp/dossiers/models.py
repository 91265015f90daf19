"""Dossiers (hồ sơ): a product's application in a round, its documents and its history."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common import caching
from evalapp.common.columns import enum_column
from evalapp.common.files import StoredFile
from evalapp.common.search import Searchable
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.producers.models import Organisation, Product
from evalapp.rounds.models import EvaluationRound
from evalapp.units.models import AdministrativeUnit


class DossierState(enum.StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    FORWARDED = "forwarded"
    RECEIVED = "received"
    NEEDS_SUPPLEMENT = "needs_supplement"
    SUPPLEMENTED = "supplemented"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    # After the council: the result is finalised, then published by the result decision.
    EVALUATED = "evaluated"
    PUBLISHED = "published"

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])

    @property
    def badge(self) -> str:
        return STATE_BADGES[self]


STATE_LABELS = {
    DossierState.DRAFT: _l("Nháp"),
    DossierState.SUBMITTED: _l("Chờ tiếp nhận"),
    DossierState.FORWARDED: _l("Đã chuyển cấp trên"),
    DossierState.RECEIVED: _l("Đã tiếp nhận"),
    DossierState.NEEDS_SUPPLEMENT: _l("Yêu cầu bổ sung"),
    DossierState.SUPPLEMENTED: _l("Đã bổ sung"),
    DossierState.ACCEPTED: _l("Chờ Hội đồng chấm điểm"),
    DossierState.REFUSED: _l("Từ chối"),
    DossierState.EVALUATED: _l("Hội đồng đã đánh giá, chờ công bố kết quả"),
    DossierState.PUBLISHED: _l("Đã công bố kết quả"),
}
STATE_BADGES = {
    DossierState.DRAFT: "secondary",
    DossierState.SUBMITTED: "secondary",
    DossierState.FORWARDED: "info",
    DossierState.RECEIVED: "primary",
    DossierState.NEEDS_SUPPLEMENT: "warning",
    DossierState.SUPPLEMENTED: "info",
    DossierState.ACCEPTED: "success",
    DossierState.REFUSED: "danger",
    DossierState.EVALUATED: "primary",
    DossierState.PUBLISHED: "success",
}


class RegistrationType(enum.StrEnum):
    FIRST_TIME = "first_time"
    UPGRADE = "upgrade"
    RE_EVALUATION = "re_evaluation"

    @property
    def label(self) -> str:
        return str(REGISTRATION_LABELS[self])


REGISTRATION_LABELS = {
    RegistrationType.FIRST_TIME: _l("Đăng ký lần đầu"),
    RegistrationType.UPGRADE: _l("Đăng ký nâng hạng sao"),
    RegistrationType.RE_EVALUATION: _l("Đánh giá lại (hết hạn 36 tháng)"),
}


class Dossier(Searchable, db.Model):
    __tablename__ = "dossiers"
    search_sources = (
        "receipt_code",
        "product_code",
        "commune_registration_number",
        "province_registration_number",
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("evaluation_rounds.id"), index=True)
    registration_type: Mapped[RegistrationType] = mapped_column(enum_column(RegistrationType))
    # Upgrades and re-evaluations name the certificate they build on.
    previous_certificate: Mapped[str] = mapped_column(String(100), default="")
    # The certificate record it renews or upgrades, when the number matches one issued here.
    previous_certificate_id: Mapped[int | None] = mapped_column(
        ForeignKey("certificates.id", use_alter=True), index=True
    )
    # The product's class under the round's rulebook (its subgroup, or its group when the
    # rulebook lists no subgroups); it decides the criteria sheet and the document exemptions.
    group_code: Mapped[str] = mapped_column(String(20))
    class_code: Mapped[str] = mapped_column(String(20))
    sheet_code: Mapped[str | None] = mapped_column(String(60))
    # The version of that sheet the dossier is scored on, fixed when the dossier is created:
    # its self-assessment, every member's sheet and its result use it, whatever is published
    # later (issue 15). None for a group without a sheet (or one not in the library yet).
    sheet_version_id: Mapped[int | None] = mapped_column(ForeignKey("sheet_versions.id"))
    state: Mapped[DossierState] = mapped_column(
        enum_column(DossierState), default=DossierState.DRAFT, index=True
    )
    # The unit whose desk the dossier is on: the commune (1489) or the round's unit.
    current_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("administrative_units.id"), index=True
    )
    receipt_code: Mapped[str | None] = mapped_column(String(60), unique=True)
    # 26/2026 Phụ lục II: `(T)-(X)-(STT)-năm`, given once when the dossier is filed with the
    # commune (a dossier carried to the next level keeps its product's code).
    product_code: Mapped[str | None] = mapped_column(String(40), index=True)
    # 26/2026 Phụ lục III Mẫu 01: the registration form's number, given by the commune when it
    # receives the dossier and again by the province's OCOP office when its intake does.
    commune_registration_number: Mapped[str | None] = mapped_column(String(60))
    commune_registration_on: Mapped[date | None]
    province_registration_number: Mapped[str | None] = mapped_column(String(60))
    province_registration_on: Mapped[date | None]
    # The secretariat's own day for the supplement it asked for (26/2026 sets none): information
    # for the producer and the home queue, never a bar to a late resubmission; None once the
    # dossier is sent back supplemented.
    supplement_due_on: Mapped[date | None]
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    self_assessment: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    declaration_name: Mapped[str | None] = mapped_column(String(200))
    declared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    is_demo: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}

    product: Mapped[Product] = relationship()
    organisation: Mapped[Organisation] = relationship()
    round: Mapped[EvaluationRound] = relationship()
    current_unit: Mapped[AdministrativeUnit | None] = relationship()
    # The record behind `previous_certificate_id`: a later feature's table, named here, never
    # imported (docs/PACKAGES.md).
    previous_certificate_record = relationship(
        "Certificate", foreign_keys=[previous_certificate_id], viewonly=True
    )
    documents: Mapped[list[DossierDocument]] = relationship(
        back_populates="dossier", order_by="DossierDocument.id", cascade="all, delete-orphan"
    )
    item_reviews: Mapped[list[ItemReview]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan"
    )
    events: Mapped[list[DossierEvent]] = relationship(
        back_populates="dossier", order_by="DossierEvent.id", cascade="all, delete-orphan"
    )
    pre_review: Mapped[CommunePreReview | None] = relationship(
        back_populates="dossier", cascade="all, delete-orphan"
    )
    registration: Mapped[DossierRegistration | None] = relationship(
        back_populates="dossier", cascade="all, delete-orphan"
    )
    claims: Mapped[list[SelfAssessmentClaim]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", passive_deletes=True
    )

    def current_documents(self, item_code: str | None = None) -> list[DossierDocument]:
        return [
            document
            for document in self.documents
            if document.is_current and (item_code is None or document.item_code == item_code)
        ]

    def review_of(self, item_code: str) -> ItemReview | None:
        return next((r for r in self.item_reviews if r.item_code == item_code), None)


class DossierDocument(db.Model):
    """One file uploaded for one checklist item. Replaced files stay, for the record."""

    __tablename__ = "dossier_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(60))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    replaced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    dossier: Mapped[Dossier] = relationship(back_populates="documents")
    # Joined: a document is always shown with its file's name, size and format.
    file: Mapped[StoredFile] = relationship(lazy="joined")

    @property
    def is_current(self) -> bool:
        return self.replaced_at is None


# Which documents prove which claim. Both keys cascade in the database: deleting a draft's file
# (or a claim) drops its links, whichever side the ORM has loaded.
claim_evidence = Table(
    "self_assessment_evidence",
    db.metadata,
    Column(
        "claim_id",
        ForeignKey("self_assessment_claims.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column(
        "document_id",
        ForeignKey("dossier_documents.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)


class SelfAssessmentClaim(db.Model):
    """Mẫu 02 Phần III (26/2026 Phụ lục III): the producer's description of what one criterion
    of the sheet is expected to score, with the documents of this dossier that prove it, and,
    for an upgrade or a re-evaluation (Điều 6.1.b–c), what changed since recognition. The
    expected option itself stays in `Dossier.self_assessment`."""

    __tablename__ = "self_assessment_claims"
    __table_args__ = (UniqueConstraint("dossier_id", "criterion_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(
        ForeignKey("dossiers.id", ondelete="CASCADE"), index=True
    )
    criterion_code: Mapped[str] = mapped_column(String(20))
    description: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(back_populates="claims")
    # Only documents of the same dossier (checked by `claims.save_claims`).
    documents: Mapped[list[DossierDocument]] = relationship(
        secondary=claim_evidence, order_by="DossierDocument.id", passive_deletes=True
    )


class ItemVerdict(enum.StrEnum):
    ACCEPTED = "accepted"
    NEEDS_CORRECTION = "needs_correction"


class ItemReview(db.Model):
    """The secretariat's check of one checklist item of a dossier."""

    __tablename__ = "dossier_item_reviews"
    __table_args__ = (UniqueConstraint("dossier_id", "item_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    item_code: Mapped[str] = mapped_column(String(60))
    verdict: Mapped[ItemVerdict] = mapped_column(enum_column(ItemVerdict, 20))
    reason: Mapped[str] = mapped_column(Text, default="")
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    dossier: Mapped[Dossier] = relationship(back_populates="item_reviews")


class CommunePreReview(db.Model):
    """The commune's review of the four local contents before forwarding: met / not met with a
    note under 1489/2025; a written assessment of each content under 26/2026 (Điều 7.2.a,
    printed as Mẫu số 03)."""

    __tablename__ = "commune_pre_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    # {item code: {"met": bool, "note": str}} (1489); {item code: {"note": str}} (26/2026)
    findings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    reviewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The last day of the commune's period as counted when it forwarded (26/2026 Điều 7.2), kept
    # so that the record does not move if the calendar of days off is corrected later.
    deadline_on: Mapped[date | None] = mapped_column()
    # Why the commune forwarded after `deadline_on` (required then, empty otherwise).
    late_reason: Mapped[str] = mapped_column(Text, default="")
    officer = relationship("User")

    @property
    def forwarded_on_time(self) -> bool | None:
        if self.deadline_on is None:
            return None
        return not self.late_reason

    dossier: Mapped[Dossier] = relationship(back_populates="pre_review")


class Gender(enum.StrEnum):
    MALE = "male"
    FEMALE = "female"

    @property
    def label(self) -> str:
        return str(GENDER_LABELS[self])


GENDER_LABELS = {Gender.MALE: _l("Nam"), Gender.FEMALE: _l("Nữ")}


class DossierRegistration(db.Model):
    """What the producer writes on Mẫu số 01 (Phiếu đăng ký) and Mẫu số 02 (Báo cáo tự đánh
    giá, Phần I, II and IV) of 26/2026 Phụ lục III: a signed snapshot, prefilled once from the
    organisation and the product, then the producer's own. The unit's name, representative,
    address, phone, e-mail and the place and day of signing are written once for both forms.

    Each form is saved whole (`form_01_saved_at`, `form_02_saved_at`): a form is filled when
    its time is set, and its required columns are then non-empty."""

    __tablename__ = "dossier_registrations"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), unique=True)
    # Mẫu 01 mục 1, Mẫu 02 Phần I mục 1, 3, 4, 5
    unit_name: Mapped[str] = mapped_column(String(255), default="")
    representative_name: Mapped[str] = mapped_column(String(200), default="")
    representative_title: Mapped[str] = mapped_column(String(100), default="")
    address: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    # Mẫu 01 mục 2, Mẫu 02 Phần I mục 7
    product_name: Mapped[str] = mapped_column(String(255), default="")
    signing_place: Mapped[str] = mapped_column(String(100), default="")
    signed_on: Mapped[date | None] = mapped_column(Date)
    form_01_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Mẫu 02 Phần I
    legal_form: Mapped[str] = mapped_column(String(100), default="")
    representative_gender: Mapped[Gender | None] = mapped_column(enum_column(Gender, 10))
    representative_ethnicity: Mapped[str] = mapped_column(String(50), default="")
    representative_residence: Mapped[str] = mapped_column(String(255), default="")
    established_on: Mapped[date | None] = mapped_column(Date)
    registration_number: Mapped[str] = mapped_column(String(50), default="")
    product_description: Mapped[str] = mapped_column(Text, default="")
    # Mẫu 02 Phần I mục 7 a) – d); d) is ticked when any of its sub-items is.
    has_business_registration: Mapped[bool] = mapped_column(default=False)
    has_quality_declaration: Mapped[bool] = mapped_column(default=False)
    has_food_safety_certificate: Mapped[bool] = mapped_column(default=False)
    has_production_certificate: Mapped[bool] = mapped_column(default=False)
    ip_trademark: Mapped[bool] = mapped_column(default=False)
    ip_collective_rights: Mapped[bool] = mapped_column(default=False)
    ip_patent: Mapped[bool] = mapped_column(default=False)
    ip_industrial_design: Mapped[bool] = mapped_column(default=False)
    ip_copyright: Mapped[bool] = mapped_column(default=False)
    ip_other: Mapped[str] = mapped_column(String(255), default="")
    history: Mapped[str] = mapped_column(Text, default="")
    organisation_structure: Mapped[str] = mapped_column(Text, default="")
    # Mẫu 02 Phần II: the four points the text asks for
    raw_materials_and_technology: Mapped[str] = mapped_column(Text, default="")
    quality_changes: Mapped[str] = mapped_column(Text, default="")
    markets: Mapped[str] = mapped_column(Text, default="")
    business_results: Mapped[str] = mapped_column(Text, default="")
    # Mẫu 02 Phần IV: định hướng, kế hoạch sản xuất, kinh doanh
    business_plan: Mapped[str] = mapped_column(Text, default="")
    form_02_saved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    dossier: Mapped[Dossier] = relationship(back_populates="registration")

    @property
    def has_ip_registration(self) -> bool:
        return any(
            (
                self.ip_trademark,
                self.ip_collective_rights,
                self.ip_patent,
                self.ip_industrial_design,
                self.ip_copyright,
                self.ip_other,
            )
        )


class DossierEvent(db.Model):
    """A line of the dossier's timeline: who moved it, when, from which state to which, why."""

    __tablename__ = "dossier_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[DossierState | None] = mapped_column(enum_column(DossierState))
    to_state: Mapped[DossierState | None] = mapped_column(enum_column(DossierState))
    message: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    dossier: Mapped[Dossier] = relationship(back_populates="events")
    actor = relationship("User")


class ReceiptCounter(db.Model):
    """The daily sequence of receipt codes of a unit (`<unit>-YYMMDD-0001`)."""

    __tablename__ = "receipt_counters"

    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), primary_key=True)
    day: Mapped[date] = mapped_column(primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


class DossierNumberCounter(db.Model):
    """A unit's yearly sequence of one series (row-locked while a number is taken): "product",
    the commune's product numbers (STT); "registration", the registration forms it numbered."""

    __tablename__ = "dossier_number_counters"

    unit_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    series: Mapped[str] = mapped_column(String(20), primary_key=True)
    last: Mapped[int] = mapped_column(default=0)


EVENT_LABELS = {
    "created": _l("Tạo hồ sơ nháp"),
    "submitted": _l("Nộp hồ sơ"),
    "forwarded": _l("UBND cấp xã xem xét và chuyển lên"),
    "received": _l("Cơ quan thường trực tiếp nhận"),
    "supplement_requested": _l("Yêu cầu bổ sung"),
    "resubmitted": _l("Chủ thể gửi hồ sơ đã bổ sung"),
    "refused": _l("Từ chối hồ sơ"),
    "accepted": _l("Chấp nhận hồ sơ để đánh giá"),
    "result_finalised": _l("Hội đồng chốt kết quả đánh giá"),
    "result_reopened": _l("Mở lại kết quả đánh giá"),
    "forwarded_up": _l("Đề xuất lên cấp trên đánh giá"),
    "result_published": _l("Công bố kết quả theo quyết định phê duyệt"),
    "certificate_issued": _l("Cấp giấy chứng nhận sản phẩm OCOP"),
    "result_notified": _l("Thông báo bằng văn bản kết quả đánh giá, phân hạng"),
    "result_approved": _l("Chủ tịch UBND cấp tỉnh phê duyệt kết quả (từ 90 điểm)"),
}


# A re-evaluation dossier extends the certificate it renews (26/2026 Điều 12.3): the public
# verification shows it.
caching.watch(caching.CERTIFICATES, Dossier)
