"""Logins end SESSION_HOURS after they began, whatever the activity; the CSRF secret changes at
login; the current-password check is throttled (issue 13, item 8)."""

import re
import time

from evalapp.auth.models import Role
from tests.conftest import TEST_PASSWORD
from tests.factories import make_user

NEW_PASSWORD = "Một mật khẩu mới dài"


def login(client, user):
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def started_hours_ago(client, hours: float) -> None:
    """Move the login's start back, as if it had happened `hours` ago (the cookie itself is
    re-signed now, so only the recorded start can end it)."""
    with client.session_transaction() as session:
        assert "login_at" in session
        session["login_at"] = time.time() - hours * 3600


def test_a_login_ends_after_session_hours_even_with_activity(app, client):
    login(client, make_user(Role.PRODUCER))
    hours = app.config["PERMANENT_SESSION_LIFETIME"].total_seconds() / 3600

    started_hours_ago(client, hours - 1)
    assert client.get("/notifications/").status_code == 200  # active and within the lifetime

    started_hours_ago(client, hours + 0.01)
    response = client.get("/notifications/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    assert client.get("/notifications/").status_code == 302  # the session is gone for good


def test_a_session_without_a_recorded_login_time_is_ended(client):
    login(client, make_user(Role.PRODUCER))
    with client.session_transaction() as session:
        del session["login_at"]
    assert client.get("/notifications/").status_code == 302


def test_the_csrf_token_taken_before_login_is_refused_after_it(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    user = make_user(Role.PRODUCER)
    page = client.get("/auth/login").text
    before = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": before},
    )
    assert response.status_code == 302

    replayed = client.post("/auth/logout", data={"csrf_token": before})

    assert replayed.status_code == 400
    page = client.get("/notifications/").text
    after = re.search(r'name="csrf-token" content="([^"]+)"', page).group(1)
    assert client.post("/auth/logout", data={"csrf_token": after}).status_code == 302


def test_the_current_password_check_is_throttled(app, client):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    user = make_user(Role.PRODUCER)
    login(client, user)
    wrong = {
        "current_password": "đoán-thử-mật-khẩu",
        "new_password": NEW_PASSWORD,
        "confirm_password": NEW_PASSWORD,
    }
    for _attempt in range(3):
        assert client.post("/auth/password", data=wrong).status_code == 200

    response = client.post("/auth/password", data={**wrong, "current_password": TEST_PASSWORD})

    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in response.text


def change(client, current: str, new: str):
    return client.post(
        "/auth/password",
        data={"current_password": current, "new_password": new, "confirm_password": new},
    )


def test_a_password_cannot_be_changed_back_to_the_previous_one(client):
    user = make_user(Role.PRODUCER)
    login(client, user)
    assert change(client, TEST_PASSWORD, NEW_PASSWORD).status_code == 302

    response = change(client, NEW_PASSWORD, TEST_PASSWORD)

    assert response.status_code == 200
    assert "Mật khẩu mới phải khác mật khẩu hiện tại và mật khẩu trước đó." in response.text
    assert change(client, NEW_PASSWORD, "Mật khẩu thứ ba dài hơn").status_code == 302
