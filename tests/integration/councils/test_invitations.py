"""The secretary invites someone without an account onto the council: the account is created in
the round's unit, the person is seated and sets a password through the e-mailed link."""

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.common.mail import outbox_messages
from evalapp.councils.models import Position
from evalapp.extensions import db
from tests.integration.producers.helpers import link_in

NEW_PASSWORD = "Mật-khẩu-hội-đồng-2026"
EMAIL = "nguyen.moi@vi-du.vn"


def invite(client, council, email=EMAIL, position="member", full_name="Nguyễn Văn Mới"):
    return client.post(
        f"/councils/{council.id}/invitations",
        data={
            "invite-full_name": full_name,
            "invite-email": email,
            "invite-position": position,
        },
    )


def invited() -> User:
    return db.session.scalars(select(User).where(User.email == EMAIL)).one()


def test_the_council_page_offers_the_invitation_form(client, as_secretary, council):
    page = client.get(f"/councils/{council.id}").text
    assert "Mời thành viên mới qua email" in page
    assert f'action="/councils/{council.id}/invitations"' in page
    assert 'id="invite-email"' in page and 'id="position"' in page  # two forms, distinct ids


def test_an_invited_member_is_seated_sets_a_password_and_is_logged_in(
    app, client, auth, as_secretary, council
):
    response = invite(client, council)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Đã thêm Nguyễn Văn Mới vào hội đồng và gửi lời mời đến nguyen.moi@vi-du.vn." in page
    user = invited()
    member = council.member_for(user)
    assert member is not None and member.position is Position.MEMBER and member.number == 6
    assert user.roles == {Role.COUNCIL_MEMBER} and user.unit_id == council.round.unit_id
    auth.logout()

    message = outbox_messages(app)[-1]
    assert message["To"] == EMAIL
    assert "Thành viên của Hội đồng đánh giá thử" in message.get_content()
    link = link_in(message)
    assert link.startswith("/councils/invitation/")
    assert "Xin chào Nguyễn Văn Mới" in client.get(link).text
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.headers["Location"].endswith("/councils/my-sessions")
    assert client.get("/councils/my-sessions").status_code == 200  # logged in as the member
    db.session.expire_all()
    assert invited().email_verified_at is not None

    auth.logout()
    again = client.get(link)
    assert again.status_code == 400
    assert "Lời mời không hợp lệ hoặc đã được sử dụng." in again.text
    assert auth.login(EMAIL, NEW_PASSWORD).status_code == 302


def test_a_weak_password_is_refused_next_to_the_field(app, client, auth, as_secretary, council):
    invite(client, council)
    auth.logout()
    link = link_in(outbox_messages(app)[-1])
    response = client.post(link, data={"password": "ngan", "confirm": "ngan"})
    assert response.status_code == 200 and "invalid-feedback" in response.text
    assert client.get("/councils/my-sessions").status_code != 200


@pytest.mark.parametrize(
    ("position", "role"),
    [("member", Role.COUNCIL_MEMBER), ("advisory", Role.ADVISORY_MEMBER)],
)
def test_the_role_follows_the_position(client, as_secretary, round_, position, role):
    from tests.factories import make_council

    council = make_council(round_, seats=[])
    db.session.commit()
    assert invite(client, council, position=position).status_code == 302
    assert invited().roles == {role}
    assert council.member_for(invited()).position is Position(position)


def test_an_email_already_used_is_refused_next_to_the_field(client, as_secretary, council):
    taken = council.members[2].user.email
    response = invite(client, council, email=taken)
    assert response.status_code == 200
    assert f"Email {taken} đã được dùng cho một tài khoản khác" in response.text
    assert "Thêm thành viên" in response.text
    assert 'value="Nguyễn Văn Mới"' in response.text  # what was typed stays
    assert len(council.members) == 5


def test_a_chair_is_refused_and_no_account_is_left(app, client, as_secretary, council):
    """Chair accounts come from an administrator (test_role_granting.py)."""
    sent = len(outbox_messages(app))
    response = invite(client, council, position="chair")
    assert "chỉ quản trị viên hệ thống mới cấp tài khoản" in response.text
    assert db.session.scalars(select(User).where(User.email == EMAIL)).first() is None
    assert len(outbox_messages(app)) == sent


def test_a_council_link_does_not_open_the_producers_page(app, client, auth, as_secretary, council):
    invite(client, council)
    auth.logout()
    token = link_in(outbox_messages(app)[-1]).rsplit("/", 1)[-1]
    assert client.get(f"/producers/invitation/{token}").status_code == 400
