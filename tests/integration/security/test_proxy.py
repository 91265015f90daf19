"""Behind a reverse proxy (issue 16, item 1): with `PROXY_HOPS` the app sees each client's own
address, so one office's council does not share one login allowance, and a client cannot pick
its address by writing X-Forwarded-For itself. (The same through a real nginx:
test_reverse_proxy.py.)"""

import re

import pytest
from sqlalchemy import select

from evalapp import trust_proxies
from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD
from tests.factories import make_user

PROXY = "10.0.0.2"  # the address the app sees: the reverse proxy's


@pytest.fixture
def proxied(app):
    app.config["PROXY_HOPS"] = 1
    trust_proxies(app)
    return app


def attempt(client, email, password="sai-mật-khẩu", forwarded_for=None):
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    return client.post(
        "/auth/login",
        data={"email": email, "password": password},
        headers=headers,
        environ_base={"REMOTE_ADDR": PROXY},
    )


def test_each_client_behind_the_proxy_has_its_own_address_allowance(proxied):
    proxied.config["LOGIN_ADDRESS_RATE_LIMIT"] = "3 per minute"
    client = proxied.test_client()
    codes = [
        attempt(client, f"a{n}@vi-du.vn", forwarded_for="203.0.113.7").status_code for n in range(4)
    ]
    assert codes == [200, 200, 200, 429]

    assert attempt(client, "b@vi-du.vn", forwarded_for="203.0.113.8").status_code == 200


def test_an_address_the_client_wrote_itself_is_not_believed(proxied):
    proxied.config["LOGIN_ADDRESS_RATE_LIMIT"] = "3 per minute"
    client = proxied.test_client()
    for n in range(3):  # a new invented address each time, the proxy appends the real one
        forged = f"198.51.100.{n}, 203.0.113.7"
        assert attempt(client, f"a{n}@vi-du.vn", forwarded_for=forged).status_code == 200

    assert (
        attempt(client, "x@vi-du.vn", forwarded_for="198.51.100.9, 203.0.113.7").status_code == 429
    )


def test_without_proxy_hops_forwarded_addresses_are_ignored(app):
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "2 per minute"
    client = app.test_client()
    codes = [
        attempt(client, f"a{n}@vi-du.vn", forwarded_for=f"203.0.113.{n}").status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_the_audit_log_records_the_client_not_the_proxy(proxied):
    user = make_user(Role.COUNCIL_MEMBER)
    db.session.commit()
    response = attempt(
        proxied.test_client(), user.email, TEST_PASSWORD, forwarded_for="203.0.113.7"
    )

    assert response.status_code == 302
    entry = db.session.scalars(select(AuditEntry).filter_by(action="auth.login")).one()
    assert entry.ip_address == "203.0.113.7"


def test_a_council_logging_in_from_one_office_is_not_locked_out(app):
    """Ten members behind one address log in within a minute with the shipped limits; one
    account guessed at is still stopped after five tries."""
    app.config["LOGIN_RATE_LIMIT"] = "5 per minute;30 per hour"
    app.config["LOGIN_ADDRESS_RATE_LIMIT"] = "60 per minute;600 per hour"
    members = [make_user(Role.COUNCIL_MEMBER) for _ in range(10)]
    guessed = make_user(Role.COUNCIL_MEMBER)
    db.session.commit()
    codes = [attempt(app.test_client(), m.email, TEST_PASSWORD).status_code for m in members]
    assert codes == [302] * 10

    client = app.test_client()
    guesses = [attempt(client, guessed.email).status_code for _ in range(5)]
    assert guesses == [200] * 5
    assert attempt(client, guessed.email, TEST_PASSWORD).status_code == 429


@pytest.fixture
def production_cookies(app):
    app.config.update(WTF_CSRF_ENABLED=True, SESSION_COOKIE_SECURE=True)
    app.config["PUBLIC_BASE_URL"] = "https://ocop.vi-du.vn"
    return app


def test_a_form_over_plain_http_with_secure_cookies_says_to_use_https(production_cookies, caplog):
    response = production_cookies.test_client().post(
        "/auth/login", data={"email": "a@vi-du.vn", "password": "x"}
    )

    assert response.status_code == 400
    assert "Trang đang được mở qua HTTP không mã hóa" in response.text
    assert "https://ocop.vi-du.vn" in response.text
    assert "PROXY_HOPS" in response.text
    assert "the session cookie is Secure but the request came over HTTP" in caplog.text


def test_behind_a_proxy_that_says_https_the_session_is_not_blamed_on_http(production_cookies):
    """The proxy terminates TLS and tells the app with X-Forwarded-Proto: an expired form there
    is an expired form, and a fresh one logs in."""
    production_cookies.config["PROXY_HOPS"] = 1
    trust_proxies(production_cookies)
    user = make_user(Role.COUNCIL_MEMBER)
    db.session.commit()
    client = production_cookies.test_client()
    # the browser speaks HTTPS to the proxy, which speaks plain HTTP to the app
    through_proxy = {
        "base_url": "https://localhost",
        "environ_overrides": {"wsgi.url_scheme": "http", "REMOTE_ADDR": PROXY},
        "headers": {
            "X-Forwarded-For": "203.0.113.7",
            "X-Forwarded-Proto": "https",
            "Referer": "https://localhost/auth/login",
        },
    }
    expired = client.post("/auth/login", data={"email": user.email}, **through_proxy)
    assert expired.status_code == 400
    assert "Phiên làm việc của biểu mẫu đã hết hạn" in expired.text

    page = client.get("/auth/login", **through_proxy).text
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": TEST_PASSWORD, "csrf_token": token},
        **through_proxy,
    )
    assert response.status_code == 302


def test_an_expired_form_over_https_keeps_its_usual_message(production_cookies):
    response = production_cookies.test_client().post(
        "/auth/login", data={"email": "a@vi-du.vn"}, base_url="https://localhost"
    )
    assert response.status_code == 400
    assert "Phiên làm việc của biểu mẫu đã hết hạn" in response.text


def test_a_stolen_session_cookie_cannot_borrow_its_owners_address(app):
    """ "Strong" session protection binds a login to the browser's address: a cookie replayed
    from elsewhere with the owner's address written into X-Forwarded-For is still ended."""
    user = make_user(Role.COUNCIL_MEMBER)
    db.session.commit()
    client = app.test_client()
    owner = {"REMOTE_ADDR": "203.0.113.7"}
    client.post(
        "/auth/login", data={"email": user.email, "password": TEST_PASSWORD}, environ_base=owner
    )
    assert client.get("/notifications/", environ_base=owner).status_code == 200

    stolen = client.get(
        "/notifications/",
        environ_base={"REMOTE_ADDR": "198.51.100.1"},
        headers={"X-Forwarded-For": "203.0.113.7"},
    )

    assert stolen.status_code == 302
    assert "/auth/login" in stolen.headers["Location"]


def test_logins_made_before_the_change_keep_their_identifier(app):
    from flask_login.utils import _create_identifier

    from evalapp.auth.sessions import session_identifier

    with app.test_request_context(
        environ_base={"REMOTE_ADDR": "203.0.113.7"}, headers={"User-Agent": "Firefox/140"}
    ):
        assert session_identifier() == _create_identifier()
