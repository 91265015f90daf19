"""The chair's re-scoring round; the old result address leads to `results.show`."""

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.refusals import Refusal, show_refusal
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.scoring import services
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
    """The result page is `results.show` (the figures, the spread check, the re-scoring form)."""
    return redirect(url_for("results.show", item_id=load_item(item_id).id))


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
    return redirect(url_for("results.show", item_id=item.id))
