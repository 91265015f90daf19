from flask import g
from flask_login import current_user
from sqlalchemy import func, select

from evalapp.extensions import db
from evalapp.notifications.models import Notification


def notifications_of(user_id: int):
    return (
        select(Notification).where(Notification.user_id == user_id).order_by(Notification.id.desc())
    )


def unread_count(user_id: int) -> int:
    return db.session.scalar(
        select(func.count(Notification.id)).where(
            Notification.user_id == user_id, Notification.read_at.is_(None)
        )
    )


def unread_for_current_user() -> dict:
    """Template context: the bell's counter, computed only when a template asks for it and at
    most once a request (every template rendered in the request shares it through `g`)."""

    def count() -> int:
        return unread_count(current_user.id) if current_user.is_authenticated else 0

    if "unread_notifications" not in g:
        g.unread_notifications = LazyCount(count)
    return {"unread_notifications": g.unread_notifications}


class LazyCount:
    def __init__(self, compute) -> None:
        self.compute, self.value = compute, None

    def _value(self) -> int:
        if self.value is None:
            self.value = self.compute()
        return self.value

    def __bool__(self) -> bool:
        return self._value() > 0

    def __str__(self) -> str:
        return str(self._value())
