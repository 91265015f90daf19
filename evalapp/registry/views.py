"""Public pages: certificate verification (and its JSON form) and the registry of OCOP products."""

from flask import Blueprint

bp = Blueprint("registry", __name__)
