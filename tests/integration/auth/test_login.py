import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD


def actions():
    return [
        entry.action for entry in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
    ]


def test_login_reaches_the_home_page_with_the_users_name(client, auth, make_user):
    user = make_user(Role.PRODUCER, full_name="Phạm Thị Hiếu")
    response = auth.login(user, follow_redirects=True)
    assert "Xin chào, Phạm Thị Hiếu" in response.text
    assert "Chủ thể OCOP" in response.text
    assert "auth.login" in actions()


@pytest.mark.parametrize(
    "email, password",
    [
        ("nobody@vi-du.vn", TEST_PASSWORD),
        ("known@vi-du.vn", "wrong-password-123"),
    ],
)
def test_wrong_credentials_get_one_message_that_reveals_nothing(
    client, auth, make_user, email, password
):
    make_user(Role.PRODUCER, email="known@vi-du.vn")
    response = auth.login(email, password)
    assert response.status_code == 200
    assert "Email hoặc mật khẩu không đúng." in response.text
    assert "auth.login_failed" in actions()


def test_email_is_matched_whatever_its_case(client, auth, make_user):
    make_user(Role.PRODUCER, email="hoa@vi-du.vn")
    assert auth.login("  HOA@Vi-Du.vn ").status_code == 302


def test_deactivated_account_cannot_log_in(client, auth, make_user):
    user = make_user(Role.PRODUCER, is_active=False)
    assert "Email hoặc mật khẩu không đúng." in auth.login(user).text


def test_empty_form_gets_messages_next_to_the_fields(client):
    response = client.post("/auth/login", data={"email": "", "password": ""})
    assert response.text.count("Vui lòng nhập trường này.") == 2


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/admin/users", "/admin/users"),
        ("https://evil.example/phish", "/"),
        ("//evil.example/phish", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_redirects_only_to_local_paths(client, auth, make_user, target, expected):
    user = make_user(Role.ADMIN)
    response = auth.login(user, query_string={"next": target})
    assert response.headers["Location"] == expected


def test_logout_really_ends_the_session(client, auth, make_user):
    user = make_user(Role.PRODUCER)
    auth.login(user)
    stolen_cookie = client.get_cookie("session").value
    auth.logout()
    client.set_cookie("session", stolen_cookie)
    response = client.get("/auth/password")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_password_change_ends_other_sessions_and_keeps_this_one(app, auth, make_user):
    user = make_user(Role.PRODUCER)
    other_device = app.test_client()
    other_device.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    auth.login(user)
    response = auth.client.post(
        "/auth/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "Một mật khẩu mới dài",
            "confirm_password": "Một mật khẩu mới dài",
        },
        follow_redirects=True,
    )
    assert "Đã đổi mật khẩu" in response.text
    assert auth.client.get("/auth/password").status_code == 200
    assert other_device.get("/auth/password").status_code == 302
    assert "auth.password_changed" in actions()


@pytest.mark.parametrize(
    "current, new, message",
    [
        ("sai-mat-khau-roi", "Một mật khẩu mới dài", "Mật khẩu hiện tại không đúng."),
        (TEST_PASSWORD, "ngắn", "Mật khẩu phải có ít nhất 12 ký tự."),
        (TEST_PASSWORD, TEST_PASSWORD, "Mật khẩu mới phải khác mật khẩu hiện tại."),
        (TEST_PASSWORD, "aaaaaaaaaaaaaaaa", "Mật khẩu quá đơn giản"),
    ],
)
def test_password_change_refusals_are_explained(client, auth, make_user, current, new, message):
    user = make_user(Role.PRODUCER)
    auth.login(user)
    response = client.post(
        "/auth/password",
        data={"current_password": current, "new_password": new, "confirm_password": new},
    )
    assert message in response.text
    assert auth.logout().status_code == 302
    assert auth.login(user).status_code == 302  # the old password still works


def test_temporary_password_must_be_changed_before_anything_else(client, auth, make_user):
    user = make_user(Role.ADMIN, must_change_password=True)
    auth.login(user)
    response = client.get("/admin/users")
    assert response.headers["Location"] == "/auth/password"
    client.post(
        "/auth/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": "Mật khẩu riêng của tôi",
            "confirm_password": "Mật khẩu riêng của tôi",
        },
    )
    assert client.get("/admin/users").status_code == 200


def test_login_is_throttled(app, client, make_user):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    user = make_user(Role.PRODUCER)
    for _attempt in range(3):
        assert (
            client.post("/auth/login", data={"email": user.email, "password": "x"}).status_code
            == 200
        )
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in response.text


def test_passwords_are_stored_hashed_with_the_configured_method(app, make_user):
    user = make_user(Role.PRODUCER)
    assert TEST_PASSWORD not in user.password_hash
    assert user.password_hash.startswith(app.config["PASSWORD_HASH_METHOD"] + "$")


def test_weaker_hashes_are_upgraded_at_login(app, auth, make_user):
    user = make_user(Role.PRODUCER)
    app.config["PASSWORD_HASH_METHOD"] = "pbkdf2:sha256:2000"
    auth.login(user)
    db.session.refresh(user)
    assert user.password_hash.startswith("pbkdf2:sha256:2000$")
