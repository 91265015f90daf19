"""The advisory group's blueprint, its role markers and the loaders its pages share."""

from flask import Blueprint, abort
from flask_login import current_user

from evalapp.advisory import permissions
from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.councils.models import Council
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db

bp = Blueprint("advisory", __name__, url_prefix="/advisory")
COUNCIL_ROLES = (Role.SECRETARY, Role.ADVISORY_MEMBER, Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER)
staff = roles(Role.SECRETARY, Role.ADVISORY_MEMBER)
adviser = roles(Role.ADVISORY_MEMBER)
secretary = roles(Role.SECRETARY)
readers = roles(*COUNCIL_ROLES)


def load_dossier(dossier_id: int) -> tuple[Dossier, Council]:
    dossier = db.session.get(Dossier, dossier_id) or abort(404)
    council = permissions.council_of(dossier) or abort(404)
    return dossier, council


def load_file(dossier_id: int) -> tuple[Dossier, Council]:
    """The dossier for a write to its advisory file: refused unless the user may see the file
    (an adviser of another dossier or province would otherwise be shown it on a refused write)."""
    dossier, council = load_dossier(dossier_id)
    require(permissions.can_view_file(current_user, dossier, council))
    return dossier, council


def load_council(council_id: int) -> Council:
    council = db.session.get(Council, council_id) or abort(404)
    require(permissions.can_assign(current_user, council))
    return council
