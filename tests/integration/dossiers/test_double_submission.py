"""Submitting a dossier twice — a double click, a stale tab, F5, or two tabs at once — leads to
the receipt of the one submission, with when it was filed and its receipt number (issue 16)."""

from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from evalapp.common.i18n import format_moment
from evalapp.dossiers import services
from evalapp.dossiers.models import DossierEvent
from evalapp.extensions import db
from tests.integration.dossiers.conftest import complete, start

SUBMIT = {"declaration_name": "Phạm Thị Hiếu", "declaration": "y"}


def submissions(dossier) -> int:
    events = db.session.scalars(select(DossierEvent).where(DossierEvent.dossier_id == dossier.id))
    return sum(1 for event in events if event.action == "submitted")


def already_submitted(dossier) -> str:
    db.session.refresh(dossier)
    return (
        f"Hồ sơ đã được nộp lúc {format_moment(dossier.submitted_at)}, "
        f"mã số biên nhận {dossier.receipt_code}."
    )


def test_submitting_again_from_a_stale_tab_leads_to_the_receipt(kim_son, login):
    dossier = complete(start(kim_son), kim_son)
    client = login(kim_son.producer)
    first = client.post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)
    client.get(first.headers["Location"])  # the first answer's flash is read

    again = client.post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)

    assert again.status_code == 302
    assert again.headers["Location"] == first.headers["Location"]
    receipt = client.get(again.headers["Location"])
    assert receipt.status_code == 200
    assert already_submitted(dossier) in receipt.text
    assert submissions(dossier) == 1


def test_the_tab_that_loses_the_race_leads_to_the_receipt(kim_son, login, monkeypatch):
    dossier = complete(start(kim_son), kim_son)
    client = login(kim_son.producer)
    submit = services.submit_dossier

    def other_tab_first(dossier, actor):
        """The other tab's request commits the submission; this one's write then finds the
        dossier changed under it."""
        submit(dossier, actor)
        db.session.commit()
        raise StaleDataError("UPDATE statement on table 'dossiers' expected to update 1 row")

    monkeypatch.setattr(services, "submit_dossier", other_tab_first)

    response = client.post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)

    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/dossiers/{dossier.id}/receipt")
    assert already_submitted(dossier) in client.get(response.headers["Location"]).text
    assert submissions(dossier) == 1


def test_another_producer_still_gets_nothing(kim_son, login):
    from tests.factories import make_organisation, make_producer

    dossier = complete(start(kim_son), kim_son)
    login(kim_son.producer).post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)
    stranger = make_producer(make_organisation(kim_son.commune))
    db.session.commit()

    response = login(stranger).post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)

    assert response.status_code == 403
