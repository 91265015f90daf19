"""Issue 13, item 9: a tax code someone else registered can be disputed; the staff of the
holder's area uphold the dispute (the holder is suspended and loses the code, the claimant
takes it, verified) or reject it with a reason; both parties are told."""

import io

import pytest
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from evalapp.auth.models import Role, User
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.producers.models import DisputeState, Organisation, OrganisationState, TaxCodeDispute
from evalapp.producers.verification import submission_problem
from tests.factories import (
    make_organisation,
    make_producer,
    make_product,
    make_unit,
    make_user,
)
from tests.integration.dossiers.conftest import pdf_bytes
from tests.integration.faults import is_missing_file_page, lose_stored_file
from tests.integration.producers.test_registration import form_data

TAX_CODE = "0701234567"


@pytest.fixture
def squatter(commune):
    organisation = make_organisation(
        commune, name="HTX Chiếm Mã Số", tax_code=TAX_CODE, state=OrganisationState.PENDING
    )
    return organisation, make_producer(organisation)


@pytest.fixture
def officer(commune):
    return make_user(Role.COMMUNE_OFFICER, unit=commune)


def dispute_data(commune, **changes) -> dict:
    return {
        **form_data(commune, tax_code=TAX_CODE),
        "statement": "Mã số thuế này là của HTX chúng tôi từ 2019. Liên hệ 0912 345 678.",
        "file_dispute": "1",
        "registration_document": FileStorage(io.BytesIO(pdf_bytes()), filename="GCN-HTX.pdf"),
        **changes,
    }


def file(client, commune, **changes):
    return client.post(
        "/producers/register",
        data=dispute_data(commune, **changes),
        content_type="multipart/form-data",
    )


def subjects_for(user) -> list[str]:
    return list(
        db.session.scalars(select(Notification.subject).where(Notification.user_id == user.id))
    )


def test_a_dispute_is_filed_for_the_holders_staff_without_naming_the_holder(
    client, commune, squatter, officer
):
    response = file(client, commune)

    assert response.headers["Location"].endswith("/producers/registered")
    page = client.get("/producers/registered").text
    assert "Đã gửi khiếu nại quyền sử dụng mã số thuế." in page
    assert "HTX Chiếm Mã Số" not in page
    dispute = db.session.scalars(select(TaxCodeDispute)).one()
    assert (dispute.tax_code, dispute.holder, dispute.state) == (
        TAX_CODE,
        squatter[0],
        DisputeState.OPEN,
    )
    claimant = dispute.claimant
    assert claimant.state is OrganisationState.CLAIMING and claimant.tax_code is None
    assert squatter[0].tax_code == TAX_CODE
    assert "Khiếu nại quyền sử dụng mã số thuế" in subjects_for(officer)
    # The holder is not tipped off before the staff decide.
    assert subjects_for(squatter[1]) == []


def test_a_dispute_needs_the_registration_certificate(client, commune, squatter):
    response = file(client, commune, registration_document=None)

    assert response.status_code == 200
    assert 'id="registration_document-error"' in response.text
    assert "Vui lòng tải lên giấy chứng nhận đăng ký để khiếu nại." in response.text
    assert db.session.scalars(select(TaxCodeDispute)).all() == []
    assert db.session.scalar(select(User).where(User.email == "lan.nguyen@vi-du.vn")) is None


def filed(client, commune) -> TaxCodeDispute:
    file(client, commune)
    return db.session.scalars(select(TaxCodeDispute)).one()


def test_upheld_the_holder_is_suspended_and_the_claimant_takes_the_tax_code(
    client, auth, commune, squatter, officer
):
    holder, holder_producer = squatter
    product = make_product(holder, "Giỏ đay của tổ chức bị đình chỉ")
    db.session.commit()
    dispute = filed(client, commune)
    claimant = dispute.claimant
    auth.login(officer)
    page = client.get(f"/producers/staff/disputes/{dispute.id}").text
    assert "HTX Chiếm Mã Số" in page and "Mã số thuế này là của HTX chúng tôi" in page

    response = client.post(
        f"/producers/staff/disputes/{dispute.id}/uphold",
        data={"reason": "Giấy chứng nhận đăng ký HTX khớp mã số thuế"},
    )

    assert response.status_code == 302
    db.session.refresh(holder)
    db.session.refresh(claimant)
    assert (holder.state, holder.tax_code) == (OrganisationState.SUSPENDED, None)
    assert (claimant.state, claimant.tax_code) == (OrganisationState.VERIFIED, TAX_CODE)
    assert claimant.registration_document == dispute.document
    assert "không thể nộp hồ sơ" in submission_problem(holder)
    assert [p.name for p in holder.products] == [product.name]  # nothing of the holder is deleted
    claimant_user = db.session.scalar(select(User).where(User.email == "lan.nguyen@vi-du.vn"))
    assert "Khiếu nại về mã số thuế được chấp nhận" in subjects_for(claimant_user)
    assert "Chủ thể bị đình chỉ do khiếu nại về mã số thuế" in subjects_for(holder_producer)
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"tax_code.dispute_upheld", "organisation.suspended", "organisation.verified"} <= actions


def test_rejected_the_claimant_is_told_why_and_the_holder_keeps_the_code(
    client, auth, commune, squatter, officer
):
    holder, holder_producer = squatter
    dispute = filed(client, commune)
    auth.login(officer)
    url = f"/producers/staff/disputes/{dispute.id}/reject"
    assert client.post(url, data={"reason": ""}).status_code == 400

    client.post(url, data={"reason": "Giấy chứng nhận mang mã số thuế khác"})

    db.session.refresh(dispute)
    assert dispute.state is DisputeState.REJECTED
    assert holder.tax_code == TAX_CODE
    assert dispute.claimant.state is OrganisationState.REFUSED
    claimant_user = db.session.scalar(select(User).where(User.email == "lan.nguyen@vi-du.vn"))
    assert "Khiếu nại về mã số thuế bị bác" in subjects_for(claimant_user)
    assert "Khiếu nại về mã số thuế của chủ thể đã bị bác" in subjects_for(holder_producer)
    assert client.post(url, data={"reason": "lần nữa"}).status_code == 403  # decided


def test_staff_of_another_unit_and_the_parties_cannot_see_or_decide(
    client, auth, commune, squatter
):
    dispute = filed(client, commune)
    stranger = make_user(Role.SECRETARY, unit=make_unit("Tỉnh Khác Thử", code="KT"))
    for user in (stranger, squatter[1]):
        auth.login(user)
        assert client.get(f"/producers/staff/disputes/{dispute.id}").status_code == 403
        response = client.post(
            f"/producers/staff/disputes/{dispute.id}/uphold", data={"reason": "tự quyết"}
        )
        assert response.status_code == 403
        queue = client.get("/producers/staff/verification")
        assert f"/producers/staff/disputes/{dispute.id}" not in queue.text
        auth.logout()
    db.session.refresh(dispute)
    assert dispute.state is DisputeState.OPEN
    assert (
        db.session.scalar(select(Organisation.tax_code).where(Organisation.id == squatter[0].id))
        == TAX_CODE
    )


def test_a_dispute_document_missing_from_the_storage_is_a_clear_404(
    client, auth, commune, squatter, officer
):
    """Issue 16: a database restored without its stored files; the dispute still opens."""
    file(client, commune)
    dispute = db.session.scalars(select(TaxCodeDispute)).one()
    lose_stored_file(dispute.document)
    auth.logout()
    auth.login(officer)

    response = client.get(f"/producers/staff/disputes/{dispute.id}/document")

    assert is_missing_file_page(response, "GCN-HTX.pdf")
    assert client.get(f"/producers/staff/disputes/{dispute.id}").status_code == 200
