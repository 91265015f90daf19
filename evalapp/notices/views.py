"""The round's notices of results (26/2026 Điều 7.3.g, 7.4.g): the list, sending, each PDF."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.downloads import send_generated
from evalapp.common.forms import Form
from evalapp.common.refusals import Refusal
from evalapp.extensions import db
from evalapp.notices import services
from evalapp.notices.confirming import send_confirmation
from evalapp.notices.document import notice_pdf
from evalapp.notices.models import ResultNotice
from evalapp.notices.permissions import can_read_notice, can_send_notices
from evalapp.rounds.models import EvaluationRound

bp = Blueprint("notices", __name__, url_prefix="/notices")
bp.add_app_template_global(services.notice_of_dossier, "result_notice_of")


@bp.route("/rounds/<int:round_id>", methods=["GET", "POST"])
@roles(Role.SECRETARY)
def round_notices(round_id: int):
    round_ = db.session.get(EvaluationRound, round_id) or abort(404)
    require(can_send_notices(current_user, round_))
    form = Form()
    if form.validate_on_submit():
        pending = services.pending_results(round_)
        if pending and not is_confirmed():
            return ask(send_confirmation(round_, pending))
        try:
            sent = services.send_notices(round_, current_user)
            db.session.commit()
        except Refusal as refusal:
            db.session.rollback()
            flash(str(refusal), "warning")
        else:
            flash(_("Đã gửi %(count)d thông báo kết quả.", count=len(sent)), "success")
        return redirect(url_for("notices.round_notices", round_id=round_.id))
    results = services.round_results(round_)
    return render_template(
        "notices/round.html",
        round=round_,
        rows=[(result, services.waiting_for(result)) for result in results],
        form=form,
    )


@bp.route("/<int:notice_id>.pdf")
@roles(Role.SECRETARY, Role.PRODUCER, Role.COMMUNE_OFFICER)
def pdf(notice_id: int):
    notice = db.session.get(ResultNotice, notice_id) or abort(404)
    require(can_read_notice(current_user, notice))
    return send_generated(notice_pdf(notice), f"thong-bao-ket-qua-{notice.id}.pdf")
