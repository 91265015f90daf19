from flask import Blueprint

bp = Blueprint("scoring", __name__, url_prefix="/scoring")
