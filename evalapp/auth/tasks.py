"""Background jobs of the auth feature (imported by `evalapp.tasks`)."""

from evalapp.auth.password_reset import send_reset_link
from evalapp.common.jobs import app_task
from evalapp.extensions import db


@app_task()
def send_password_reset_link(email: str) -> None:
    """Out of the request, so that the answer to "forgot password" takes as long whether an
    e-mail leaves or not (an SMTP conversation would tell who has an account)."""
    send_reset_link(email)
    db.session.commit()
