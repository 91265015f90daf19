"""Session documents (minutes, score table) and the result decision with its annex."""

from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
