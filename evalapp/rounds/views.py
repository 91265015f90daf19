"""Evaluation rounds: the secretariat opens, edits and closes the rounds of its unit."""

from collections.abc import Callable
from functools import partial

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.rounds import cut_offs, queries, services
from evalapp.rounds.forms import LEVEL_LABELS, RoundForm, rulebook_choices
from evalapp.rounds.models import EvaluationRound
from evalapp.rounds.permissions import can_manage_round
from evalapp.rounds.status import round_status
from evalapp.rules import list_rulebooks, rulebook_for_date
from evalapp.rules.round_calendar import cut_off_for

bp = Blueprint("rounds", __name__, url_prefix="/rounds")
bp.add_app_template_global(cut_offs.describe, "describe_cut_off")

secretary_only = roles(Role.SECRETARY)


def load_round(round_id: int) -> EvaluationRound:
    round_ = db.session.get(EvaluationRound, round_id) or abort(404)
    require(can_manage_round(current_user, round_))
    return round_


@bp.route("/")
@secretary_only
def index():
    unit = current_user.unit or abort(404)
    today = local_today()
    rounds = [(round_, round_status(round_, today)) for round_ in queries.rounds_of_unit(unit)]
    calendar = {round_.id: cut_offs.round_cut_off(round_) for round_, _status in rounds}
    overruns = {
        round_.id: cut_offs.overruns(round_, calendar[round_.id])
        for round_, _status in rounds
        if calendar[round_.id]
    }
    return render_template(
        "rounds/index.html",
        unit=unit,
        rounds=rounds,
        calendar=calendar,
        overruns=overruns,
        rulebooks={rulebook.code: rulebook for rulebook in list_rulebooks()},
        level_labels=LEVEL_LABELS,
    )


def save_from_form(form: RoundForm, save: Callable):
    """Validate, call the service, commit and go back to the list; None to show the form."""
    if not form.validate_on_submit():
        return None
    try:
        saved = save(**form.values())
    except Refusal as refusal:
        show_refusal(refusal, form, fallback=ABOVE_FORM)
        return None
    db.session.commit()
    flash(_("Đã lưu đợt đánh giá %(name)s.", name=saved.name), "success")
    return redirect(url_for("rounds.index"))


@bp.route("/new", methods=["GET", "POST"])
@secretary_only
def new_round():
    unit = current_user.unit or abort(404)
    today = local_today()
    rulebook_code, level_code = rulebook_for_date(today).code, unit.level.value
    # 26/2026 Điều 5: the next cut-off proposes the dates; the secretariat may change them.
    proposal = cut_offs.proposed_dates(rulebook_code, level_code, today)
    cut_off = cut_off_for(rulebook_code, level_code, today)
    form = RoundForm(
        **{"year": today.year, "level_code": level_code, "rulebook_code": rulebook_code} | proposal
    )
    form.rulebook_code.choices = rulebook_choices()
    save = partial(services.open_round, unit, current_user)
    return save_from_form(form, save) or render_template(
        "rounds/form.html",
        form=form,
        round=None,
        unit=unit,
        cut_off=cut_off,
        overruns=[],
        at_risk=[],
    )


@bp.route("/<int:round_id>", methods=["GET", "POST"])
@secretary_only
def edit_round(round_id: int):
    round_ = load_round(round_id)
    form = RoundForm(obj=round_)
    form.rulebook_code.choices = rulebook_choices()
    save = partial(services.update_round, round_, current_user)
    cut_off = cut_offs.round_cut_off(round_)
    return save_from_form(form, save) or render_template(
        "rounds/form.html",
        form=form,
        round=round_,
        unit=round_.unit,
        cut_off=cut_off,
        overruns=cut_offs.overruns(round_, cut_off) if cut_off else [],
        at_risk=cut_offs.dossiers_at_risk(round_, local_today()) if cut_off else [],
    )


def change_state(verb: Callable, round_: EvaluationRound, done: str):
    try:
        verb(round_, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("rounds.index"))


@bp.post("/<int:round_id>/close")
@secretary_only
def close_round(round_id: int):
    round_ = load_round(round_id)
    done = _("Đã đóng đợt đánh giá %(name)s.", name=round_.name)
    return change_state(services.close_round, round_, done)


@bp.post("/<int:round_id>/reopen")
@secretary_only
def reopen_round(round_id: int):
    round_ = load_round(round_id)
    done = _("Đã mở lại đợt đánh giá %(name)s.", name=round_.name)
    return change_state(services.reopen_round, round_, done)
