from flask import Blueprint

from evalapp.auth.models import Role
from evalapp.results.queries import forwarding_origins

bp = Blueprint("results", __name__, url_prefix="/results")
# The intake queue (a dossiers page) shows where a proposed dossier comes from: the forwarding
# is the results', which come later in the package order.
bp.add_app_template_global(forwarding_origins, "forwarding_origins")

# A vice-chair acting for a conflicted chair holds the council member role.
COUNCIL_ROLES = (Role.SECRETARY, Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER)
