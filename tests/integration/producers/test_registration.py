from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.common.mail import outbox_messages
from evalapp.extensions import db
from evalapp.producers import services
from evalapp.producers.models import Organisation
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


def test_registration_creates_the_organisation_and_a_logged_in_unverified_user(
    app, client, commune
):
    response = client.post("/producers/register", data=form_data(commune))

    assert response.status_code == 302
    assert response.headers["Location"].endswith("/producers/organisation")
    organisation = db.session.scalars(select(Organisation)).one()
    assert (organisation.name, organisation.province.code) == ("Hợp tác xã Đay Hiếu Lâm", "HNT")
    user = db.session.scalars(select(User).where(User.email == "lan.nguyen@vi-du.vn")).one()
    assert user.organisation_id == organisation.id and user.has_role(Role.PRODUCER)
    assert user.email_verified_at is None
    page = client.get("/producers/organisation", follow_redirects=True).get_data(as_text=True)
    assert "Đã đăng ký. Vui lòng mở email" in page
    assert "chưa được xác nhận" in page
    assert "Gửi lại email xác nhận" in page


def test_the_emailed_link_verifies_the_address(app, client, commune):
    client.post("/producers/register", data=form_data(commune))
    (message,) = outbox_messages(app)
    assert message["To"] == "lan.nguyen@vi-du.vn"
    assert "Xác nhận địa chỉ email" in message["Subject"]

    page = client.get(link_in(message))

    assert page.status_code == 200
    assert "Đã xác nhận địa chỉ email lan.nguyen@vi-du.vn" in page.get_data(as_text=True)
    user = db.session.scalars(select(User).where(User.email == "lan.nguyen@vi-du.vn")).one()
    assert user.email_verified_at is not None
    assert "chưa được xác nhận" not in client.get("/producers/organisation").get_data(as_text=True)


def test_a_duplicate_tax_code_is_refused_next_to_the_field_keeping_what_was_typed(client, commune):
    make_organisation(commune, name="Hợp tác xã Có Trước", tax_code="0701234567")
    db.session.commit()

    response = client.post("/producers/register", data=form_data(commune))

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Mã số thuế 0701234567 đã được đăng ký cho Hợp tác xã Có Trước." in error_of(
        html, "tax_code"
    )
    assert 'value="Hợp tác xã Đay Hiếu Lâm"' in html
    assert 'value="lan.nguyen@vi-du.vn"' in html
    assert db.session.scalar(select(User).where(User.email == "lan.nguyen@vi-du.vn")) is None


def test_a_duplicate_email_is_refused_next_to_the_field_and_nothing_is_kept(client, commune):
    make_user(email="lan.nguyen@vi-du.vn")

    response = client.post("/producers/register", data=form_data(commune))

    html = response.get_data(as_text=True)
    assert "Email lan.nguyen@vi-du.vn đã được dùng cho một tài khoản khác." in error_of(
        html, "email"
    )
    assert 'value="0701234567"' in html
    assert db.session.scalars(select(Organisation)).all() == []


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


def test_resend_sends_a_new_verification_email(app, client, commune):
    client.post("/producers/register", data=form_data(commune))

    response = client.post("/producers/verify/resend", follow_redirects=True)

    assert "Đã gửi lại email xác nhận đến lan.nguyen@vi-du.vn." in response.get_data(as_text=True)
    assert len(outbox_messages(app)) == 2
