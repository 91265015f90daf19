"""Councils: composition, sessions, agenda, attendance and quorum; members' declarations."""

from flask import Blueprint

bp = Blueprint("councils", __name__, url_prefix="/councils")
