"""The council's side: the result page of a dossier, the chair's finalisation and re-scoring
round, a session's results."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.confirmation import ask, is_confirmed
from evalapp.common.exports import export_response
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem, CouncilSession
from evalapp.councils.permissions import can_view_session
from evalapp.extensions import db
from evalapp.results import freezing, pages, permissions, queries, services, written
from evalapp.results.confirmations import finalise_confirmation, rescoring_confirmation
from evalapp.results.exports import session_result_columns
from evalapp.results.forms import (
    ConveneForm,
    DecideReopeningForm,
    FinaliseForm,
    ForwardForm,
    ReopenForm,
    finding_decisions,
)
from evalapp.results.forwarding import awaits_five_star_approval, check_forwardable
from evalapp.results.live import live_result
from evalapp.results.reopening import check_reopenable, pending_reopening
from evalapp.results.rescoring import check_may_rescore, open_rescoring
from evalapp.results.views.blueprint import COUNCIL_ROLES, bp
from evalapp.rules import load_rulebook


def load_item(item_id: int) -> tuple[AgendaItem, pages.ItemFigures]:
    item = db.session.get(AgendaItem, item_id) or abort(404)
    shown = pages.item_figures(item)
    require(permissions.can_view_result(current_user, item, shown.final))
    return item, shown


def to_result(item_id: int):
    return redirect(url_for("results.show", item_id=item_id))


@bp.route("/items/<int:item_id>")
@roles(*COUNCIL_ROLES)
def show(item_id: int):
    """The figures, the class and why, the spread, the criteria (table and chart); live before
    finalisation, frozen after."""
    item, shown = load_item(item_id)
    return render_result(item, shown)


def render_result(
    item: AgendaItem, shown: pages.ItemFigures, finalise_form=None, convene_form=None
):
    final = shown.final
    forwarding = services.forwarding_of(final) if final else None
    rulebook = load_rulebook(item.dossier.round.rulebook_code)
    return render_template(
        "results/show.html",
        item=item,
        dossier=item.dossier,
        shown=shown,
        figures=shown.figures,
        final=final,
        rulebook=rulebook,
        parts=pages.part_names(rulebook.code),
        chart=freezing.chart_data(shown.figures["statistics"]) if shown.figures else None,
        sees_sheets=permissions.can_view_sheets(current_user, item),
        council_side=can_view_session(current_user, item.session),
        finalises=permissions.can_finalise(current_user, item) and final is None,
        finalise_form=finalise_form or FinaliseForm(formdata=None),
        history=queries.results_of_item(item.id),
        reopening=pending_reopening(final) if final else None,
        reopens=final is not None and permissions.can_take_part_in_reopening(current_user, final),
        reopen_refusal=reopen_refusal(final),
        reopen_form=ReopenForm(formdata=None),
        decide_form=DecideReopeningForm(formdata=None),
        forwarding=forwarding,
        forward=forward_panel(final) if final and forwarding is None else None,
        written=written.status(item) if item.in_writing and final is None else None,
        convenes=permissions.can_convene(current_user, item) and final is None,
        convene_form=convene_form or ConveneForm(formdata=None),
    )


def reopen_refusal(final) -> str | None:
    """Why a finalised result can no longer be reopened (published, forwarded), if it cannot."""
    if final is None:
        return None
    try:
        check_reopenable(final)
    except services.ResultsError as error:
        return str(error)
    return None


def forward_panel(final):
    """For the round's secretariat: the next level's open rounds, or why it cannot go on."""
    if not permissions.can_forward(current_user, final):
        return None
    try:
        target = check_forwardable(final)
    except services.ResultsError as error:
        return {"error": str(error), "approval_first": awaits_five_star_approval(final)}
    return {"target": target, "form": ForwardForm(target.rounds, formdata=None)}


@bp.post("/items/<int:item_id>/finalise")
@roles(Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER)
def finalise(item_id: int):
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(permissions.can_finalise(current_user, item))
    form = FinaliseForm()
    if not form.validate():
        return render_result(item, pages.item_figures(item), form), 400
    try:
        live = live_result(item)
        codes = services.findings_of(live.product) if live.product else []
        decisions = finding_decisions(request.form, codes)
        if not is_confirmed():
            return ask_to_finalise(item, decisions)
        services.finalise_result(item, form.conclusion.data, decisions, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
        return render_result(item, pages.item_figures(item), form), 400
    db.session.commit()
    flash(_("Đã chốt kết quả đánh giá của hồ sơ."), "success")
    return to_result(item.id)


@bp.route("/to-finalise")
@roles(Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER)
def to_finalise():
    """The results the user, as acting chair, has yet to finalise (the home page's card)."""
    return render_template(
        "results/to_finalise.html", items=queries.results_to_finalise(current_user)
    )


def ask_to_finalise(item: AgendaItem, decisions):
    """Refuses now what finalising would refuse; otherwise says what it will do."""
    services.check_may_finalise(item, current_user)
    live = services.finalisable(item)
    services.checked_decisions(live, decisions)
    return ask(finalise_confirmation(item, live))


@bp.route("/sessions/<int:session_id>")
@roles(*COUNCIL_ROLES)
def session_results(session_id: int):
    session = db.session.get(CouncilSession, session_id) or abort(404)
    require(permissions.can_view_session_results(current_user, session))
    rows = pages.session_rows(session, current_user, permissions.can_view_result)
    return render_template("results/session.html", session=session, rows=rows)


@bp.route("/sessions/<int:session_id>/export.<any(csv, xlsx):kind>")
@roles(*COUNCIL_ROLES)
def session_results_export(session_id: int, kind: str):
    """The session's results page as CSV or XLSX (issue 18): the same rows, the same figures."""
    session = db.session.get(CouncilSession, session_id) or abort(404)
    require(permissions.can_view_session_results(current_user, session))
    rows = pages.session_rows(session, current_user, permissions.can_view_result)
    stem = f"ket-qua-phien-hop-{session.id}"
    return export_response(kind, stem, _("Kết quả"), session_result_columns(), rows)


@bp.post("/items/<int:item_id>/rescore")
@roles(*COUNCIL_ROLES)
def rescore(item_id: int):
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(seats.sees_aggregate(current_user, item))
    try:
        if not is_confirmed():
            check_may_rescore(item, current_user)
            return ask(rescoring_confirmation(item, live_result(item)))
        open_rescoring(item, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(_("Đã mở vòng chấm lại; các thành viên chấm lại hồ sơ này."), "success")
    return to_result(item.id)


@bp.post("/items/<int:item_id>/convene")
@roles(Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER)
def convene(item_id: int):
    """The chair convenes a meeting on a dossier decided in writing (26/2026 Điều 7.6.d)."""
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(permissions.can_convene(current_user, item))
    form = ConveneForm()
    if form.validate_on_submit():
        try:
            written.convene_meeting(item, form.moment(), form.place.data, current_user)
        except Refusal as refusal:
            show_refusal(refusal, form)
        else:
            db.session.commit()
            flash(_("Đã triệu tập họp trực tiếp về hồ sơ này."), "success")
            return redirect(url_for("councils.session", session_id=item.session_id))
    return render_result(item, pages.item_figures(item), convene_form=form), 400
