import functools
from pathlib import Path

from flask import (
    Blueprint,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user

from evalapp.auth.views import safe_next
from evalapp.common.access import public
from evalapp.common.time import local_today
from evalapp.home.dashboard import cut_off_count, dashboard_cards, overdue_re_evaluations
from evalapp.home.navigation import menu_for
from evalapp.home.queues import due_line, queues_for
from evalapp.home.readiness import readiness
from evalapp.rules import rulebook_for_date

bp = Blueprint("home", __name__)
bp.add_app_template_global(menu_for, "menu_for")


@bp.route("/")
@public
def index():
    if not current_user.is_authenticated:
        return render_template("home/landing.html", in_force=rulebook_for_date(local_today()))
    today = local_today()
    return render_template(
        "home/dashboard.html",
        queues=queues_for(current_user, today),
        due_line=lambda day: due_line(day, today),
        cards=dashboard_cards(current_user),
        at_risk=cut_off_count(current_user, today),
        overdue=overdue_re_evaluations(current_user, today),
    )


@bp.route("/language", methods=["POST"])
@public
def set_language():
    language = request.form.get("lang", "")
    if language in current_app.config["LANGUAGES"]:
        session["lang"] = language
    return redirect(safe_next(request.form.get("next")) or url_for("home.index"))


@bp.route("/favicon.ico")
@public
def favicon():
    """Browsers ask for /favicon.ico whatever the page links to (it 404ed on every page). Sent
    from memory: 4 KB, and no file left open by a client that drops the response."""
    response = current_app.response_class(favicon_bytes(), mimetype="image/vnd.microsoft.icon")
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response


@functools.cache
def favicon_bytes() -> bytes:
    return (Path(current_app.static_folder) / "favicon.ico").read_bytes()


@bp.route("/healthz")
@public
def healthz():
    """Liveness: the process answers; touches nothing else."""
    return jsonify(status="ok")


@bp.route("/readyz")
@public
def readyz():
    """Readiness: each dependency's status (see `readiness`); 503 only without the database."""
    body, status = readiness()
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"
    return response, status
