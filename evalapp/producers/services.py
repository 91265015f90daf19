"""Producer verbs: register an organisation, verify e-mail, invite users, manage products."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from evalapp.auth import services as accounts
from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.files import store_upload
from evalapp.common.mail import queue_mail
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.common.uploads import CheckedUpload, UploadRejected, check_upload, chosen_files
from evalapp.common.urls import absolute_url
from evalapp.extensions import db
from evalapp.notifications.services import notify
from evalapp.producers.models import (
    LegalForm,
    Organisation,
    OrganisationState,
    Product,
    ProductPhoto,
)
from evalapp.rules import load_rulebook, rulebook_for_date
from evalapp.units.models import AdministrativeUnit, UnitLevel

VERIFY_SALT = "evalapp.verify-email"
INVITE_SALT = accounts.INVITE_SALT
TOKEN_MAX_AGE = 7 * 24 * 3600
PHOTO_FORMATS = ("jpg", "png")
PHOTO_MAX_MB = 5
MAX_PHOTOS = 10


class ProducerError(Refusal):
    pass


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


class TaxCodeTaken(ProducerError):
    """The tax code is held by another organisation. The message never names it: who holds a
    tax code is for the staff to see (issue 13, item 9)."""


def check_tax_code_free(tax_code: str, organisation: Organisation | None = None) -> None:
    other = db.session.scalar(select(Organisation).where(Organisation.tax_code == tax_code))
    if other is not None and other is not organisation:
        raise TaxCodeTaken(
            _("Mã số thuế %(code)s đã được đăng ký trong hệ thống.", code=tax_code),
            field="tax_code",
        )


# Changing these cannot be done while a dispute decides who holds the tax code.
LOCKED_STATES = {OrganisationState.CLAIMING, OrganisationState.SUSPENDED}


def fill_organisation(organisation: Organisation, details: OrganisationDetails) -> None:
    """Copy the details (text stripped) and the province of the commune."""
    province = province_of(details.commune)
    for name, value in vars(details).items():
        # A StrEnum (the legal form) is a str too, but keeps its type: only text is stripped.
        plain_text = isinstance(value, str) and not isinstance(value, enum.Enum)
        setattr(organisation, name, value.strip() if plain_text else value)
    organisation.province = province


def save_organisation(
    organisation: Organisation | None, details: OrganisationDetails
) -> Organisation:
    """Create (pending verification) or change an organisation. A changed tax code is checked
    again: the organisation goes back to pending and its registration document is dropped."""
    tax_code = details.tax_code.strip()
    check_tax_code_free(tax_code, organisation)
    created = organisation is None
    organisation = organisation or Organisation(state=OrganisationState.PENDING)
    changed_code = not created and organisation.tax_code != tax_code
    if changed_code and organisation.state in LOCKED_STATES:
        raise ProducerError(
            _("Không thể đổi mã số thuế khi khiếu nại về mã số thuế đang được xử lý."),
            field="tax_code",
        )
    before = {"name": organisation.name, "tax_code": organisation.tax_code}
    fill_organisation(organisation, details)
    organisation.tax_code = tax_code
    if changed_code:
        # Its certificates were for the former code (`Organisation.registration_document`).
        organisation.state, organisation.verified_at = OrganisationState.PENDING, None
    db.session.add(organisation)
    db.session.flush()
    audit.record(
        "organisation.created" if created else "organisation.updated",
        organisation,
        before=None if created else before,
        after={"name": organisation.name, "tax_code": tax_code, "state": organisation.state},
    )
    return organisation


def check_new_account(email: str, password: str) -> User | None:
    """Refuse a password the account could not have; the account already using `email`, if any."""
    problems = accounts.password_problems(password, email)
    if problems:
        raise accounts.AccountError(" ".join(problems), field="password")
    return accounts.user_by_email(email)


def warn_existing_account(user: User, password: str) -> None:
    """Someone registered with an address that has an account. Nothing is created and the page
    says what a new registration says; the address's owner is told by e-mail. The password is
    hashed all the same, so both answers take as long."""
    accounts.hash_password(password)
    with force_locale("vi"):
        subject = _("Có người dùng địa chỉ email của bạn để đăng ký")
        body = _(
            "Ai đó vừa dùng địa chỉ này để đăng ký chủ thể OCOP trên hệ thống đánh giá sản phẩm "
            "OCOP. Địa chỉ này đã có tài khoản nên không có tài khoản mới nào được tạo. Nếu là "
            "bạn, hãy đăng nhập hoặc dùng chức năng quên mật khẩu. Nếu không phải bạn, hãy bỏ "
            "qua email này: tài khoản của bạn không thay đổi."
        )
    queue_mail(db.session, user.email, subject, f"{body}\n\n{absolute_url('auth.login')}")
    audit.record("registration.existing_email", user, actor=None)


def serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"])


def send_verification(user: User) -> None:
    token = serializer().dumps({"user": user.id, "email": user.email}, salt=VERIFY_SALT)
    link = absolute_url("producers.verify_email", token=token)
    notify(
        [user],
        _l("Xác nhận địa chỉ email của bạn"),
        _l("Vui lòng mở liên kết sau để xác nhận email trước khi nộp hồ sơ OCOP."),
        link,
        include_actor=True,
    )


def resend_verification(user: User) -> None:
    if user.email_verified_at is not None:
        raise ProducerError(_("Email của bạn đã được xác nhận."))
    send_verification(user)
    audit.record("user.verification_resent", user, actor=user)


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
    user = accounts.create_invited_user(email, full_name, {Role.PRODUCER})
    user.organisation = organisation
    accounts.send_invitation(
        user,
        "producers.accept_invitation",
        _l("Lời mời tham gia hệ thống đánh giá sản phẩm OCOP"),
        _l("Bạn được mời quản lý hồ sơ OCOP của tổ chức. Mở liên kết để đặt mật khẩu."),
    )
    audit.record("user.invited", user, actor=actor, after={"organisation_id": organisation.id})
    return user


def invited_user(token: str) -> User:
    """The user an invitation link is for, while the link is valid and unused."""
    try:
        return accounts.invited_user(token)
    except accounts.AccountError as error:
        raise ProducerError(str(error)) from None


def accept_invitation(token: str, password: str) -> User:
    try:
        return accounts.accept_invitation(token, password)
    except accounts.AccountError as error:
        raise ProducerError(str(error), field=error.field) from None


def current_rulebook_code() -> str:
    """The rulebook in force today: a new product is classified under it."""
    return rulebook_for_date(local_today()).code


def save_product(
    product: Product | None,
    organisation: Organisation,
    *,
    name: str,
    description: str,
    rulebook_code: str,
    subgroup_code: str,
) -> Product:
    found = load_rulebook(rulebook_code).product_class(subgroup_code)
    if found is None:
        raise ProducerError(_("Vui lòng chọn nhóm sản phẩm trong danh mục."), field="subgroup")
    group = found[0]
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


def create_organisation_for_unit(details: OrganisationDetails, *, actor: User) -> Organisation:
    """The secretariat registers an organisation on its behalf, only in a commune of its unit."""
    if actor.unit is None or not details.commune.is_within(actor.unit):
        raise ProducerError(
            _("Chỉ được tạo chủ thể có trụ sở trong địa bàn đơn vị của bạn."), field="commune"
        )
    organisation = save_organisation(None, details)
    organisation.state, organisation.verified_at = OrganisationState.VERIFIED, utcnow()
    audit.record("organisation.verified", organisation, actor=actor, note="created by the staff")
    return organisation


def checked_photos(uploads, room: int = MAX_PHOTOS) -> list[CheckedUpload]:
    """Every chosen file checked before anything is kept, so one bad file keeps none; the count
    (at most `room`, the photos the product may still take) before any image is decoded."""
    try:
        files = chosen_files(uploads)
        if len(files) > room:
            raise ProducerError(
                _("Mỗi sản phẩm có tối đa %(n)d ảnh.", n=MAX_PHOTOS), field="photos"
            )
        return [check_upload(upload, PHOTO_FORMATS, PHOTO_MAX_MB) for upload in files]
    except UploadRejected as error:
        raise ProducerError(error.message, field="photos") from None


def save_product_with_photos(
    product: Product | None,
    organisation: Organisation,
    *,
    name: str,
    description: str,
    subgroup_code: str,
    uploads,
    actor: User,
) -> Product:
    """Create or change a product and add the uploaded photos (JPEG/PNG, ≤ 5 MB each).

    A new product is classified under the current rulebook; an existing one keeps its rulebook.
    Raises `ProducerError` before any change when a photo is refused."""
    photos = checked_photos(uploads, room=MAX_PHOTOS - len(product.photos if product else []))
    rulebook_code = product.rulebook_code if product else current_rulebook_code()
    product = save_product(
        product,
        organisation,
        name=name,
        description=description,
        rulebook_code=rulebook_code,
        subgroup_code=subgroup_code,
    )
    for photo in photos:
        add_photo(product, photo, actor=actor)
    return product


def add_photo(product: Product, upload: CheckedUpload, *, actor: User) -> ProductPhoto:
    """Store an already checked image and attach it to the product."""
    photo = ProductPhoto(product=product, file=store_upload(upload, actor))
    db.session.add(photo)
    db.session.flush()
    audit.record(
        "product.photo_added",
        product,
        actor=actor,
        after={"photo_id": photo.id, "name": upload.original_name, "sha256": photo.file.sha256},
    )
    return photo


def remove_photo(photo: ProductPhoto, *, actor: User) -> None:
    """Detach a photo from its product. The stored file and its row stay, as the audit log
    refers to them; unreferenced files are a matter for a storage clean-up."""
    product = photo.product
    audit.record(
        "product.photo_removed",
        product,
        actor=actor,
        before={"photo_id": photo.id, "name": photo.file.original_name},
    )
    product.photos.remove(photo)
    db.session.flush()
