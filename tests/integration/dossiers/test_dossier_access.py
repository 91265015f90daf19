"""IDOR: nobody reaches a dossier, its files or its old versions without a reason to."""

import pytest

from evalapp.auth.models import Role
from evalapp.extensions import db
from tests.factories import make_organisation, make_producer, make_unit, make_user
from tests.integration.dossiers.conftest import start, submitted


@pytest.fixture
def outsiders(kim_son):
    other_province = make_unit("Tỉnh Khác", code="TK")
    people = {
        "another producer": make_producer(make_organisation()),
        "secretary of another province": make_user(Role.SECRETARY, unit=other_province),
        "council member": make_user(Role.COUNCIL_MEMBER, unit=kim_son.desk),
        "commune officer (1048 has no commune step)": make_user(
            Role.COMMUNE_OFFICER, unit=kim_son.commune
        ),
    }
    db.session.commit()
    return people


def dossier_urls(dossier):
    document = dossier.current_documents()[0]
    return [
        f"/dossiers/{dossier.id}",
        f"/dossiers/{dossier.id}/receipt",
        f"/dossiers/documents/{document.id}",
        f"/dossiers/{dossier.id}/self-assessment",
    ]


def test_outsiders_see_nothing_of_a_submitted_dossier(kim_son, outsiders, login):
    dossier = submitted(kim_son)
    for who, user in outsiders.items():
        client = login(user)
        for url in dossier_urls(dossier):
            with client.get(url) as response:
                assert response.status_code == 403, (who, url)
        assert client.post(f"/dossiers/{dossier.id}/receive").status_code == 403, who


def test_a_draft_is_seen_only_by_its_producer(kim_son, login):
    dossier = start(kim_son)
    assert login(kim_son.secretary).get(f"/dossiers/{dossier.id}").status_code == 403
    assert login(kim_son.producer).get(f"/dossiers/{dossier.id}").status_code == 200


def test_another_producer_cannot_change_a_draft(kim_son, outsiders, login):
    dossier = start(kim_son)
    client = login(outsiders["another producer"])
    assert client.get(f"/dossiers/{dossier.id}/edit").status_code == 403
    assert client.post(f"/dossiers/{dossier.id}/submit", data={}).status_code == 403
    assert client.post(f"/dossiers/{dossier.id}/self-assessment", data={}).status_code == 403


def test_unknown_ids_are_404(kim_son, login):
    client = login(kim_son.producer)
    assert client.get("/dossiers/999999").status_code == 404
    assert client.get("/dossiers/documents/999999").status_code == 404
