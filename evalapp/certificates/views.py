"""Certificates for the secretariat: issuing, printing, batch printing, revocation."""

from flask import Blueprint

bp = Blueprint("certificates", __name__, url_prefix="/certificates")
