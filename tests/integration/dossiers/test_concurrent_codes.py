"""Two producers of one commune filing at the same moment on PostgreSQL get different product
numbers (SQLite runs one writer at a time, so there is nothing to race there)."""

import threading
import time

import pytest
from sqlalchemy import select

from evalapp.common.time import local_today
from evalapp.dossiers import numbering, services
from evalapp.dossiers.models import Dossier, DossierNumberCounter
from evalapp.extensions import db
from tests.conftest import POSTGRES_URL
from tests.integration.dossiers.test_codes import filed_draft

pytestmark = pytest.mark.skipif(not POSTGRES_URL, reason="row locks need PostgreSQL")


@pytest.mark.parametrize("counter_exists", [True, False], ids=["counter", "first-of-year"])
def test_simultaneous_filing_never_gives_a_number_twice(
    app, monkeypatch, province_2026, counter_exists
):
    year = local_today().year
    if counter_exists:
        for series in (numbering.PRODUCT, numbering.REGISTRATION):
            db.session.add(
                DossierNumberCounter(
                    unit_id=province_2026["commune"].id, year=year, series=series, last=0
                )
            )
    drafts = [filed_draft(province_2026, name=f"Sản phẩm {n}") for n in range(2)]
    db.session.commit()
    ids = [(dossier.id, producer.id) for dossier, producer in drafts]

    original = numbering.next_number

    def slow_next_number(unit, year, series):
        number = original(unit, year, series)
        time.sleep(0.3)  # hold the lock a while: the other thread must wait, not read 0 too
        return number

    monkeypatch.setattr(numbering, "next_number", slow_next_number)
    start, errors = threading.Barrier(2), []

    def submit(dossier_id, producer_id):
        with app.app_context():
            try:
                from evalapp.auth.models import User

                dossier = db.session.get(Dossier, dossier_id)
                producer = db.session.get(User, producer_id)
                start.wait()
                services.submit_dossier(dossier, producer)
                db.session.commit()
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=submit, args=pair) for pair in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert errors == []
    db.session.expire_all()
    codes = sorted(db.session.scalars(select(Dossier.product_code)))
    assert codes == [f"37-14464-001-{year}", f"37-14464-002-{year}"]
