"""Finalised results: the council's conclusion, reopening, forwarding, the producer's outcome."""

from flask import Blueprint, abort, render_template
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.results import queries
from evalapp.results.permissions import can_view_outcome

bp = Blueprint("results", __name__, url_prefix="/results")


@bp.route("/dossiers/<int:dossier_id>")
@roles(Role.PRODUCER)
def outcome(dossier_id: int):
    """The producer's published outcome: class, parts, the gap report; never a member's sheet."""
    dossier = db.session.get(Dossier, dossier_id) or abort(404)
    result = queries.current_result_of_dossier(dossier.id)
    require(can_view_outcome(current_user, dossier, result))
    return render_template("results/outcome.html", dossier=dossier, result=result)
