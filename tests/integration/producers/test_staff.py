from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.common.mail import outbox_messages
from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.units.models import UnitLevel
from tests.factories import make_organisation, make_producer, make_unit, make_user
from tests.integration.producers.helpers import link_in

NEW_PASSWORD = "Mật-khẩu-mới-2026"


def organisation_data(commune, **changes) -> dict:
    return {
        "name": "Tổ hợp tác Mây tre Hiếu Lâm",
        "legal_form": "cooperative_group",
        "tax_code": "0709876543",
        "address": "Thôn 2",
        "commune": str(commune.id),
        "representative_name": "Lê Văn Tổ",
        "phone": "0987654321",
        "contact_email": "thtmaytre@vi-du.vn",
        **changes,
    }


def test_a_secretary_creates_an_organisation_in_a_commune_of_the_unit(
    client, auth, province, commune
):
    auth.login(make_user(Role.SECRETARY, unit=province))

    response = client.post("/producers/staff/organisations/new", data=organisation_data(commune))

    organisation = db.session.scalars(select(Organisation)).one()
    assert response.headers["Location"].endswith(f"/staff/organisations/{organisation.id}")
    assert organisation.commune_id == commune.id
    listing = client.get("/producers/staff/organisations?q=0709").get_data(as_text=True)
    assert "Tổ hợp tác Mây tre Hiếu Lâm" in listing


def test_a_secretary_cannot_place_an_organisation_in_another_province(
    client, auth, province, commune
):
    elsewhere = make_unit("Xã Khác", UnitLevel.COMMUNE, parent=make_unit("Tỉnh Khác"))
    db.session.commit()
    auth.login(make_user(Role.SECRETARY, unit=province))

    form = client.get("/producers/staff/organisations/new").get_data(as_text=True)
    response = client.post("/producers/staff/organisations/new", data=organisation_data(elsewhere))

    assert "Xã Khác" not in form and "Xã Hiếu Lâm" in form
    assert "Vui lòng chọn một giá trị trong danh sách." in response.get_data(as_text=True)
    assert db.session.scalars(select(Organisation)).all() == []


def test_the_staff_list_shows_only_the_unit_s_organisations(client, auth, province, commune):
    make_organisation(commune, name="HTX Trong Tỉnh")
    make_organisation(name="HTX Tỉnh Khác")
    db.session.commit()
    auth.login(make_user(Role.SECRETARY, unit=province))

    html = client.get("/producers/staff/organisations").get_data(as_text=True)

    assert "HTX Trong Tỉnh" in html and "HTX Tỉnh Khác" not in html


def invite(client, organisation, email="moi.nguoi@vi-du.vn"):
    return client.post(
        f"/producers/organisations/{organisation.id}/invite",
        data={"full_name": "Phạm Thị Mời", "email": email},
    )


def test_an_invited_user_sets_a_password_and_is_logged_in_once(
    app, client, auth, province, commune
):
    organisation = make_organisation(commune)
    auth.login(make_user(Role.SECRETARY, unit=province))
    assert invite(client, organisation).status_code == 302
    auth.logout()
    message = outbox_messages(app)[-1]
    assert message["To"] == "moi.nguoi@vi-du.vn"
    link = link_in(message)

    assert "Phạm Thị Mời" in client.get(link).get_data(as_text=True)
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert response.headers["Location"].endswith("/producers/organisation")
    assert organisation.name in client.get("/producers/organisation").get_data(as_text=True)
    user = db.session.scalars(select(User).where(User.email == "moi.nguoi@vi-du.vn")).one()
    assert user.organisation_id == organisation.id and user.email_verified_at is not None
    auth.logout()
    again = client.get(link)
    assert again.status_code == 400
    assert "Lời mời không hợp lệ hoặc đã được sử dụng." in again.get_data(as_text=True)
    assert auth.login("moi.nguoi@vi-du.vn", NEW_PASSWORD).status_code == 302


def test_a_producer_invites_a_colleague_and_a_taken_email_is_refused(client, auth, commune):
    producer = make_producer(make_organisation(commune))
    auth.login(producer)

    assert invite(client, producer.organisation).status_code == 302
    response = invite(client, producer.organisation, email=producer.email)

    assert response.status_code == 400
    assert "đã được dùng cho một tài khoản khác" in response.get_data(as_text=True)


def test_invitations_stay_within_the_organisation_and_the_unit(client, auth, commune):
    organisation = make_organisation(commune)
    other_secretary = make_user(Role.SECRETARY, unit=make_unit("Tỉnh Khác"))
    auth.login(make_producer())
    assert invite(client, organisation).status_code == 403
    auth.logout()
    auth.login(other_secretary)
    assert invite(client, organisation).status_code == 403
    assert client.get(f"/producers/staff/organisations/{organisation.id}").status_code == 403
    assert db.session.scalar(select(User).where(User.email == "moi.nguoi@vi-du.vn")) is None
