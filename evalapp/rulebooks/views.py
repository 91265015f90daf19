from flask import Blueprint, render_template

from evalapp.common.access import public

bp = Blueprint("rulebooks", __name__, url_prefix="/rulebooks")


@bp.route("/")
@public
def index():
    return render_template("rulebooks/index.html")
