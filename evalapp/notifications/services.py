"""Tell people about what concerns them: an in-app notification and an e-mail. Never commits."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol
from urllib.parse import urlsplit

from flask import has_request_context
from flask_babel import force_locale
from flask_login import current_user
from sqlalchemy import select

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


def notify(
    users: Iterable[Recipient], subject, body, link: str = "", *, include_actor: bool = False
) -> None:
    """`subject` and `body` are lazy strings, rendered in Vietnamese (the working language);
    `link` is an absolute URL for the e-mail, kept as a path for the in-app list.

    Nobody is told about what they just did themselves (the secretary who puts a dossier on the
    agenda is not notified that it is on the agenda), unless `include_actor`: a receipt or a
    link the person asked for."""
    with force_locale("vi"):
        subject_text, body_text = str(subject), str(body)
    parts = urlsplit(link)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    actor = acting_user_id() if not include_actor else None
    recipients = {user.id: user for user in users if user.is_active and user.id != actor}
    for user in recipients.values():
        db.session.add(
            Notification(user_id=user.id, subject=subject_text, body=body_text, link=path)
        )
        queue_mail(db.session, user.email, subject_text, f"{body_text}\n\n{link}".strip())


def acting_user_id() -> int | None:
    if has_request_context() and current_user.is_authenticated:
        return current_user.id
    return None


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = utcnow()


def mark_all_read(user_id: int) -> int:
    """Every unread notification of the user read now; how many there were."""
    unread = db.session.scalars(
        select(Notification).where(Notification.user_id == user_id, Notification.read_at.is_(None))
    ).all()
    now = utcnow()
    for notification in unread:
        notification.read_at = now
    return len(unread)
