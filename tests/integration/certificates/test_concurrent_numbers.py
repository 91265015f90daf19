"""Two secretaries issuing at the same moment on PostgreSQL get different numbers (SQLite runs
one writer at a time, so there is nothing to race there)."""

import threading
import time

import pytest
from sqlalchemy import select

from evalapp.certificates import services, signing
from evalapp.certificates.models import Certificate, CertificateCounter
from evalapp.extensions import db
from evalapp.results.models import ResultDecision
from tests.conftest import POSTGRES_URL
from tests.factories import make_decision
from tests.integration.certificates.conftest import agenda_result, make_issuing

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="row locks need PostgreSQL")


@pytest.mark.parametrize("counter_exists", [True, False], ids=["counter", "first-of-year"])
def test_simultaneous_issuing_never_gives_a_number_twice(app, monkeypatch, counter_exists):
    issuing = make_issuing()
    if counter_exists:
        db.session.add(CertificateCounter(unit_id=issuing.province.id, year=2021, last=0))
    signing.load_signing_key()
    more = agenda_result(issuing.session, issuing.organisation, "Nem chua Kim Sơn", 4, 5)
    second = make_decision(issuing.round, [more], "124/QĐ-UBND")
    db.session.commit()
    decision_ids, secretary_id = [issuing.decision.id, second.id], issuing.secretary.id

    original = services.next_sequence

    def slow_next_sequence(unit, year):
        number = original(unit, year)
        time.sleep(0.3)  # hold the lock a while: the other thread must wait, not read 0 too
        return number

    monkeypatch.setattr(services, "next_sequence", slow_next_sequence)
    start, errors = threading.Barrier(2), []

    def issue(decision_id):
        with app.app_context():
            try:
                from evalapp.auth.models import User

                decision = db.session.get(ResultDecision, decision_id)
                start.wait()
                services.issue_certificates(decision, db.session.get(User, secretary_id))
                db.session.commit()
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=issue, args=(i,)) for i in decision_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    db.session.expire_all()
    numbers = sorted(db.session.scalars(select(Certificate.number)))
    assert numbers == ["NB-2021-0001", "NB-2021-0002", "NB-2021-0003"]
