"""User accounts and their roles."""

from __future__ import annotations

import enum
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from evalapp.common.columns import enum_column
from evalapp.common.search import Searchable
from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, Office


class Role(enum.StrEnum):
    PRODUCER = "producer"
    COMMUNE_OFFICER = "commune_officer"
    SECRETARY = "secretary"
    COUNCIL_CHAIR = "council_chair"
    COUNCIL_MEMBER = "council_member"
    ADVISORY_MEMBER = "advisory_member"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.PRODUCER: _l("Chủ thể OCOP"),
    Role.COMMUNE_OFFICER: _l("Cán bộ UBND cấp xã"),
    Role.SECRETARY: _l("Cơ quan thường trực / Thư ký hội đồng"),
    Role.COUNCIL_CHAIR: _l("Chủ tịch hội đồng"),
    Role.COUNCIL_MEMBER: _l("Thành viên hội đồng"),
    Role.ADVISORY_MEMBER: _l("Thành viên tổ tư vấn"),
    Role.ADMIN: _l("Quản trị hệ thống"),
}

# Roles that act for an administrative unit and so must belong to one.
UNIT_ROLES = frozenset(Role) - {Role.PRODUCER, Role.ADMIN}


class User(Searchable, db.Model):
    __tablename__ = "users"
    search_sources = ("full_name", "email")

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    # The password the user chose before this one: changing back to it is refused (issue 13).
    previous_password_hash: Mapped[str | None] = mapped_column(String(255))
    is_active: Mapped[bool] = mapped_column(default=True)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # Invited and no password chosen yet: no self-service password reset (the invitation is the
    # way in). Cleared whenever a password is set.
    invitation_pending: Mapped[bool] = mapped_column(default=False)
    # Part of the login cookie: raising it ends every session of the user at once.
    session_epoch: Mapped[int] = mapped_column(default=0)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("administrative_units.id"), index=True)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id"), index=True)
    # Producers act for one organisation.
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"), index=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[AdministrativeUnit | None] = relationship()
    office: Mapped[Office | None] = relationship()
    organisation = relationship("Organisation")
    role_grants: Mapped[list[RoleGrant]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    def __str__(self) -> str:
        return self.full_name

    # Flask-Login protocol
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        return f"{self.id}:{self.session_epoch}"

    @property
    def roles(self) -> set[Role]:
        return {grant.role for grant in self.role_grants}

    def has_role(self, role: Role) -> bool:
        return role in self.roles

    def has_any_role(self, *roles: Role) -> bool:
        return bool(self.roles.intersection(roles))

    @property
    def is_staff(self) -> bool:
        return bool(self.roles & (UNIT_ROLES | {Role.ADMIN}))


class RoleGrant(db.Model):
    __tablename__ = "role_grants"
    __table_args__ = (UniqueConstraint("user_id", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(enum_column(Role, 32))

    user: Mapped[User] = relationship(back_populates="role_grants")


class AnonymousUser:
    """The visitor who has not signed in."""

    is_authenticated = False
    is_active = False
    is_anonymous = True
    must_change_password = False
    is_staff = False
    roles: frozenset = frozenset()

    def get_id(self) -> None:
        return None

    def has_role(self, role: Role) -> bool:
        return False

    def has_any_role(self, *roles: Role) -> bool:
        return False
