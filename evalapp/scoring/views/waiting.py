"""The member's list of dossiers waiting for their sheet (the home page's card links here)."""

from flask import render_template
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import roles
from evalapp.extensions import db
from evalapp.scoring.queries import scoring_due, sheets_awaiting
from evalapp.scoring.views.blueprint import bp


@bp.route("/my-sheets")
@roles(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR)
def my_sheets():
    items = list(db.session.scalars(sheets_awaiting(current_user.id)))
    return render_template(
        "scoring/my_sheets.html", items=items, due={item.id: scoring_due(item) for item in items}
    )
