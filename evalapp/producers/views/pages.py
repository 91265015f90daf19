"""Producer registration, the organisation profile and its products."""

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user
from wtforms import SelectChoice

from evalapp.auth.models import Role
from evalapp.auth.sessions import start_session
from evalapp.common.access import public, require, roles
from evalapp.common.downloads import send_stored_file
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.common.routing import paginate
from evalapp.extensions import db, limiter
from evalapp.producers import permissions, queries, registration, services
from evalapp.producers.forms import (
    InviteForm,
    OrganisationFilterForm,
    OrganisationForm,
    ProductForm,
    RegistrationForm,
    RemovePhotoForm,
    ResendForm,
    SetPasswordForm,
)
from evalapp.producers.models import Organisation, Product, ProductPhoto
from evalapp.producers.verification import checked_document
from evalapp.producers.views.blueprint import (
    bp,
    own_organisation,
    producer_only,
    render_organisation,
    secretary_only,
)
from evalapp.units.models import AdministrativeUnit

REGISTRATION_LIMIT = "20 per hour"
REGISTERED = "producers.registered"


def prepare_commune_field(form, within=None, commune_id: int | None = None) -> bool:
    """Fill the province and commune lists (the communes of the chosen province, or of the
    saved commune's); whether the form was sent to pick the province, not to be saved."""
    if commune_id is not None and not form.is_submitted():
        province = db.session.get(AdministrativeUnit, commune_id).province()
        form.province.data = province.id if province else None
    provinces = queries.province_choices(within)
    form.province.choices = [SelectChoice("", _("— Chọn tỉnh/thành phố —")), *provinces]
    if form.province.data is None and len(provinces) == 1:
        form.province.data = provinces[0].value
    communes = queries.commune_choices(within, form.province.data)
    blank = _("— Chọn xã/phường —") if communes else _("— Chọn tỉnh/thành phố trước —")
    form.commune.choices = [SelectChoice("", blank), *communes]
    return form.is_submitted() and bool(form.pick_province.data)


def chosen_commune(form) -> AdministrativeUnit:
    return db.session.get(AdministrativeUnit, form.commune.data)


# Registration and e-mail verification


@bp.route("/register", methods=["GET", "POST"])
@public
@limiter.limit(REGISTRATION_LIMIT, methods=["POST"])
def register():
    """Register, or, when the tax code is taken, file a dispute. Whether the e-mail already had
    an account, the answer is the same page (issue 13, item 9)."""
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = RegistrationForm()
    picking = prepare_commune_field(form)
    disputing = form.is_submitted() and bool(form.file_dispute.data)
    offer_dispute = disputing
    if not picking and form.validate_on_submit():
        try:
            send_registration(form, disputing)
        except services.TaxCodeTaken as refusal:
            show_refusal(refusal, form)
            offer_dispute = True
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="name")
        else:
            db.session.commit()
            session[REGISTERED] = {"email": form.email.data, "dispute": disputing}
            return redirect(url_for("producers.registered"))
    return render_template("producers/register.html", form=form, offer_dispute=offer_dispute)


def send_registration(form: RegistrationForm, disputing: bool) -> None:
    details = form.details(chosen_commune(form))
    document = checked_document(form.registration_document.data)
    account = (form.full_name.data, form.email.data, form.password.data)
    if disputing:
        registration.file_dispute(details, *account, document, form.statement.data or "")
    else:
        registration.register_producer(details, *account, document)


@bp.route("/registered")
@public
def registered():
    outcome = session.get(REGISTERED) or abort(404)
    return render_template("producers/registered.html", **outcome)


@bp.route("/verify/<token>")
@public
def verify_email(token: str):
    try:
        user = services.verify_email(token)
    except services.ProducerError as error:
        db.session.rollback()
        return render_template("producers/verify.html", error=str(error)), 400
    db.session.commit()
    return render_template("producers/verify.html", verified_user=user)


@bp.route("/verify/resend", methods=["POST"])
@producer_only
@limiter.limit("5 per hour")
def resend_verification():
    if ResendForm().validate_on_submit():
        try:
            services.resend_verification(current_user)
        except services.ProducerError as error:
            flash(str(error), "info")
        else:
            db.session.commit()
            flash(
                _("Đã gửi lại email xác nhận đến %(email)s.", email=current_user.email), "success"
            )
    return redirect(url_for("producers.organisation"))


# The organisation


@bp.route("/organisation")
@producer_only
def organisation():
    return render_organisation(own_organisation())


def edit_form(organisation: Organisation) -> OrganisationForm:
    return OrganisationForm(
        obj=organisation,
        legal_form=organisation.legal_form.value,
        commune=organisation.commune_id,
        contact_email=organisation.email,
    )


@bp.route("/organisation/edit", methods=["GET", "POST"])
@producer_only
def edit_organisation():
    organisation = own_organisation()
    require(permissions.can_edit_organisation(current_user, organisation))
    form = edit_form(organisation)
    picking = prepare_commune_field(form, commune_id=organisation.commune_id)
    if not picking and form.validate_on_submit():
        try:
            services.save_organisation(organisation, form.details(chosen_commune(form)))
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="name")
        else:
            db.session.commit()
            flash(_("Đã lưu thông tin chủ thể."), "success")
            return redirect(url_for("producers.organisation"))
    return render_template("producers/organisation_form.html", form=form, organisation=organisation)


# Users of an organisation


@bp.route("/organisations/<int:organisation_id>/invite", methods=["POST"])
@roles(Role.PRODUCER, Role.SECRETARY)
def invite_user(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    require(permissions.can_invite_user(current_user, organisation))
    form = InviteForm()
    if form.validate_on_submit():
        try:
            user = services.invite_producer_user(
                organisation, form.full_name.data, form.email.data, actor=current_user
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="email")
        else:
            db.session.commit()
            flash(_("Đã gửi lời mời đến %(email)s.", email=user.email), "success")
            return redirect(organisation_page(organisation))
    return render_organisation(organisation, invite_form=form), 400


def organisation_page(organisation: Organisation) -> str:
    if permissions.can_manage_organisation(current_user, organisation):
        return url_for("producers.organisation")
    return url_for("producers.staff_organisation", organisation_id=organisation.id)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    try:
        invited = services.invited_user(token)
    except services.ProducerError as error:
        return render_template("producers/accept_invitation.html", error=str(error)), 400
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(token, form.password.data)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="password")
        else:
            db.session.commit()
            start_session(user)
            flash(_("Đã đặt mật khẩu. Xin chào %(name)s!", name=user.full_name), "success")
            return redirect(url_for("producers.organisation"))
    return render_template("producers/accept_invitation.html", form=form, invited=invited)


# The secretariat's side


@bp.route("/staff/organisations")
@secretary_only
def staff_organisations():
    form = OrganisationFilterForm(request.args)
    form.validate()
    unit = current_user.unit or abort(404)
    page = paginate(queries.organisations_within(unit, form.q.data), per_page=25)
    return render_template("producers/staff_organisations.html", form=form, page=page)


@bp.route("/staff/organisations/new", methods=["GET", "POST"])
@secretary_only
def staff_new_organisation():
    unit = current_user.unit or abort(404)
    form = OrganisationForm()
    picking = prepare_commune_field(form, within=unit)
    if not picking and form.validate_on_submit():
        try:
            organisation = services.create_organisation_for_unit(
                form.details(chosen_commune(form)), actor=current_user
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="name")
        else:
            db.session.commit()
            flash(
                _(
                    "Đã tạo chủ thể %(name)s. Hãy mời người quản lý của chủ thể.",
                    name=organisation.name,
                ),
                "success",
            )
            return redirect(
                url_for("producers.staff_organisation", organisation_id=organisation.id)
            )
    return render_template("producers/organisation_form.html", form=form, organisation=None)


@bp.route("/staff/organisations/<int:organisation_id>")
@secretary_only
def staff_organisation(organisation_id: int):
    organisation = db.session.get(Organisation, organisation_id) or abort(404)
    require(permissions.can_view_organisation(current_user, organisation))
    return render_organisation(organisation)


# Products


def product_form(product: Product | None) -> ProductForm:
    form = ProductForm(obj=product, subgroup=product.subgroup_code if product else None)
    rulebook_code = product.rulebook_code if product else services.current_rulebook_code()
    blank = SelectChoice("", _("— Chọn nhóm sản phẩm —"))
    form.subgroup.choices = [blank, *queries.classification_choices(rulebook_code)]
    return form


def save_product_from_form(form: ProductForm, product: Product | None, organisation):
    if not form.validate_on_submit():
        return None
    try:
        saved = services.save_product_with_photos(
            product,
            organisation,
            name=form.name.data,
            description=form.description.data or "",
            subgroup_code=form.subgroup.data,
            uploads=form.photos.data,
            actor=current_user,
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback="name")
        return None
    db.session.commit()
    flash(_("Đã lưu sản phẩm %(name)s.", name=saved.name), "success")
    return redirect(url_for("producers.edit_product", product_id=saved.id))


def render_product_form(form: ProductForm, product: Product | None):
    return render_template(
        "producers/product_form.html", form=form, product=product, remove_form=RemovePhotoForm()
    )


@bp.route("/products")
@producer_only
def products():
    organisation = own_organisation()
    return render_template(
        "producers/products.html",
        organisation=organisation,
        products=queries.products_of(organisation),
        subgroup_label=queries.subgroup_label,
    )


@bp.route("/products/new", methods=["GET", "POST"])
@producer_only
def new_product():
    organisation = own_organisation()
    form = product_form(None)
    return save_product_from_form(form, None, organisation) or render_product_form(form, None)


@bp.route("/products/<int:product_id>", methods=["GET", "POST"])
@producer_only
def edit_product(product_id: int):
    product = db.session.get(Product, product_id) or abort(404)
    require(permissions.can_manage_product(current_user, product))
    form = product_form(product)
    return save_product_from_form(form, product, product.organisation) or render_product_form(
        form, product
    )


@bp.route("/photos/<int:photo_id>")
@roles(Role.PRODUCER, Role.SECRETARY)
def product_photo(photo_id: int):
    photo = db.session.get(ProductPhoto, photo_id) or abort(404)
    require(permissions.can_view_product(current_user, photo.product))
    return send_stored_file(photo.file, inline=True)


@bp.route("/photos/<int:photo_id>/remove", methods=["POST"])
@producer_only
def remove_photo(photo_id: int):
    photo = db.session.get(ProductPhoto, photo_id) or abort(404)
    product = photo.product
    require(permissions.can_manage_product(current_user, product))
    if RemovePhotoForm().validate_on_submit():
        services.remove_photo(photo, actor=current_user)
        db.session.commit()
        flash(_("Đã xóa ảnh."), "success")
    return redirect(url_for("producers.edit_product", product_id=product.id))
