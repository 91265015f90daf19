"""Reopening a finalised result (the chair and the secretary) and forwarding it to the next level
(the round's secretariat); approving a reopening and forwarding ask for confirmation first."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.refusals import Refusal
from evalapp.extensions import db
from evalapp.results import permissions
from evalapp.results import reopening as reopening_service
from evalapp.results.confirmations import forward_confirmation, reopening_confirmation
from evalapp.results.forms import DecideReopeningForm, ForwardForm, ReopenForm
from evalapp.results.forwarding import check_round, forward_result, target_of
from evalapp.results.models import FinalResult, ResultReopening
from evalapp.results.views.blueprint import COUNCIL_ROLES, bp
from evalapp.rounds.models import EvaluationRound


def load_result(result_id: int) -> FinalResult:
    return db.session.get(FinalResult, result_id) or abort(404)


def back(result: FinalResult):
    return redirect(url_for("results.show", item_id=result.item_id))


def refused(result: FinalResult, message: str):
    db.session.rollback()
    flash(message, "danger")
    return back(result)


def first_error(form) -> str:
    return next(iter(next(iter(form.errors.values()))), _("Dữ liệu không hợp lệ."))


@bp.post("/<int:result_id>/reopen")
@roles(*COUNCIL_ROLES)
def request_reopening(result_id: int):
    result = load_result(result_id)
    require(permissions.can_take_part_in_reopening(current_user, result))
    form = ReopenForm()
    if not form.validate():
        return refused(result, _("Lý do mở lại: %(error)s", error=first_error(form)))
    try:
        reopening_service.request_reopening(result, form.reason.data, current_user)
    except Refusal as refusal:
        return refused(result, str(refusal))
    db.session.commit()
    flash(_("Đã gửi đề nghị mở lại; chờ người còn lại (Chủ tịch hoặc Thư ký) đồng ý."), "success")
    return back(result)


@bp.post("/<int:result_id>/reopenings/<int:reopening_id>")
@roles(*COUNCIL_ROLES)
def decide_reopening(result_id: int, reopening_id: int):
    result = load_result(result_id)
    reopening = db.session.get(ResultReopening, reopening_id)
    if reopening is None or reopening.result_id != result.id:
        abort(404)
    require(permissions.can_take_part_in_reopening(current_user, result))
    form = DecideReopeningForm()
    if not form.validate() or form.decision.data not in {"approve", "withdraw"}:
        return refused(result, _("Vui lòng chọn đồng ý hoặc rút đề nghị."))
    approve = form.decision.data == "approve"
    try:
        if approve and not is_confirmed():
            reopening_service.check_decidable(reopening, approve, current_user)
            return ask(reopening_confirmation(result, reopening))
        reopening_service.decide_reopening(reopening, approve, current_user)
    except Refusal as refusal:
        return refused(result, str(refusal))
    db.session.commit()
    if approve:
        flash(_("Đã mở lại kết quả; Chủ tịch có thể chốt lại kết quả."), "success")
    else:
        flash(_("Đã rút đề nghị mở lại kết quả."), "success")
    return back(result)


@bp.post("/<int:result_id>/forward")
@roles(Role.SECRETARY)
def forward(result_id: int):
    result = load_result(result_id)
    require(permissions.can_forward(current_user, result))
    try:
        form = ForwardForm(target_of(result).rounds)
        form.validate()
        chosen = form.round_id.data or ""
        round_ = db.session.get(EvaluationRound, int(chosen)) if chosen.isdigit() else None
        if not is_confirmed():
            return ask(forward_confirmation(result, *check_round(result, round_)))
        forwarded = forward_result(result, round_, current_user)
    except Refusal as refusal:
        return refused(result, str(refusal))
    db.session.commit()
    flash(
        _(
            "Đã đề xuất sản phẩm lên %(unit)s (hồ sơ %(code)s).",
            unit=forwarded.to_unit.name,
            code=forwarded.dossier.receipt_code,
        ),
        "success",
    )
    return back(result)
