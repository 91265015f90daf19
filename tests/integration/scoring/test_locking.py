"""On PostgreSQL, closing a session waits for a save in flight, which is then counted."""

import threading
import time

import pytest
from sqlalchemy import text

from evalapp.councils.models import CouncilSession, SessionState
from evalapp.councils.services import close_session
from evalapp.extensions import db
from tests.conftest import POSTGRES_URL

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="row locks are a PostgreSQL feature")


def test_closing_waits_for_the_save_that_holds_the_session(app, meeting):
    session_id, secretary_id = meeting.session.id, meeting.secretary.user_id
    order = []

    def close():
        from evalapp.auth.models import User

        with app.app_context():
            close_session(
                db.session.get(CouncilSession, session_id), db.session.get(User, secretary_id)
            )
            db.session.commit()
            order.append("closed")

    with db.engine.connect() as saver:
        transaction = saver.begin()
        saver.execute(
            text("SELECT id FROM council_sessions WHERE id = :id FOR SHARE"), {"id": session_id}
        )
        closer = threading.Thread(target=close)
        closer.start()
        time.sleep(0.5)
        assert order == []  # the close is waiting for the save's lock
        order.append("save committed")
        transaction.commit()
        closer.join(10)
    assert order == ["save committed", "closed"]
    db.session.expire_all()
    assert db.session.get(CouncilSession, session_id).state is SessionState.CLOSED
