"""Evaluation rounds: the secretariat opens, edits and closes the rounds of its unit."""

from flask import Blueprint

bp = Blueprint("rounds", __name__, url_prefix="/rounds")
