"""Producer registration, the organisation profile and its products."""

from flask import Blueprint

bp = Blueprint("producers", __name__, url_prefix="/producers")
