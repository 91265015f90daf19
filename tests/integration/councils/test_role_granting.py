"""Chair and secretary roles come from an administrator only (issue 13, item 2): the two-person
rules (revocation: secretary + chair; reopening: acting chair + secretariat) must not rest on an
account the same secretary made. And a council's membership is fixed once one of its sessions
has met."""

import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role, User
from evalapp.common.mail import outbox_messages
from evalapp.councils.models import CouncilMember, Position, SessionState
from evalapp.extensions import db
from tests.factories import make_council, make_session, make_user
from tests.integration.councils.test_invitations import EMAIL, invite

ASK_ADMIN = "chỉ quản trị viên hệ thống mới cấp tài khoản"


def accounts_with(email: str) -> int:
    return db.session.scalar(select(func.count(User.id)).where(User.email == email))


@pytest.mark.parametrize("position", ["chair", "vice_chair", "secretary"])
def test_a_secretary_cannot_invite_a_chair_or_a_secretary(
    app, client, as_secretary, round_, position
):
    council = make_council(round_, seats=[])
    db.session.commit()
    sent = len(outbox_messages(app))
    response = invite(client, council, position=position)
    assert response.status_code == 200
    assert ASK_ADMIN in response.text
    assert accounts_with(EMAIL) == 0
    assert council.members == []
    assert len(outbox_messages(app)) == sent


def test_the_invitation_form_offers_only_members_and_advisory_members(
    client, as_secretary, council
):
    page = client.get(f"/councils/{council.id}").text
    invitation = page[page.index('action="/councils/' + str(council.id) + '/invitations"') :]
    invitation = invitation[: invitation.index("</form>")]
    assert 'value="member"' in invitation and 'value="advisory"' in invitation
    for position in ("chair", "vice_chair", "secretary"):
        assert f'value="{position}"' not in invitation


def seat(client, council, user, position):
    return client.post(
        f"/councils/{council.id}/members",
        data={"user_id": str(user.id), "position": position},
    )


@pytest.mark.parametrize("position", ["chair", "secretary"])
def test_the_member_form_seats_no_chair_or_secretary_without_the_role(
    client, as_secretary, round_, position
):
    council = make_council(round_, seats=[])
    member = make_user(Role.COUNCIL_MEMBER, unit=round_.unit, full_name="Phạm Văn Thường")
    db.session.commit()
    response = seat(client, council, member, position)
    assert response.status_code == 200
    assert ASK_ADMIN in response.text
    db.session.expire_all()
    assert council.members == []


def test_an_account_the_administrator_made_is_seated_as_chair(client, auth, round_, secretary):
    admin = make_user(Role.ADMIN, email="admin@vi-du.vn")
    council = make_council(round_, seats=[])
    db.session.commit()
    auth.login(admin)
    response = client.post(
        "/admin/users/new",
        data={
            "email": "chutich@so-nn.vn",
            "full_name": "Trần Văn Chủ Tịch",
            "password": "Tạm thời 2026!",
            "unit": str(round_.unit_id),
            "office": "",
            "roles": ["council_chair"],
        },
    )
    assert response.status_code == 302
    chair = db.session.scalar(select(User).where(User.email == "chutich@so-nn.vn"))
    auth.logout()
    auth.login(secretary)
    response = seat(client, council, chair, "chair")
    assert response.status_code == 302
    db.session.expire_all()
    assert council.member_for(chair).position is Position.CHAIR


@pytest.mark.parametrize("state", [SessionState.OPEN, SessionState.CLOSED])
def test_no_member_is_added_after_a_session_met(client, as_secretary, council, round_, state):
    make_session(council, days_ahead=0, state=state)
    newcomer = make_user(Role.COUNCIL_MEMBER, unit=round_.unit, full_name="Phạm Văn Muộn")
    db.session.commit()
    seated = db.session.scalar(select(func.count(CouncilMember.id)))

    response = seat(client, council, newcomer, "member")
    assert response.status_code == 200
    assert "Không thể thay đổi thành phần hội đồng sau khi đã họp." in response.text

    response = invite(client, council, position="advisory")
    assert response.status_code == 200
    assert "Không thể thay đổi thành phần hội đồng sau khi đã họp." in response.text
    assert accounts_with(EMAIL) == 0
    assert db.session.scalar(select(func.count(CouncilMember.id))) == seated

    page = client.get(f"/councils/{council.id}").text
    assert "Không thể thay đổi thành phần hội đồng sau khi đã họp." in page
    assert "/invitations" not in page and "Bỏ khỏi hội đồng" not in page


def test_members_are_still_added_while_every_session_is_planned(
    client, as_secretary, council, session, round_
):
    newcomer = make_user(Role.COUNCIL_MEMBER, unit=round_.unit, full_name="Phạm Văn Sớm")
    db.session.commit()
    page = client.get(f"/councils/{council.id}").text
    assert "Tài khoản Chủ tịch, Phó Chủ tịch và Thư ký hội đồng do quản trị viên" in page
    assert seat(client, council, newcomer, "member").status_code == 302
    assert invite(client, council, position="member").status_code == 302
