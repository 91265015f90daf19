"""E-mail that leaves only after the database commit that caused it.

`queue_mail` parks a message on the session; it is delivered when the session commits and dropped
on rollback. Delivery: `MAIL_BACKEND=outbox` (default outside production) writes .eml files to
`MAIL_OUTBOX_DIR`; `smtp` sends through `MAIL_SERVER`; `log` only logs.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from email.message import EmailMessage
from pathlib import Path

from flask import current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session

logger = logging.getLogger(__name__)
QUEUE_KEY = "evalapp.outgoing_mail"


def queue_mail(session: Session, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = subject
    message["Message-ID"] = f"<{uuid.uuid4().hex}@evalapp>"
    message.set_content(body)
    session.info.setdefault(QUEUE_KEY, []).append(message)


def deliver(message: EmailMessage) -> None:
    backend = current_app.config["MAIL_BACKEND"]
    if backend == "smtp":
        with smtplib.SMTP(
            current_app.config["MAIL_SERVER"], current_app.config["MAIL_PORT"]
        ) as smtp:
            if current_app.config["MAIL_USE_TLS"]:
                smtp.starttls()
            if current_app.config["MAIL_USERNAME"]:
                smtp.login(current_app.config["MAIL_USERNAME"], current_app.config["MAIL_PASSWORD"])
            smtp.send_message(message)
    elif backend == "outbox":
        outbox = Path(
            current_app.config["MAIL_OUTBOX_DIR"] or Path(current_app.instance_path) / "outbox"
        )
        outbox.mkdir(parents=True, exist_ok=True)
        name = message["Message-ID"].strip("<>").split("@")[0]
        (outbox / f"{name}.eml").write_bytes(message.as_bytes())
    logger.info("mail to %s: %s", message["To"], message["Subject"])


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    """Releasing a savepoint fires this event too: only the outermost commit delivers."""
    if session.in_nested_transaction():
        return
    messages = session.info.pop(QUEUE_KEY, [])
    if not messages or not has_app_context():
        return
    for message in messages:
        try:
            deliver(message)
        except Exception:  # a mail failure never undoes the committed change
            logger.exception("could not deliver mail to %s", message["To"])


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    """A savepoint rolled back keeps the mail of the transaction around it."""
    if session.in_nested_transaction():
        return
    session.info.pop(QUEUE_KEY, None)


def outbox_messages(app) -> list[EmailMessage]:
    """The messages written to the outbox folder, oldest first (for tests and the demo)."""
    from email import message_from_bytes, policy

    folder = Path(app.config["MAIL_OUTBOX_DIR"] or Path(app.instance_path) / "outbox")
    paths = sorted(folder.glob("*.eml"), key=lambda path: path.stat().st_mtime_ns)
    return [message_from_bytes(path.read_bytes(), policy=policy.default) for path in paths]
