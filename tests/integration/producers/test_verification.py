"""Issue 13, item 9: a self-registered organisation's tax code is verified by the staff of its
area before it submits; staff elsewhere, and the producer itself, cannot verify it."""

import io

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.producers.models import Organisation, OrganisationState
from evalapp.units.models import UnitLevel
from tests.factories import make_organisation, make_producer, make_unit, make_user
from tests.integration.dossiers.conftest import pdf_bytes
from tests.integration.faults import is_missing_file_page, lose_stored_file
from tests.integration.producers.helpers import exe_bytes


@pytest.fixture
def pending(commune):
    organisation = make_organisation(
        commune, name="HTX Tự Đăng Ký", state=OrganisationState.PENDING
    )
    producer = make_producer(organisation)
    db.session.commit()
    return organisation, producer


@pytest.fixture
def officer(commune):
    return make_user(Role.COMMUNE_OFFICER, unit=commune, full_name="Cán bộ Xã Hiếu Lâm")


@pytest.fixture
def secretary(province):
    return make_user(Role.SECRETARY, unit=province)


@pytest.fixture
def stranger(app):
    """A secretary of another province."""
    other = make_unit("Tỉnh Khác Thử", code="KT")
    return make_user(Role.SECRETARY, unit=other)


def upload(client, data: bytes | None = None, name: str = "Giấy chứng nhận ĐKKD.pdf"):
    file = FileStorage(io.BytesIO(data or pdf_bytes()), filename=name)
    return client.post(
        "/producers/organisation/document",
        data={"registration_document": file},
        content_type="multipart/form-data",
    )


def subjects_for(user) -> list[str]:
    return list(
        db.session.scalars(select(Notification.subject).where(Notification.user_id == user.id))
    )


def test_the_certificate_reaches_the_communes_queue(client, auth, pending, officer, secretary):
    organisation, producer = pending
    auth.login(producer)
    assert "Chủ thể chưa được xác minh" in client.get("/producers/organisation").text

    response = upload(client)

    assert response.status_code == 302
    assert "Chờ xác minh" in client.get("/producers/organisation").text
    assert "Tổ chức chờ xác minh" in subjects_for(officer)
    assert "Tổ chức chờ xác minh" in subjects_for(secretary)
    auth.logout()
    auth.login(officer)
    queue = client.get("/producers/staff/verification").text
    assert "HTX Tự Đăng Ký" in queue and "Đã tải lên" in queue
    review = client.get(f"/producers/staff/verification/{organisation.id}").text
    assert "Giấy chứng nhận ĐKKD.pdf" in review and organisation.tax_code in review
    document = client.get(f"/producers/organisations/{organisation.id}/registration-document")
    document.close()
    assert document.status_code == 200 and document.mimetype == "application/pdf"


def test_a_file_that_is_not_a_pdf_or_image_is_refused_and_nothing_is_kept(client, auth, pending):
    organisation, producer = pending
    auth.login(producer)

    response = upload(client, exe_bytes(), "giay-phep.pdf")

    assert response.status_code == 400
    assert 'id="registration_document-error"' in response.text
    db.session.refresh(organisation)
    assert organisation.registration_document is None


def submitted_document(client, auth, pending):
    organisation, producer = pending
    auth.login(producer)
    upload(client)
    auth.logout()
    return organisation, producer


def test_staff_of_the_province_verify_and_the_producer_is_told(client, auth, pending, secretary):
    organisation, producer = submitted_document(client, auth, pending)
    auth.login(secretary)
    assert "Chờ xác minh" in client.get("/producers/staff/organisations").text

    response = client.post(f"/producers/staff/verification/{organisation.id}/verify")

    assert response.status_code == 302
    db.session.refresh(organisation)
    assert organisation.state is OrganisationState.VERIFIED and organisation.verified_at
    assert "Chủ thể đã được xác minh" in subjects_for(producer)
    entry = db.session.scalar(
        select(AuditEntry).where(AuditEntry.action == "organisation.verified")
    )
    assert entry.actor_id == secretary.id and entry.object_id == str(organisation.id)
    queue = client.get("/producers/staff/verification").text
    assert "Đã xác minh chủ thể HTX Tự Đăng Ký." in queue  # the flash
    assert 'id="pending"' in queue and "Không có chủ thể nào chờ xác minh." in queue


def test_a_refusal_needs_a_reason_and_the_producer_may_upload_again(client, auth, pending, officer):
    organisation, producer = submitted_document(client, auth, pending)
    auth.login(officer)
    url = f"/producers/staff/verification/{organisation.id}/refuse"
    assert client.post(url, data={"reason": " "}).status_code == 400

    client.post(url, data={"reason": "Giấy chứng nhận mang tên tổ chức khác"})

    db.session.refresh(organisation)
    assert organisation.state is OrganisationState.REFUSED
    assert "Giấy chứng nhận đăng ký chưa được chấp nhận" in subjects_for(producer)
    auth.logout()
    auth.login(producer)
    assert "Giấy chứng nhận mang tên tổ chức khác" in client.get("/producers/organisation").text
    upload(client)
    db.session.refresh(organisation)
    assert organisation.state is OrganisationState.PENDING


def test_staff_of_another_unit_neither_see_nor_verify(client, auth, pending, stranger):
    organisation, _ = submitted_document(client, auth, pending)
    auth.login(stranger)

    assert "HTX Tự Đăng Ký" not in client.get("/producers/staff/verification").text
    assert client.get(f"/producers/staff/verification/{organisation.id}").status_code == 403
    document = client.get(f"/producers/organisations/{organisation.id}/registration-document")
    assert document.status_code == 403
    assert client.post(f"/producers/staff/verification/{organisation.id}/verify").status_code == 403
    db.session.refresh(organisation)
    assert organisation.state is OrganisationState.PENDING


def test_a_producer_cannot_verify_its_own_organisation(client, auth, pending):
    organisation, producer = submitted_document(client, auth, pending)
    auth.login(producer)

    response = client.post(f"/producers/staff/verification/{organisation.id}/verify")

    assert response.status_code == 403
    db.session.refresh(organisation)
    assert organisation.state is OrganisationState.PENDING


def test_a_commune_officer_of_another_commune_cannot_verify(client, auth, province, pending):
    organisation, _ = submitted_document(client, auth, pending)
    neighbour = make_unit("Xã Bên Cạnh", UnitLevel.COMMUNE, parent=province, code="HNT-BC")
    auth.login(make_user(Role.COMMUNE_OFFICER, unit=neighbour))

    assert client.post(f"/producers/staff/verification/{organisation.id}/verify").status_code == 403


def test_an_organisation_the_staff_create_is_verified(client, auth, commune, secretary):
    auth.login(secretary)
    client.post(
        "/producers/staff/organisations/new",
        data={
            "name": "HTX Do Cán Bộ Tạo",
            "legal_form": "cooperative",
            "tax_code": "0707777777",
            "address": "Thôn 1",
            "commune": str(commune.id),
            "representative_name": "Lê Văn Đại",
            "phone": "0912 345 678",
            "contact_email": "htx@vi-du.vn",
        },
    )
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.tax_code == "0707777777")
    )
    assert organisation.state is OrganisationState.VERIFIED


def test_changing_the_tax_code_of_a_verified_organisation_needs_a_new_verification(
    client, auth, commune
):
    organisation = make_organisation(commune, name="HTX Đã Xác Minh")
    producer = make_producer(organisation)
    auth.login(producer)
    data = {
        "name": "HTX Đã Xác Minh",
        "legal_form": "cooperative",
        "tax_code": "0708888888",
        "address": "Thôn 1",
        "commune": str(commune.id),
        "representative_name": "Lê Văn Đại",
        "phone": "0912 345 678",
        "contact_email": "htx@vi-du.vn",
    }

    client.post("/producers/organisation/edit", data=data)

    db.session.refresh(organisation)
    assert organisation.tax_code == "0708888888"
    assert organisation.state is OrganisationState.PENDING


def test_a_registration_document_missing_from_the_storage_is_a_clear_404(
    client, auth, pending, officer
):
    """Issue 16: a database restored without its stored files; the review page still opens."""
    organisation, producer = pending
    auth.login(producer)
    upload(client)
    auth.logout()
    db.session.expire_all()
    lose_stored_file(organisation.registration_document)
    auth.login(officer)

    response = client.get(f"/producers/organisations/{organisation.id}/registration-document")

    assert is_missing_file_page(response, "Giấy chứng nhận ĐKKD.pdf")
    assert client.get(f"/producers/staff/verification/{organisation.id}").status_code == 200
