"""Producer verbs: register an organisation, verify e-mail, invite users, manage products."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from evalapp.auth import services as accounts
from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.time import utcnow
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.producers.models import LegalForm, Organisation, Product
from evalapp.rules import list_rulebooks, load_rulebook
from evalapp.units.models import AdministrativeUnit, UnitLevel

VERIFY_SALT = "evalapp.verify-email"
INVITE_SALT = "evalapp.invite"
TOKEN_MAX_AGE = 7 * 24 * 3600


class ProducerError(ValueError):
    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class OrganisationDetails:
    name: str
    legal_form: LegalForm
    tax_code: str
    address: str
    commune: AdministrativeUnit
    representative_name: str
    representative_title: str
    phone: str
    email: str


def province_of(commune: AdministrativeUnit) -> AdministrativeUnit:
    province = next((u for u in commune.lineage() if u.level is UnitLevel.PROVINCE), None)
    if commune.level is not UnitLevel.COMMUNE or province is None:
        raise ProducerError(_("Vui lòng chọn xã/phường nơi đặt trụ sở."), field="commune")
    return province


def check_tax_code_free(tax_code: str, organisation: Organisation | None = None) -> None:
    other = db.session.scalar(select(Organisation).where(Organisation.tax_code == tax_code))
    if other is not None and other is not organisation:
        raise ProducerError(
            _("Mã số thuế %(code)s đã được đăng ký cho %(name)s.", code=tax_code, name=other.name),
            field="tax_code",
        )


def save_organisation(
    organisation: Organisation | None, details: OrganisationDetails
) -> Organisation:
    tax_code = details.tax_code.strip()
    check_tax_code_free(tax_code, organisation)
    province = province_of(details.commune)
    created = organisation is None
    organisation = organisation or Organisation()
    for name, value in vars(details).items():
        setattr(organisation, name, value.strip() if isinstance(value, str) else value)
    organisation.tax_code, organisation.province = tax_code, province
    db.session.add(organisation)
    db.session.flush()
    audit.record(
        "organisation.created" if created else "organisation.updated",
        organisation,
        after={"name": organisation.name, "tax_code": tax_code},
    )
    return organisation


def register_producer(
    details: OrganisationDetails, full_name: str, email: str, password: str
) -> User:
    """Self-registration: the organisation and its first user, who must verify the e-mail."""
    organisation = save_organisation(None, details)
    user = accounts.create_user(email, full_name, password, {Role.PRODUCER})
    user.organisation = organisation
    send_verification(user)
    return user


def serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"])


def send_verification(user: User) -> None:
    token = serializer().dumps({"user": user.id, "email": user.email}, salt=VERIFY_SALT)
    link = url_for("producers.verify_email", token=token, _external=True)
    notify(
        [user],
        _l("Xác nhận địa chỉ email của bạn"),
        _l("Vui lòng mở liên kết sau để xác nhận email trước khi nộp hồ sơ OCOP."),
        link,
    )


def verify_email(token: str) -> User:
    try:
        data = serializer().loads(token, salt=VERIFY_SALT, max_age=TOKEN_MAX_AGE)
    except SignatureExpired:
        raise ProducerError(_("Liên kết xác nhận đã hết hạn. Vui lòng yêu cầu gửi lại.")) from None
    except BadSignature:
        raise ProducerError(_("Liên kết xác nhận không hợp lệ.")) from None
    user = db.session.get(User, data.get("user"))
    if user is None or user.email != data.get("email"):
        raise ProducerError(_("Liên kết xác nhận không hợp lệ."))
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        audit.record("user.email_verified", user, actor=user)
    return user


def invite_producer_user(
    organisation: Organisation, full_name: str, email: str, *, actor: User
) -> User:
    """Staff create the account; the person chooses a password through the e-mailed link."""
    user = accounts.create_user(
        email, full_name, secrets.token_urlsafe(24) + "Aa1!", {Role.PRODUCER}
    )
    user.organisation = organisation
    token = serializer().dumps({"user": user.id, "epoch": user.session_epoch}, salt=INVITE_SALT)
    link = url_for("producers.accept_invitation", token=token, _external=True)
    notify(
        [user],
        _l("Lời mời tham gia hệ thống đánh giá sản phẩm OCOP"),
        _l("Bạn được mời quản lý hồ sơ OCOP của tổ chức. Mở liên kết để đặt mật khẩu."),
        link,
    )
    audit.record("user.invited", user, actor=actor, after={"organisation_id": organisation.id})
    return user


def accept_invitation(token: str, password: str) -> User:
    try:
        data = serializer().loads(token, salt=INVITE_SALT, max_age=TOKEN_MAX_AGE)
    except BadSignature:  # includes SignatureExpired
        raise ProducerError(_("Lời mời không hợp lệ hoặc đã hết hạn.")) from None
    user = db.session.get(User, data.get("user"))
    if user is None or user.session_epoch != data.get("epoch"):
        raise ProducerError(_("Lời mời không hợp lệ hoặc đã được sử dụng."))
    try:
        accounts.set_password(user, password)
    except accounts.AccountError as error:
        raise ProducerError(str(error), field="password") from None
    user.email_verified_at = user.email_verified_at or utcnow()
    audit.record("user.invitation_accepted", user, actor=user)
    return user


def classification_choices(rulebook_code: str) -> list[tuple[str, str, str]]:
    """(group code, subgroup code, label) of every subgroup of a rulebook."""
    rulebook = load_rulebook(rulebook_code)
    return [
        (group.code, subgroup.code, f"{group.name.vi} — {subgroup.name.vi}")
        for group in rulebook.groups
        for subgroup in group.subgroups
    ]


def current_rulebook_code() -> str:
    return list_rulebooks()[-1].code


def save_product(
    product: Product | None,
    organisation: Organisation,
    *,
    name: str,
    description: str,
    rulebook_code: str,
    subgroup_code: str,
) -> Product:
    rulebook = load_rulebook(rulebook_code)
    group = next(
        (g for g in rulebook.groups if any(s.code == subgroup_code for s in g.subgroups)), None
    )
    if group is None:
        raise ProducerError(_("Vui lòng chọn nhóm sản phẩm trong danh mục."), field="subgroup")
    created = product is None
    product = product or Product(organisation=organisation)
    product.name, product.description = name.strip(), description.strip()
    product.rulebook_code, product.group_code, product.subgroup_code = (
        rulebook_code,
        group.code,
        subgroup_code,
    )
    db.session.add(product)
    db.session.flush()
    audit.record(
        "product.created" if created else "product.updated",
        product,
        after={"name": product.name, "subgroup": subgroup_code},
    )
    return product
