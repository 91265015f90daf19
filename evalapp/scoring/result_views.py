"""A dossier's result for the secretariat and the (acting) chair; the chair's re-scoring round."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.rules import load_rulebook
from evalapp.scoring import services
from evalapp.scoring.dashboard import expected_ids
from evalapp.scoring.views import bp

# A vice-chair acting for a conflicted chair holds the council member role.
result_viewers = roles(Role.SECRETARY, Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER)


def load_item(item_id: int) -> AgendaItem:
    item = db.session.get(AgendaItem, item_id) or abort(404)
    require(seats.sees_aggregate(current_user, item))
    return item


@bp.route("/items/<int:item_id>/result")
@result_viewers
def item_result(item_id: int):
    """The average, the class and the spread once every expected sheet is signed; no figure is
    ever attached to a member."""
    item = load_item(item_id)
    try:
        result = services.result_of(item)
    except services.ScoringError as error:
        flash(str(error), "danger")
        result = None
    expected = expected_ids(item)
    signed = sum(1 for s in services.signed_sheets(item) if s.member_id in expected)
    return render_template(
        "scoring/result.html",
        item=item,
        dossier=item.dossier,
        result=result,
        signed=signed,
        expected=len(expected),
        limit=load_rulebook(item.dossier.round.rulebook_code).council.max_spread,
        criteria=services.criteria_sheet(item),
        chairs=seats.is_acting_chair(current_user, item),
    )


@bp.post("/items/<int:item_id>/rescore")
@result_viewers
def rescore(item_id: int):
    item = load_item(item_id)
    try:
        services.open_rescoring(item, current_user)
    except Refusal as refusal:
        show_refusal(refusal)
    else:
        db.session.commit()
        flash(_("Đã mở vòng chấm lại; các thành viên chấm lại hồ sơ này."), "success")
    return redirect(url_for("scoring.item_result", item_id=item.id))
