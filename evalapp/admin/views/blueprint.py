from flask import Blueprint

from evalapp.auth.models import Role
from evalapp.common.access import roles

bp = Blueprint("admin", __name__, url_prefix="/admin")
admin_only = roles(Role.ADMIN)
