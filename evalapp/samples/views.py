"""The samples of a dossier: receiving them, their receipt and labels, and each sample's page
(the one its QR label opens), where its moves are recorded."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.downloads import send_generated
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.time import local_today
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.samples import documents, permissions, services
from evalapp.samples.forms import MoveSamplesForm, ReceiveSamplesForm
from evalapp.samples.models import Sample, SampleHolder, SampleReceipt
from evalapp.samples.queries import sample_by_code, sample_counts, samples_of
from evalapp.samples.rules import expected_samples

bp = Blueprint("samples", __name__, url_prefix="/samples")
bp.add_app_template_global(sample_counts, "sample_counts")

viewers = roles(
    Role.SECRETARY,
    Role.COMMUNE_OFFICER,
    Role.COUNCIL_CHAIR,
    Role.COUNCIL_MEMBER,
    Role.ADVISORY_MEMBER,
)
desk = roles(Role.SECRETARY, Role.COMMUNE_OFFICER)


def load_dossier(dossier_id: int) -> Dossier:
    return db.session.get(Dossier, dossier_id) or abort(404)


def load_receipt(dossier: Dossier) -> SampleReceipt:
    query = select(SampleReceipt).where(SampleReceipt.dossier_id == dossier.id)
    return db.session.scalar(query) or abort(404)


def to_samples(dossier: Dossier):
    return redirect(url_for("samples.dossier_samples", dossier_id=dossier.id))


@bp.route("/dossiers/<int:dossier_id>")
@viewers
def dossier_samples(dossier_id: int):
    dossier = load_dossier(dossier_id)
    require(permissions.can_view_samples(current_user, dossier))
    return render_dossier_page(dossier)


def render_dossier_page(dossier: Dossier, receive_form=None, move_form=None):
    samples = samples_of(dossier)
    expected = expected_samples(dossier)
    may_receive = (
        permissions.can_receive_samples(current_user, dossier)
        and permissions.at_desk_of(current_user, dossier)
        and expected is not None
        and expected.count > 0
        and not samples
    )
    if receive_form is None and may_receive:
        receive_form = ReceiveSamplesForm(
            count=expected.count,
            received_on=local_today(),
            received_by_name=current_user.full_name,
        )
    movable = [s for s in samples if permissions.can_move_sample(current_user, s)]
    if move_form is None and movable:
        move_form = MoveSamplesForm(moved_on=local_today())
    if move_form is not None:
        move_form.samples.choices = [(s.id, sample_name(s)) for s in movable]
    return render_template(
        "samples/dossier.html",
        dossier=dossier,
        samples=samples,
        expected=expected,
        receipt=samples[0].receipt if samples else None,
        receive_form=receive_form,
        move_form=move_form,
        may_print=permissions.can_print_samples(current_user, dossier),
    )


def sample_name(sample: Sample) -> str:
    return _(
        "Mẫu %(number)d/%(count)d — %(code)s",
        number=sample.number,
        count=sample.receipt.count,
        code=sample.label_code,
    )


@bp.route("/dossiers/<int:dossier_id>/receive", methods=["POST"])
@desk
def receive(dossier_id: int):
    dossier = load_dossier(dossier_id)
    require(permissions.can_receive_samples(current_user, dossier))
    form = ReceiveSamplesForm()
    if form.validate_on_submit():
        try:
            services.receive_samples(
                dossier,
                form.count.data,
                form.description.data,
                form.received_on.data,
                form.received_by_name.data,
                current_user,
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback=ABOVE_FORM)
        else:
            db.session.commit()
            flash(_("Đã ghi nhận %(n)d sản phẩm mẫu.", n=form.count.data), "success")
            return to_samples(dossier)
    return render_dossier_page(dossier, receive_form=form)


@bp.route("/dossiers/<int:dossier_id>/moves", methods=["POST"])
@desk
def move(dossier_id: int):
    dossier = load_dossier(dossier_id)
    require(permissions.is_desk_staff(current_user, dossier))
    form = MoveSamplesForm()
    if record_move(form, samples_of(dossier)):
        return to_samples(dossier)
    return render_dossier_page(dossier, move_form=form)


def record_move(form: MoveSamplesForm, samples: list[Sample]) -> bool:
    """Validate `form` and move the chosen ones of `samples`; True once committed."""
    if not form.validate_on_submit():
        return False
    chosen = [s for s in samples if s.id in set(form.samples.data or [])]
    try:
        services.move_samples(
            chosen,
            SampleHolder(form.holder.data),
            form.lab_name.data or "",
            form.moved_on.data,
            form.note.data or "",
            current_user,
        )
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return False
    db.session.commit()
    flash(_("Đã ghi nhận việc chuyển %(n)d mẫu.", n=len(chosen)), "success")
    return True


@bp.route("/<label_code>")
@viewers
def show(label_code: str):
    sample = sample_by_code(label_code) or abort(404)
    require(permissions.can_view_samples(current_user, sample.dossier))
    return render_sample_page(sample)


def render_sample_page(sample: Sample, move_form=None):
    movable = permissions.can_move_sample(current_user, sample)
    if move_form is None and movable:
        move_form = MoveSamplesForm(moved_on=local_today(), samples=[sample.id])
    if move_form is not None:
        move_form.samples.choices = [(sample.id, sample_name(sample))]
    return render_template(
        "samples/show.html", sample=sample, dossier=sample.dossier, move_form=move_form
    )


@bp.route("/<label_code>/moves", methods=["POST"])
@desk
def move_sample(label_code: str):
    sample = sample_by_code(label_code) or abort(404)
    require(permissions.is_desk_staff(current_user, sample.dossier))
    form = MoveSamplesForm()
    if record_move(form, [sample]):
        return redirect(url_for("samples.show", label_code=sample.label_code))
    return render_sample_page(sample, move_form=form)


@bp.route("/dossiers/<int:dossier_id>/receipt.pdf")
@desk
def receipt_pdf(dossier_id: int):
    dossier = load_dossier(dossier_id)
    require(permissions.can_print_samples(current_user, dossier))
    receipt = load_receipt(dossier)
    return send_generated(documents.receipt_pdf(receipt), f"bien-nhan-mau-ho-so-{dossier.id}.pdf")


@bp.route("/dossiers/<int:dossier_id>/labels.pdf")
@desk
def labels_pdf(dossier_id: int):
    """`start`: the first free label of the sheet (1–21), to print on a sheet already used."""
    dossier = load_dossier(dossier_id)
    require(permissions.can_print_samples(current_user, dossier))
    receipt = load_receipt(dossier)
    start = request.args.get("start", 1, type=int)
    start = start if 1 <= start <= documents.LABELS_PER_SHEET else 1
    return send_generated(documents.labels_pdf(receipt, start), f"nhan-mau-ho-so-{dossier.id}.pdf")
