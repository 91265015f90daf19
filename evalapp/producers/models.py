"""OCOP producers (chủ thể OCOP) and their products."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.columns import enum_column
from evalapp.common.files import StoredFile
from evalapp.common.search import Searchable
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, UnitLevel


class LegalForm(enum.StrEnum):
    COOPERATIVE = "cooperative"
    COOPERATIVE_GROUP = "cooperative_group"
    HOUSEHOLD_BUSINESS = "household_business"
    SINGLE_MEMBER_LLC = "single_member_llc"
    MULTI_MEMBER_LLC = "multi_member_llc"
    JOINT_STOCK_COMPANY = "joint_stock_company"
    PRIVATE_ENTERPRISE = "private_enterprise"

    @property
    def label(self) -> str:
        return str(LEGAL_FORM_LABELS[self])


LEGAL_FORM_LABELS = {
    LegalForm.COOPERATIVE: _l("Hợp tác xã"),
    LegalForm.COOPERATIVE_GROUP: _l("Tổ hợp tác"),
    LegalForm.HOUSEHOLD_BUSINESS: _l("Hộ kinh doanh có đăng ký"),
    LegalForm.SINGLE_MEMBER_LLC: _l("Công ty TNHH một thành viên"),
    LegalForm.MULTI_MEMBER_LLC: _l("Công ty TNHH hai thành viên trở lên"),
    LegalForm.JOINT_STOCK_COMPANY: _l("Công ty cổ phần"),
    LegalForm.PRIVATE_ENTERPRISE: _l("Doanh nghiệp tư nhân"),
}


class OrganisationState(enum.StrEnum):
    """Whether the organisation's hold on its tax code has been checked (issue 13, item 9).

    Only a verified organisation submits dossiers. A self-registered one starts pending; one
    registered through a tax-code dispute is claiming (it holds no tax code until the dispute is
    upheld); one whose tax code went to a claimant is suspended."""

    PENDING = "pending"
    REFUSED = "refused"
    VERIFIED = "verified"
    CLAIMING = "claiming"
    SUSPENDED = "suspended"

    @property
    def label(self) -> str:
        return str(ORGANISATION_STATE_LABELS[self])


ORGANISATION_STATE_LABELS = {
    OrganisationState.PENDING: _l("Chờ xác minh"),
    OrganisationState.REFUSED: _l("Xác minh không đạt"),
    OrganisationState.VERIFIED: _l("Đã xác minh"),
    OrganisationState.CLAIMING: _l("Đang khiếu nại mã số thuế"),
    OrganisationState.SUSPENDED: _l("Đình chỉ"),
}


class Organisation(Searchable, db.Model):
    """A cooperative, enterprise, cooperative group or household business that applies."""

    __tablename__ = "organisations"
    search_sources = ("name", "tax_code")

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    legal_form: Mapped[LegalForm] = mapped_column(enum_column(LegalForm))
    # Unique among the organisations that hold one; None while claiming it through a dispute,
    # and after losing it to an upheld dispute (the dispute keeps the code).
    tax_code: Mapped[str | None] = mapped_column(String(20), unique=True)
    address: Mapped[str] = mapped_column(String(255))
    province_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    commune_id: Mapped[int] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    representative_name: Mapped[str] = mapped_column(String(200))
    representative_title: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30))
    email: Mapped[str] = mapped_column(String(254))
    state: Mapped[OrganisationState] = mapped_column(
        enum_column(OrganisationState, length=16), default=OrganisationState.PENDING
    )
    # Why the staff refused the document (shown to the producer).
    verification_note: Mapped[str] = mapped_column(Text, default="")
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    certificates: Mapped[list[RegistrationCertificate]] = relationship(
        back_populates="organisation", order_by="RegistrationCertificate.id"
    )
    province: Mapped[AdministrativeUnit] = relationship(foreign_keys=[province_id])
    commune: Mapped[AdministrativeUnit] = relationship(foreign_keys=[commune_id])
    products: Mapped[list[Product]] = relationship(
        back_populates="organisation", order_by="Product.name"
    )

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.state is OrganisationState.VERIFIED

    @property
    def registration_document(self) -> StoredFile | None:
        """The latest certificate sent for the tax code it holds now (one sent for an earlier
        tax code proves nothing about this one)."""
        current = [c for c in self.certificates if self.tax_code and c.tax_code == self.tax_code]
        return current[-1].file if current else None

    def full_address(self) -> str:
        """The street address, then the commune and every unit above it up to the province (the
        central level left out, duplicates dropped): "Xóm 3, Xã Thượng Kiệm, Huyện Kim Sơn, Tỉnh
        Ninh Bình". Every printed document writes it so: the decision's annex, the certificate,
        the minutes, the notices, the proposal."""
        lineage = [u for u in self.commune.lineage() if u.level is not UnitLevel.CENTRAL]
        if not any(u.level is UnitLevel.PROVINCE for u in lineage):
            lineage.append(self.province)
        parts: list[str] = []
        for part in [self.address.strip(), *(u.name for u in lineage)]:
            if part and part not in parts:
                parts.append(part)
        return ", ".join(parts)


class RegistrationCertificate(db.Model):
    """A business / cooperative / household registration certificate (giấy chứng nhận đăng ký)
    a producer sent for the staff to check, for the tax code it held then."""

    __tablename__ = "registration_certificates"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    tax_code: Mapped[str] = mapped_column(String(20))
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="certificates")
    file: Mapped[StoredFile] = relationship()


class DisputeState(enum.StrEnum):
    OPEN = "open"
    UPHELD = "upheld"
    REJECTED = "rejected"

    @property
    def label(self) -> str:
        return str(DISPUTE_STATE_LABELS[self])


DISPUTE_STATE_LABELS = {
    DisputeState.OPEN: _l("Chờ xử lý"),
    DisputeState.UPHELD: _l("Đã chấp nhận khiếu nại"),
    DisputeState.REJECTED: _l("Đã bác khiếu nại"),
}


class TaxCodeDispute(db.Model):
    """Khiếu nại quyền sử dụng mã số thuế: a claimant says the tax code another organisation
    registered is its own. Decided by the staff who verify the holder."""

    __tablename__ = "tax_code_disputes"

    id: Mapped[int] = mapped_column(primary_key=True)
    tax_code: Mapped[str] = mapped_column(String(20), index=True)
    claimant_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    holder_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))
    statement: Mapped[str] = mapped_column(Text)
    state: Mapped[DisputeState] = mapped_column(
        enum_column(DisputeState, length=16), default=DisputeState.OPEN
    )
    reason: Mapped[str] = mapped_column(Text, default="")
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    claimant: Mapped[Organisation] = relationship(foreign_keys=[claimant_id])
    holder: Mapped[Organisation] = relationship(foreign_keys=[holder_id])
    document: Mapped[StoredFile] = relationship()


class Product(Searchable, db.Model):
    __tablename__ = "products"
    search_sources = ("name",)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    name: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    rulebook_code: Mapped[str] = mapped_column(String(40))
    group_code: Mapped[str] = mapped_column(String(20))
    subgroup_code: Mapped[str] = mapped_column(String(20))
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    organisation: Mapped[Organisation] = relationship(back_populates="products")
    photos: Mapped[list[ProductPhoto]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductPhoto.id"
    )

    def __str__(self) -> str:
        return self.name


class ProductPhoto(db.Model):
    __tablename__ = "product_photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"), index=True)
    file_id: Mapped[int] = mapped_column(ForeignKey("stored_files.id"))

    product: Mapped[Product] = relationship(back_populates="photos")
    file: Mapped[StoredFile] = relationship()
