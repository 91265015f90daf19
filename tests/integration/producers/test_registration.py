from sqlalchemy import func, select

from evalapp.auth.models import Role, User
from evalapp.common.mail import outbox_messages
from evalapp.extensions import db
from evalapp.producers import services
from evalapp.producers.models import Organisation, OrganisationState
from tests.factories import make_organisation, make_user
from tests.integration.producers.helpers import link_in

PASSWORD = "Hợp-tác-xã-2026!"


def form_data(commune, **changes) -> dict:
    return {
        "name": "Hợp tác xã Đay Hiếu Lâm",
        "legal_form": "cooperative",
        "tax_code": "0701234567",
        "address": "Thôn Hiếu Lâm",
        "commune": str(commune.id),
        "representative_name": "Trần Văn Đại",
        "representative_title": "Giám đốc",
        "phone": "0912 345 678",
        "contact_email": "htx.hieulam@vi-du.vn",
        "full_name": "Nguyễn Thị Lan",
        "email": "lan.nguyen@vi-du.vn",
        "password": PASSWORD,
        "confirm": PASSWORD,
        **changes,
    }


def error_of(html: str, field: str) -> str:
    """The text shown under a field (the `field` macro's invalid-feedback block)."""
    start = html.index(f'id="{field}-error"')
    return html[start : html.index("</div>", start)]


def test_the_register_page_lists_active_communes_by_province(client, commune):
    html = client.get("/producers/register").get_data(as_text=True)
    assert '<optgroup label="Tỉnh Hà Nam Thử">' in html
    assert "Xã Hiếu Lâm" in html


def test_registration_creates_a_pending_organisation_and_an_unverified_user(app, client, commune):
    response = client.post("/producers/register", data=form_data(commune))

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/producers/registered")
    organisation = db.session.scalars(select(Organisation)).one()
    assert (organisation.name, organisation.province.code) == ("Hợp tác xã Đay Hiếu Lâm", "HNT")
    assert organisation.state is OrganisationState.PENDING
    user = db.session.scalars(select(User).where(User.email == "lan.nguyen@vi-du.vn")).one()
    assert user.organisation_id == organisation.id and user.has_role(Role.PRODUCER)
    assert user.email_verified_at is None
    page = client.get("/producers/registered").get_data(as_text=True)
    assert "Đã đăng ký. Vui lòng mở email gửi đến lan.nguyen@vi-du.vn" in page
    # Not signed in: the page would otherwise differ from the one for a known e-mail.
    assert client.get("/producers/organisation").status_code == 302


def test_the_emailed_link_verifies_the_address(app, client, auth, commune):
    client.post("/producers/register", data=form_data(commune))
    (message,) = outbox_messages(app)
    assert message["To"] == "lan.nguyen@vi-du.vn"
    assert "Xác nhận địa chỉ email" in message["Subject"]

    page = client.get(link_in(message))

    assert page.status_code == 200
    assert "Đã xác nhận địa chỉ email lan.nguyen@vi-du.vn" in page.get_data(as_text=True)
    user = db.session.scalars(select(User).where(User.email == "lan.nguyen@vi-du.vn")).one()
    assert user.email_verified_at is not None
    auth.login("lan.nguyen@vi-du.vn", PASSWORD)
    assert "chưa được xác nhận" not in client.get("/producers/organisation").get_data(as_text=True)


def outcome(client, data) -> tuple[int, str, str]:
    """What a visitor sees after registering: the status, where it leads, that page's text."""
    response = client.post("/producers/register", data=data)
    location = response.headers.get("Location", "")
    return response.status_code, location, client.get(location).get_data(as_text=True)


def test_registering_with_a_known_email_reads_exactly_like_a_new_registration(app, client, commune):
    """Issue 13, item 9: the answer does not say whether the address has an account."""
    new = outcome(client, form_data(commune))
    again = outcome(client, form_data(commune, tax_code="0709999999", name="HTX Khác"))

    assert again == new
    assert db.session.scalar(select(func.count(Organisation.id))) == 1
    assert db.session.scalar(select(func.count(User.id))) == 1
    warning = outbox_messages(app)[-1]
    assert warning["To"] == "lan.nguyen@vi-du.vn"
    body = warning.get_content()
    assert "Ai đó vừa dùng địa chỉ này để đăng ký" in body
    assert "quên mật khẩu" in body


def test_a_known_email_of_another_account_creates_nothing_and_tells_its_owner(app, client, commune):
    make_user(email="lan.nguyen@vi-du.vn")

    status, location, page = outcome(client, form_data(commune))

    assert (status, location) == (302, "/producers/registered")
    assert "Vui lòng mở email gửi đến lan.nguyen@vi-du.vn" in page
    assert "đã được dùng" not in page
    assert db.session.scalars(select(Organisation)).all() == []
    (message,) = outbox_messages(app)
    assert "Ai đó vừa dùng địa chỉ này để đăng ký" in message.get_content()


def test_a_registered_tax_code_is_not_named_and_a_dispute_is_offered(client, commune):
    make_organisation(commune, name="Hợp tác xã Có Trước", tax_code="0701234567")
    db.session.commit()

    response = client.post("/producers/register", data=form_data(commune))

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mã số thuế 0701234567 đã được đăng ký trong hệ thống." in error_of(html, "tax_code")
    assert "Có Trước" not in html
    assert "Khiếu nại quyền sử dụng mã số thuế" in html
    assert 'value="Hợp tác xã Đay Hiếu Lâm"' in html
    assert 'value="lan.nguyen@vi-du.vn"' in html
    assert db.session.scalar(select(User).where(User.email == "lan.nguyen@vi-du.vn")) is None


def test_changing_the_tax_code_to_a_registered_one_does_not_name_its_holder(client, auth, commune):
    make_organisation(commune, name="Hợp tác xã Có Trước", tax_code="0701234567")
    mine = make_organisation(commune, name="HTX Của Tôi")
    producer = make_user(Role.PRODUCER, organisation=mine)
    auth.login(producer)
    data = form_data(commune)
    data["name"] = "HTX Của Tôi"

    html = client.post("/producers/organisation/edit", data=data).get_data(as_text=True)

    assert "đã được đăng ký trong hệ thống" in error_of(html, "tax_code")
    assert "Có Trước" not in html


def test_tax_code_format_and_password_rules_are_checked(client, commune):
    data = form_data(commune, tax_code="07012", password="ngắn", confirm="khác")

    html = client.post("/producers/register", data=data).get_data(as_text=True)

    assert "Mã số thuế gồm 10 chữ số" in error_of(html, "tax_code")
    assert "Tối thiểu 12 ký tự." in error_of(html, "password")
    assert "Hai mật khẩu không khớp." in error_of(html, "confirm")


def test_a_branch_tax_code_with_a_dash_is_accepted(client, commune):
    client.post("/producers/register", data=form_data(commune, tax_code="0701234567-001"))
    assert db.session.scalars(select(Organisation.tax_code)).one() == "0701234567-001"


def test_an_invalid_verification_link_says_so(client):
    response = client.get("/producers/verify/khong-phai-token")
    assert response.status_code == 400
    assert "Liên kết xác nhận không hợp lệ." in response.get_data(as_text=True)


def test_an_expired_verification_link_says_so(app, client, commune, monkeypatch):
    client.post("/producers/register", data=form_data(commune))
    (message,) = outbox_messages(app)
    monkeypatch.setattr(services, "TOKEN_MAX_AGE", -1)

    response = client.get(link_in(message))

    assert response.status_code == 400
    assert "Liên kết xác nhận đã hết hạn." in response.get_data(as_text=True)


def test_resend_sends_a_new_verification_email(app, client, auth, commune):
    client.post("/producers/register", data=form_data(commune))
    auth.login("lan.nguyen@vi-du.vn", PASSWORD)

    response = client.post("/producers/verify/resend", follow_redirects=True)

    assert "Đã gửi lại email xác nhận đến lan.nguyen@vi-du.vn." in response.get_data(as_text=True)
    assert len(outbox_messages(app)) == 2
