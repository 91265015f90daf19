"""The user's in-app notifications."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.common.access import require, signed_in
from evalapp.common.routing import paginate
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.notifications.queries import notifications_of
from evalapp.notifications.services import mark_all_read, mark_read

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.route("/")
@signed_in
def index():
    page = paginate(notifications_of(current_user.id), per_page=30)
    return render_template("notifications/index.html", page=page)


@bp.route("/<int:notification_id>/open", methods=["POST"])
@signed_in
def open_notification(notification_id: int):
    notification = db.session.get(Notification, notification_id) or abort(404)
    require(notification.user_id == current_user.id)
    mark_read(notification)
    db.session.commit()
    target = (
        notification.link
        if notification.link.startswith("/") and not notification.link.startswith("//")
        else None
    )
    return redirect(target or url_for("notifications.index"))


@bp.route("/read-all", methods=["POST"])
@signed_in
def read_all():
    count = mark_all_read(current_user.id)
    db.session.commit()
    flash(_("Đã đánh dấu %(count)d thông báo là đã đọc.", count=count), "success")
    return redirect(url_for("notifications.index"))
