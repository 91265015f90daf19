"""The secretariat's council screens: composition, members, invitations, scheduling sessions."""

from flask import (
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.auth.sessions import start_session
from evalapp.common.access import public, require
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.routing import id_argument
from evalapp.common.time import local_today
from evalapp.councils import queries, services, written
from evalapp.councils.forms import (
    CouncilForm,
    InviteMemberForm,
    MemberForm,
    SessionForm,
    WeekFilterForm,
)
from evalapp.councils.models import Council, Position
from evalapp.councils.views.blueprint import bp, load_council, secretary_only
from evalapp.extensions import db
from evalapp.producers.forms import SetPasswordForm
from evalapp.rounds.models import EvaluationRound
from evalapp.rounds.permissions import can_manage_round


@bp.route("/")
@secretary_only
def index():
    unit = current_user.unit or abort(404)
    form = WeekFilterForm(request.args)
    form.validate()
    if form.when.data == "week":  # the home page's "sessions this week"
        return render_template(
            "councils/week.html",
            unit=unit,
            sessions=queries.sessions_of_unit_in_week(unit.id, local_today()),
        )
    return render_template(
        "councils/index.html",
        unit=unit,
        councils=queries.councils_of_unit(unit.id),
        rounds=queries.rounds_without_council(unit.id),
    )


@bp.route("/new", methods=["GET", "POST"])
@secretary_only
def new_council():
    round_id = id_argument("round_id") or abort(404)
    round_ = db.session.get(EvaluationRound, round_id) or abort(404)
    require(can_manage_round(current_user, round_))
    form = CouncilForm()
    if form.validate_on_submit():
        try:
            council = services.create_council(
                round_,
                current_user,
                name=form.name.data,
                decision_number=form.decision_number.data,
                decision_date=form.decision_date.data,
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback=ABOVE_FORM)
        else:
            db.session.commit()
            flash(_("Đã thành lập %(name)s.", name=council.name), "success")
            return redirect(url_for("councils.council", council_id=council.id))
    return render_template("councils/new.html", form=form, round=round_)


def render_council(council: Council, member_form=None, session_form=None, invite_form=None):
    return render_template(
        "councils/council.html",
        council=council,
        member_form=member_form or MemberForm(queries.seatable_users(council), formdata=None),
        session_form=session_form or SessionForm(formdata=None),
        invite_form=invite_form or InviteMemberForm(formdata=None),
        offers_written=written.offers_written_mode(council),
        composition_fixed=services.composition_fixed(council),
    )


@bp.route("/<int:council_id>")
@secretary_only
def council(council_id: int):
    return render_council(load_council(council_id))


@bp.post("/<int:council_id>/members")
@secretary_only
def add_member(council_id: int):
    council = load_council(council_id)
    form = MemberForm(queries.seatable_users(council))
    if form.validate_on_submit():
        try:
            member = services.add_member(
                council, form.user, Position(form.position.data), current_user
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback=ABOVE_FORM)
        else:
            db.session.commit()
            flash(_("Đã thêm %(name)s vào hội đồng.", name=member.user.full_name), "success")
            return redirect(url_for("councils.council", council_id=council.id))
    return render_council(council, member_form=form)


@bp.post("/<int:council_id>/invitations")
@secretary_only
def invite_member(council_id: int):
    council = load_council(council_id)
    form = InviteMemberForm()
    if form.validate_on_submit():
        try:
            member = services.invite_member(
                council,
                form.full_name.data,
                form.email.data,
                Position(form.position.data),
                current_user,
            )
        except Refusal as refusal:
            show_refusal(refusal, form, fallback=ABOVE_FORM)
        else:
            db.session.commit()
            flash(
                _(
                    "Đã thêm %(name)s vào hội đồng và gửi lời mời đến %(email)s.",
                    name=member.user.full_name,
                    email=member.user.email,
                ),
                "success",
            )
            return redirect(url_for("councils.council", council_id=council.id))
    return render_council(council, invite_form=form)


def render_accept_page(invited=None, form=None, error: str = ""):
    return render_template(
        "councils/accept_invitation.html", invited=invited, form=form, error=error
    )


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
def accept_invitation(token: str):
    try:
        invited = services.invited_member(token)
    except services.CouncilError as error:
        return render_accept_page(error=str(error)), 400
    form = SetPasswordForm()
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(token, form.password.data)
        except Refusal as refusal:
            show_refusal(refusal, form, fallback=ABOVE_FORM)
        else:
            db.session.commit()
            start_session(user)
            flash(_("Đã đặt mật khẩu. Xin chào %(name)s!", name=user.full_name), "success")
            if user.has_role(Role.SECRETARY):
                return redirect(url_for("councils.index"))
            return redirect(url_for("councils.my_sessions"))
    return render_accept_page(invited, form)


@bp.post("/<int:council_id>/members/<int:member_id>/remove")
@secretary_only
def remove_member(council_id: int, member_id: int):
    council = load_council(council_id)
    member = next((m for m in council.members if m.id == member_id), None) or abort(404)
    name = member.user.full_name
    try:
        services.remove_member(council, member, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(_("Đã đưa %(name)s ra khỏi hội đồng.", name=name), "success")
    return redirect(url_for("councils.council", council_id=council.id))


@bp.post("/<int:council_id>/sessions")
@secretary_only
def new_session(council_id: int):
    council = load_council(council_id)
    form = SessionForm()
    if form.validate_on_submit():
        try:
            session = services.schedule_session(council, current_user, **form.values())
        except Refusal as refusal:
            show_refusal(refusal, form, fallback=ABOVE_FORM)
        else:
            db.session.commit()
            flash(_("Đã lên lịch %(title)s.", title=session.title), "success")
            return redirect(url_for("councils.session", session_id=session.id))
    return render_council(council, session_form=form)
