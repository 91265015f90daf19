"""The producer's side: the outcome of their dossier, once the result decision has published it."""

from flask import abort, render_template
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.results import pages, permissions, queries
from evalapp.results.views.blueprint import bp


@bp.route("/dossiers/<int:dossier_id>")
@roles(Role.PRODUCER)
def outcome(dossier_id: int):
    """The producer's published outcome: class, parts, the gap report; never a member's sheet.
    Before publication the producer learns only that it is not published yet."""
    dossier = db.session.get(Dossier, dossier_id) or abort(404)
    require(permissions.is_own_producer(current_user, dossier))
    result = queries.current_result_of_dossier(dossier.id)
    if not permissions.can_view_outcome(current_user, dossier, result):
        return render_template("results/outcome_pending.html", dossier=dossier)
    return render_template(
        "results/outcome.html",
        dossier=dossier,
        result=result,
        parts=pages.part_names(result.rulebook_code),
        gap=pages.outcome_gap(result),
        names=pages.criterion_names(result),
        certificate=result.certificate,
        proposal=pages.proposal_without_class(result),
    )
