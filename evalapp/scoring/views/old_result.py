"""The old result address leads to `results.show` (where the chair also opens a re-scoring
round)."""

from flask import abort, redirect, url_for
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.scoring.views.blueprint import bp

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
