"""The secretary's session dashboard and the reminders to members who still have sheets to sign."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common import audit
from evalapp.common.access import require, roles
from evalapp.common.commits import commit_and_answer
from evalapp.common.urls import absolute_url
from evalapp.councils.models import SessionState
from evalapp.notifications.services import notify
from evalapp.scoring import queries
from evalapp.scoring.dashboard import session_dashboard
from evalapp.scoring.permissions import can_view_dashboard
from evalapp.scoring.views.blueprint import bp

secretary_only = roles(Role.SECRETARY)


def load_dashboard(session_id: int):
    session, sheets = queries.session_progress(session_id)
    if session is None:
        abort(404)
    require(can_view_dashboard(current_user, session))
    return session, session_dashboard(session, sheets)


@bp.route("/sessions/<int:session_id>")
@secretary_only
def dashboard(session_id: int):
    session, (dossiers, members) = load_dashboard(session_id)
    return render_template(
        "scoring/dashboard.html",
        session=session,
        dossiers=dossiers,
        members=members,
        SessionState=SessionState,
    )


@bp.post("/sessions/<int:session_id>/remind")
@secretary_only
def remind(session_id: int):
    session, (_dossiers, members) = load_dashboard(session_id)
    if session.state is not SessionState.OPEN:
        flash(_("Chỉ gửi nhắc nhở khi phiên họp đang mở."), "danger")
        return redirect(url_for("scoring.dashboard", session_id=session.id))
    waiting = [todo for todo in members if not todo.done]
    link = absolute_url("councils.session", session_id=session.id)
    for todo in waiting:
        body = _l(
            "Bạn còn %(sign)d hồ sơ chưa ký phiếu và %(declare)d hồ sơ chưa khai báo xung đột "
            "lợi ích trong phiên họp “%(title)s”.",
            sign=len(todo.to_sign),
            declare=len(todo.to_declare),
            title=session.title,
        )
        notify([todo.member.user], _l("Nhắc nhở chấm điểm hồ sơ OCOP"), body, link)
    audit.record("session.reminded", session, after={"members": [t.member.number for t in waiting]})
    return commit_and_answer(
        redirect(url_for("scoring.dashboard", session_id=session.id)),
        _("Đã gửi nhắc nhở tới %(n)d thành viên.", n=len(waiting)),
    )
