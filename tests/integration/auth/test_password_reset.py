"""Self-service password reset by e-mail (issue 13): one answer for every address, a link that
works once and for an hour, the change-password policy, every session ended, throttled."""

import re
import time
from urllib.parse import urlsplit

import pytest
from huey.storage import MemoryStorage
from itsdangerous import TimestampSigner
from sqlalchemy import select

from evalapp.auth import services as accounts
from evalapp.auth.models import Role
from evalapp.auth.password_reset import reset_link
from evalapp.common.audit import AuditEntry
from evalapp.common.jobs import huey
from evalapp.common.mail import outbox_messages
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD

SENT = (
    "Nếu địa chỉ này có tài khoản, chúng tôi đã gửi liên kết đặt lại mật khẩu."
    " Liên kết có hiệu lực trong 60 phút."
)
NEW_PASSWORD = "Một mật khẩu mới dài"
LINK = re.compile(r"https?://\S+/auth/password/reset/\S+")


def ask(client, email, **kwargs):
    return client.post("/auth/password/forgot", data={"email": email}, **kwargs)


def reset_links(app, to):
    return [
        LINK.search(message.get_content()).group(0)
        for message in outbox_messages(app)
        if message["To"] == to and message["Subject"] == "Đặt lại mật khẩu"
    ]


def path(link):
    return urlsplit(link).path


def choose(client, link, new=NEW_PASSWORD, confirm=None, **kwargs):
    data = {"new_password": new, "confirm_password": new if confirm is None else confirm}
    return client.post(path(link), data=data, **kwargs)


def actions():
    return [entry.action for entry in db.session.scalars(select(AuditEntry))]


@pytest.fixture
def member(make_user):
    return make_user(Role.COUNCIL_MEMBER, email="thanhvien@vi-du.vn")


@pytest.fixture
def link(app, client, member):
    ask(client, member.email)
    return reset_links(app, member.email)[0]


def test_the_login_page_offers_the_way_back(client):
    response = client.get("/auth/login")
    assert "Quên mật khẩu?" in response.text
    assert 'href="/auth/password/forgot"' in response.text
    assert "Email" in client.get("/auth/password/forgot").text


def test_every_address_gets_the_same_answer_and_only_an_active_account_an_email(
    app, client, member, make_user
):
    make_user(Role.PRODUCER, email="dakhoa@vi-du.vn", is_active=False)
    accounts.create_invited_user("moi@vi-du.vn", "Người được mời", {Role.PRODUCER})
    db.session.commit()
    answers = {
        email: ask(client, email)
        for email in ("thanhvien@vi-du.vn", "khongai@vi-du.vn", "dakhoa@vi-du.vn", "moi@vi-du.vn")
    }
    assert {response.status_code for response in answers.values()} == {200}
    assert len({response.text for response in answers.values()}) == 1
    assert SENT in answers["khongai@vi-du.vn"].text
    assert [message["To"] for message in outbox_messages(app)] == ["thanhvien@vi-du.vn"]
    assert "user.password_reset_requested" in actions()


def test_the_answer_only_queues_a_job_so_it_takes_as_long_for_every_address(
    app, client, member, monkeypatch
):
    """With a job worker (production), no e-mail leaves during the request: known and unknown
    addresses cost the request the same, and the worker sends the one e-mail."""
    monkeypatch.setattr(huey, "_immediate", False)
    monkeypatch.setattr(huey, "storage", MemoryStorage("evalapp-test"))
    assert SENT in ask(client, member.email).text
    assert SENT in ask(client, "khongai@vi-du.vn").text
    assert outbox_messages(app) == []
    assert huey.pending_count() == 2
    while (job := huey.dequeue()) is not None:
        huey.execute(job)
    assert [message["To"] for message in outbox_messages(app)] == [member.email]


def test_the_link_is_on_the_public_address_whatever_the_host_header(app, client, member):
    app.config["PUBLIC_BASE_URL"] = "https://ocop.example.gov.vn"
    ask(client, "  ThanhVien@Vi-Du.vn ", headers={"Host": "evil.example"})
    (link,) = reset_links(app, member.email)
    assert link.startswith("https://ocop.example.gov.vn/auth/password/reset/")
    assert "evil.example" not in outbox_messages(app)[0].get_content()


def test_the_link_sets_a_new_password_once_and_ends_every_session(app, auth, member, link):
    other_device = app.test_client()
    other_device.post("/auth/login", data={"email": member.email, "password": TEST_PASSWORD})
    assert other_device.get("/auth/password").status_code == 200

    page = auth.client.get(path(link))
    assert "Chọn mật khẩu mới cho tài khoản thanhvien@vi-du.vn." in page.text
    response = choose(auth.client, link, follow_redirects=True)
    assert response.request.path == "/auth/login"
    assert "Đã đặt lại mật khẩu. Vui lòng đăng nhập bằng mật khẩu mới." in response.text

    assert other_device.get("/auth/password").status_code == 302
    assert "user.password_reset_self" in actions()
    told = [m for m in outbox_messages(app) if m["Subject"] == "Mật khẩu của bạn vừa được đặt lại"]
    assert [m["To"] for m in told] == [member.email]
    assert "Email hoặc mật khẩu không đúng." in auth.login(member).text
    assert auth.login(member, NEW_PASSWORD).status_code == 302

    again = choose(app.test_client(), link, "Lại một mật khẩu khác nữa")
    assert again.status_code == 400
    assert "Liên kết đặt lại mật khẩu đã được dùng hoặc không còn hiệu lực." in again.text
    assert 'href="/auth/password/forgot"' in again.text


def test_a_link_stops_working_after_sixty_minutes(app, client, member, monkeypatch):
    issued = time.time()
    with monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: int(issued) - 59 * 60)
        fresh = reset_link(member)
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: int(issued) - 61 * 60)
        old = reset_link(member)
    assert client.get(path(fresh)).status_code == 200
    response = client.get(path(old))
    assert response.status_code == 400
    assert "Liên kết đặt lại mật khẩu đã hết hạn." in response.text
    assert choose(client, old).status_code == 400
    assert "user.password_reset_self" not in actions()


def test_a_link_stops_working_once_the_password_changes_another_way(app, auth, member, link):
    auth.login(member)
    auth.client.post(
        "/auth/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    response = app.test_client().get(path(link))
    assert response.status_code == 400
    assert "đã được dùng hoặc không còn hiệu lực" in response.text


def test_a_deactivated_account_cannot_use_a_link_sent_before(app, client, member, link):
    member.is_active = False
    db.session.commit()
    assert client.get(path(link)).status_code == 400


@pytest.mark.parametrize("token", ["x", "tampered", "other-salt"])
def test_a_tampered_link_gets_a_clear_page(app, client, member, link, token):
    if token == "tampered":
        token = path(link).rsplit("/", 1)[1]
        token = token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb")
    elif token == "other-salt":  # an invitation token is not a reset token
        from evalapp.auth.services import invitation_serializer

        token = invitation_serializer().dumps({"user": member.id, "pw": ""}, salt="x")
    response = client.post(
        f"/auth/password/reset/{token}",
        data={"new_password": NEW_PASSWORD, "confirm_password": NEW_PASSWORD},
    )
    assert response.status_code == 400
    assert "Liên kết đặt lại mật khẩu không hợp lệ." in response.text
    assert "Yêu cầu liên kết mới" in response.text


@pytest.mark.parametrize(
    "new, confirm, message",
    [
        ("ngắn", None, "Mật khẩu phải có ít nhất 12 ký tự."),
        ("aaaaaaaaaaaaaaaa", None, "Mật khẩu quá đơn giản"),
        (TEST_PASSWORD, None, "Mật khẩu mới phải khác mật khẩu hiện tại."),
        ("Một mật khẩu mới dài", "Một mật khẩu khác", "Hai mật khẩu không khớp."),
    ],
)
def test_the_change_password_policy_applies(app, client, member, link, new, confirm, message):
    response = choose(client, link, new, confirm)
    assert response.status_code == 200
    assert message in response.text
    assert choose(client, link).status_code == 302  # the refused attempt did not use the link


def test_the_previous_password_cannot_come_back(app, client, auth, member):
    auth.login(member)
    auth.client.post(
        "/auth/password",
        data={
            "current_password": TEST_PASSWORD,
            "new_password": NEW_PASSWORD,
            "confirm_password": NEW_PASSWORD,
        },
    )
    auth.logout()
    ask(client, member.email)
    (link,) = reset_links(app, member.email)
    response = choose(client, link, TEST_PASSWORD)
    assert "Mật khẩu mới phải khác mật khẩu hiện tại và mật khẩu trước đó." in response.text


def test_an_invited_account_gets_a_link_once_it_has_chosen_a_password(app, client):
    invited = accounts.create_invited_user("moi@vi-du.vn", "Người được mời", {Role.PRODUCER})
    db.session.commit()
    ask(client, invited.email)
    assert reset_links(app, invited.email) == []
    accounts.accept_invitation(
        accounts.invitation_serializer().dumps(
            {"user": invited.id, "epoch": invited.session_epoch}, salt=accounts.INVITE_SALT
        ),
        "Mật khẩu tự chọn rất dài",
    )
    db.session.commit()
    ask(client, invited.email)
    assert len(reset_links(app, invited.email)) == 1


def test_requests_are_throttled_per_address(app, client, member):
    app.config["PASSWORD_RESET_RATE_LIMIT"] = "2 per minute"
    assert [ask(client, " THANHVIEN@vi-du.vn").status_code for _ in range(2)] == [200, 200]
    response = ask(app.test_client(), member.email)
    assert response.status_code == 429
    assert "Bạn đã thử quá nhiều lần" in response.text
    assert len(reset_links(app, member.email)) == 2
    assert ask(client, "khac@vi-du.vn").status_code == 200


def test_requests_are_throttled_per_client(app, client):
    app.config["PASSWORD_RESET_ADDRESS_RATE_LIMIT"] = "3 per minute"
    codes = [ask(client, f"nguoi{n}@vi-du.vn").status_code for n in range(4)]
    assert codes == [200, 200, 200, 429]
