"""Two secretaries sending a round's notices at the same moment on PostgreSQL send one set with
numbers that follow on, and neither sees a server error (SQLite runs one writer at a time)."""

import threading
import time

import pytest
from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.extensions import db
from evalapp.notices import services
from evalapp.notices.models import ResultNotice
from evalapp.rounds.models import EvaluationRound
from tests.conftest import POSTGRES_URL
from tests.integration.levels.conftest import build_levels

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="row locks need PostgreSQL")


def test_simultaneous_sending_sends_each_notice_once(app, monkeypatch):
    levels = build_levels()
    round_id, secretary_id = levels.closed.round.id, levels.closed.secretary.id
    original = services.next_number

    def slow_next_number(unit_id, day):
        number = original(unit_id, day)
        time.sleep(0.3)  # hold the lock a while: the other request must wait, not read 0 too
        return number

    monkeypatch.setattr(services, "next_number", slow_next_number)
    start, sent, refused, errors = threading.Barrier(2), [], [], []

    def send():
        with app.app_context():
            try:
                round_ = db.session.get(EvaluationRound, round_id)
                start.wait()
                sent.append(len(services.send_notices(round_, db.session.get(User, secretary_id))))
                db.session.commit()
            except services.NoticesError:
                refused.append(True)
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    assert sent == [2] and refused == [True]  # the 2★ and the excluded product, then nothing left
    db.session.expire_all()
    numbers = sorted(db.session.scalars(select(ResultNotice.number)))
    assert numbers == ["1/TB-OCOP", "2/TB-OCOP"]
