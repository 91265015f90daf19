"""Issue 13, item 9: an organisation whose tax code is not verified prepares its dossier but
cannot submit it, and the dossier page says why and what to do."""

from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.producers.models import OrganisationState
from tests.integration.dossiers.conftest import complete, start

SUBMIT = {"declaration_name": "Phạm Thị Hiếu", "declaration": "y"}


def test_a_pending_organisation_prepares_but_cannot_submit(kim_son, login):
    dossier = complete(start(kim_son), kim_son)
    kim_son.organisation.state = OrganisationState.PENDING
    db.session.commit()
    client = login(kim_son.producer)

    page = client.get(f"/dossiers/{dossier.id}/edit").text
    response = client.post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)

    assert 'id="organisation-unverified"' in page
    assert "hãy tải lên giấy chứng nhận đăng ký" in page
    assert "Chủ thể chưa được xác minh" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.DRAFT and dossier.receipt_code is None


def test_a_suspended_organisation_cannot_submit(kim_son, login):
    dossier = complete(start(kim_son), kim_son)
    kim_son.organisation.state = OrganisationState.SUSPENDED
    db.session.commit()

    response = login(kim_son.producer).post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)

    assert "Chủ thể đã bị đình chỉ" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.DRAFT


def test_once_verified_the_same_dossier_is_submitted(kim_son, login):
    dossier = complete(start(kim_son), kim_son)

    response = login(kim_son.producer).post(f"/dossiers/{dossier.id}/submit", data=SUBMIT)

    assert response.status_code == 302
    db.session.refresh(dossier)
    assert dossier.state is DossierState.SUBMITTED
