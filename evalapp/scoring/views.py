"""Scoring screens: the member's sheet, the chair's re-scoring, the secretary's session dashboard."""

from flask import Blueprint

bp = Blueprint("scoring", __name__, url_prefix="/scoring")

from evalapp.scoring import offline_views  # noqa: E402, F401 - the paper path's routes on bp
