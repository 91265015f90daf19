"""Dossiers: the producer's side (draft, documents, self-assessment, submit) and the status page."""

from flask import Blueprint

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")
