"""Tell people about what concerns them: an in-app notification and an e-mail. Never commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol
from urllib.parse import urlsplit

from flask_babel import force_locale

from evalapp.common.mail import queue_mail
from evalapp.common.time import utcnow
from evalapp.extensions import db
from evalapp.notifications.models import Notification


class Recipient(Protocol):
    """A user account as notifications see it (notifications come before `auth` in the package
    order: accounts send invitations through them)."""

    id: int
    email: str
    is_active: bool


def notify(users: Iterable[Recipient], subject, body, link: str = "") -> None:
    """`subject` and `body` are lazy strings, rendered in Vietnamese (the working language);
    `link` is an absolute URL for the e-mail, kept as a path for the in-app list."""
    with force_locale("vi"):
        subject_text, body_text = str(subject), str(body)
    parts = urlsplit(link)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    for user in {user.id: user for user in users if user.is_active}.values():
        db.session.add(
            Notification(user_id=user.id, subject=subject_text, body=body_text, link=path)
        )
        queue_mail(db.session, user.email, subject_text, f"{body_text}\n\n{link}".strip())


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()
