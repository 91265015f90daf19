"""The session page: agenda, attendance, quorum, opening and closing for the secretariat;
conflict declarations for the members."""

from collections.abc import Callable

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.time import local_today
from evalapp.councils import queries, seats, services
from evalapp.councils.agenda import acting_chair_line, agenda_rows, quorum_line, written_line
from evalapp.councils.closing import close_confirmation
from evalapp.councils.forms import (
    AgendaForm,
    AttendanceForm,
    DeclarationForm,
    MeetingRequestForm,
    WeekFilterForm,
)
from evalapp.councils.models import AgendaItem, CouncilSession, SessionState
from evalapp.councils.permissions import can_declare, can_manage_council, can_view_session
from evalapp.councils.views.blueprint import bp, load_council, secretary_only
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db

MEMBER_ROLES = (Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR, Role.ADVISORY_MEMBER)
members_only = roles(*MEMBER_ROLES)


def load_session(session_id: int) -> CouncilSession:
    """A session the secretariat of its unit manages (the member-facing page checks itself)."""
    session = db.session.get(CouncilSession, session_id) or abort(404)
    load_council(session.council_id)
    return session


def declaration_form(item: AgendaItem, **kwargs) -> DeclarationForm:
    """One form per agenda dossier, prefixed so that fields keep distinct ids on the page."""
    return DeclarationForm(prefix=f"item-{item.id}", **kwargs)


def chosen_dossier(form: AgendaForm) -> Dossier:
    """The dossier picked; whether it may go on the agenda is the service's business."""
    value = form.dossier_id.data or ""
    dossier = db.session.get(Dossier, int(value)) if value.isdigit() else None
    if dossier is None:
        raise services.CouncilError(_("Không tìm thấy hồ sơ đã chọn."), field="dossier_id")
    return dossier


def render_session(session: CouncilSession, agenda_form=None, declaring=None):
    """`declaring`: a bound declaration form (with its errors) for one agenda item."""
    manages = can_manage_council(current_user, session.council)
    rows = agenda_rows(session, current_user)
    forms = {
        row.item.id: declaration_form(row.item, formdata=None) for row in rows if row.may_declare
    }
    if declaring is not None:
        forms[declaring[0].id] = declaring[1]
    candidates = queries.agenda_candidates(session) if manages else []
    return render_template(
        "councils/session.html",
        session=session,
        manages=manages,
        reads_record=seats.sees_session_record(current_user, session),
        reads_results=seats.sees_session_results(current_user, session),
        rows=rows,
        declaration_forms=forms,
        agenda_form=agenda_form or AgendaForm(candidates, formdata=None),
        attendance_form=AttendanceForm(formdata=None),
        meeting_forms={
            row.item.id: MeetingRequestForm(prefix=f"meeting-{row.item.id}", formdata=None)
            for row in rows
            if row.may_ask_meeting
        },
        quorum_line=quorum_line,
        written_line=written_line,
        acting_chair_line=acting_chair_line,
        SessionState=SessionState,
    )


@bp.route("/sessions/<int:session_id>")
@roles(Role.SECRETARY, *MEMBER_ROLES)
def session(session_id: int):
    session = queries.session_with_agenda(session_id) or abort(404)
    require(can_view_session(current_user, session))
    return render_session(session)


@bp.post("/sessions/<int:session_id>/agenda")
@secretary_only
def add_to_agenda(session_id: int):
    session = load_session(session_id)
    form = AgendaForm(queries.agenda_candidates(session))
    if form.validate_on_submit():
        try:
            dossier = chosen_dossier(form)
            services.add_to_agenda(session, dossier, current_user)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback=ABOVE_FORM)
        else:
            db.session.commit()
            flash(
                _("Đã đưa hồ sơ %(code)s vào chương trình.", code=dossier.receipt_code), "success"
            )
            return redirect(url_for("councils.session", session_id=session.id))
    return render_session(session, agenda_form=form)


@bp.post("/sessions/<int:session_id>/attendance")
@secretary_only
def attendance(session_id: int):
    session = load_session(session_id)
    form = AttendanceForm()
    if not form.validate_on_submit():  # ids that are not seats are ignored by the service
        flash(_("Không đọc được danh sách điểm danh; vui lòng thử lại."), "danger")
        return redirect(url_for("councils.session", session_id=session.id))
    present = set(form.present.data or [])
    return change_state(
        lambda s, actor: services.record_attendance(s, present, actor),
        session,
        _("Đã lưu điểm danh."),
    )


def change_state(verb: Callable, session: CouncilSession, done: str):
    try:
        verb(session, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(url_for("councils.session", session_id=session.id))


@bp.post("/sessions/<int:session_id>/open")
@secretary_only
def open_session(session_id: int):
    session = load_session(session_id)
    done = _("Đã mở phiên họp; thành viên có thể khai báo và chấm điểm.")
    return change_state(services.open_session, session, done)


@bp.post("/sessions/<int:session_id>/close")
@secretary_only
def close_session(session_id: int):
    session = load_session(session_id)
    if not is_confirmed():
        try:
            services.check_closable(session)
        except Refusal as refusal:
            show_refusal(refusal)
            return redirect(url_for("councils.session", session_id=session.id))
        return ask(close_confirmation(session))
    return change_state(services.close_session, session, _("Đã kết thúc phiên họp."))


@bp.route("/my-sessions")
@members_only
def my_sessions():
    form = WeekFilterForm(request.args)
    form.validate()
    week = local_today() if form.when.data == "week" else None
    return render_template(
        "councils/my_sessions.html",
        form=form,
        sessions=queries.sessions_of_member(current_user.id, week),
    )


@bp.post("/items/<int:item_id>/declare")
@members_only
def declare(item_id: int):
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(can_declare(current_user, item))
    member = item.session.council.member_for(current_user)
    form = declaration_form(item)
    if form.validate_on_submit():
        try:
            services.declare(item, member, form.conflict, form.reason.data or "", current_user)
        except Refusal as refusal:
            show_refusal(refusal, form)
            if refusal.field is None:  # already declared: the form is no longer on the page
                return redirect(url_for("councils.session", session_id=item.session_id))
        else:
            db.session.commit()
            flash(_("Đã ghi nhận khai báo của bạn."), "success")
            return redirect(url_for("councils.session", session_id=item.session_id))
    session = queries.session_with_agenda(item.session_id)
    return render_session(session, declaring=(item, form))
