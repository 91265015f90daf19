from flask import Blueprint, abort
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.councils.models import Council
from evalapp.councils.permissions import can_manage_council
from evalapp.extensions import db

bp = Blueprint("councils", __name__, url_prefix="/councils")

secretary_only = roles(Role.SECRETARY)


def load_council(council_id: int) -> Council:
    council = db.session.get(Council, council_id) or abort(404)
    require(can_manage_council(current_user, council))
    return council
