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
