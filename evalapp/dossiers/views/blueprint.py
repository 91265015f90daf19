from flask import Blueprint, abort

from evalapp.dossiers.models import Dossier
from evalapp.extensions import db

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")


def load(dossier_id: int) -> Dossier:
    return db.session.get(Dossier, dossier_id) or abort(404)
