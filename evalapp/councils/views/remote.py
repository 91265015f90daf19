"""The remote scoring window of a session (members score before the meeting)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.councils import services
from evalapp.councils.forms import RemoteWindowForm
from evalapp.councils.models import CouncilSession
from evalapp.councils.permissions import can_manage_council
from evalapp.councils.views.blueprint import bp
from evalapp.extensions import db


@bp.route("/sessions/<int:session_id>/remote-window", methods=["GET", "POST"])
@roles(Role.SECRETARY)
def remote_window(session_id: int):
    session = db.session.get(CouncilSession, session_id) or abort(404)
    require(can_manage_council(current_user, session.council))
    form = RemoteWindowForm()
    if form.validate_on_submit():
        try:
            services.set_remote_window(session, *form.window(), current_user)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback="opens_at")
        else:
            db.session.commit()
            flash(_("Đã mở thời gian chấm điểm từ xa."), "success")
            return redirect(url_for("councils.session", session_id=session.id))
    return render_template("councils/remote_window.html", session=session, form=form)
