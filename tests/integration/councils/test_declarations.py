import pytest

from evalapp.auth.models import Role
from evalapp.common.files import store_upload
from evalapp.common.uploads import check_upload
from evalapp.councils.models import Position, SessionState
from evalapp.dossiers.models import DossierDocument
from evalapp.extensions import db
from tests.factories import make_council, make_round, make_session, make_user
from tests.integration.councils.conftest import seat
from tests.integration.dossiers.conftest import pdf_file


@pytest.fixture
def document(dossier, secretary):
    stored = store_upload(check_upload(pdf_file("Đơn đăng ký.pdf"), ["pdf"], 10), secretary)
    document = DossierDocument(item_code="phieu_dang_ky", file=stored)
    dossier.documents.append(document)
    db.session.commit()
    return document


@pytest.fixture
def member(auth, council):
    """Ngô Văn Một, a scoring member, signed in."""
    member = seat(council, Position.MEMBER)
    auth.login(member.user)
    return member


def declare(client, item, choice: str, reason: str = "", **kwargs):
    prefix = f"item-{item.id}-"
    return client.post(
        f"/councils/items/{item.id}/declare",
        data={prefix + "has_conflict": choice, prefix + "reason": reason},
        **kwargs,
    )


def dossier_statuses(client, dossier, document) -> set[int]:
    """What the dossier page and its document answer (downloads are streamed: close them)."""
    statuses = set()
    for url in (f"/dossiers/{dossier.id}", f"/dossiers/documents/{document.id}"):
        with client.get(url) as response:
            statuses.add(response.status_code)
    return statuses


def test_a_member_declares_before_opening_the_dossier(client, member, item, dossier, document):
    page = client.get(f"/councils/sessions/{item.session_id}").text
    assert (
        "Tôi không có xung đột lợi ích với hồ sơ này" in page and "Tôi có xung đột lợi ích" in page
    )
    assert f'href="/dossiers/{dossier.id}"' not in page
    assert "Đủ điều kiện họp" not in page and "Chưa đủ điều kiện họp" not in page
    assert dossier_statuses(client, dossier, document) == {403}
    page = declare(client, item, "no", follow_redirects=True).text
    assert "Đã ghi nhận khai báo của bạn." in page
    assert f'href="/dossiers/{dossier.id}"' in page and "Tôi có xung đột lợi ích" not in page
    assert dossier_statuses(client, dossier, document) == {200}


def test_a_conflict_needs_a_reason_and_closes_the_dossier(client, member, item, dossier, document):
    response = declare(client, item, "yes")
    assert response.status_code == 200
    assert "Vui lòng ghi rõ lý do xung đột lợi ích." in response.text
    assert f'checked class="form-check-input" id="item-{item.id}-has_conflict-1"' in response.text
    page = declare(client, item, "yes", "Tôi là cổ đông của công ty", follow_redirects=True).text
    assert "Bạn không tham gia đánh giá hồ sơ này" in page
    assert f'href="/dossiers/{dossier.id}"' not in page
    assert dossier_statuses(client, dossier, document) == {403}


def test_a_declaration_cannot_be_withdrawn(client, member, item, dossier):
    declare(client, item, "yes", "Họ hàng với người đại diện")
    page = declare(client, item, "no", follow_redirects=True).text
    assert "Bạn đã khai báo cho hồ sơ này." in page
    assert "Bạn không tham gia đánh giá hồ sơ này" in page
    assert client.get(f"/dossiers/{dossier.id}").status_code == 403
    db.session.refresh(item)
    assert [d.has_conflict for d in item.declarations] == [True]


def test_a_conflict_found_later_still_closes_the_dossier(client, member, item, dossier):
    declare(client, item, "no")
    assert client.get(f"/dossiers/{dossier.id}").status_code == 200
    declare(client, item, "yes", "Phát hiện sau: người nhà làm việc tại công ty")
    assert client.get(f"/dossiers/{dossier.id}").status_code == 403


def test_an_obvious_conflict_is_proposed(client, auth, council, item, organisation):
    member = seat(council, Position.MEMBER, 1)
    member.user.organisation = organisation
    db.session.commit()
    auth.login(member.user)
    page = client.get(f"/councils/sessions/{item.session_id}").text
    assert "Bạn thuộc tổ chức nộp hồ sơ này." in page


def test_the_advisory_group_opens_without_declaring(client, auth, council, item, dossier):
    advisor = seat(council, Position.ADVISORY)
    auth.login(advisor.user)
    page = client.get(f"/councils/sessions/{item.session_id}").text
    assert f'href="/dossiers/{dossier.id}"' in page and "Tôi có xung đột lợi ích" not in page
    assert declare(client, item, "no").status_code == 403


def test_no_declaration_once_the_session_is_closed(client, member, item, session):
    session.state = SessionState.CLOSED
    db.session.commit()
    assert declare(client, item, "no").status_code == 403
    assert "Tôi có xung đột lợi ích" not in client.get(f"/councils/sessions/{session.id}").text


def test_my_sessions_lists_the_members_sessions(client, member, session, round_):
    other = make_session(make_council(make_round(round_.unit)), title="Phiên của hội đồng khác")
    db.session.commit()
    page = client.get("/councils/my-sessions").text
    assert "Phiên họp thứ nhất" in page and other.title not in page


def test_a_member_of_another_council_sees_nothing(client, auth, item, dossier, round_):
    other_round = make_round(round_.unit)
    other_council = make_council(other_round)
    db.session.commit()
    stranger = seat(other_council, Position.MEMBER).user
    auth.login(stranger)
    assert client.get(f"/councils/sessions/{item.session_id}").status_code == 403
    assert declare(client, item, "no").status_code == 403
    assert client.get(f"/dossiers/{dossier.id}").status_code == 403


def test_a_member_without_a_seat_is_refused(client, auth, item, province):
    auth.login(make_user(Role.COUNCIL_CHAIR, unit=province))
    assert client.get(f"/councils/sessions/{item.session_id}").status_code == 403
    assert declare(client, item, "no").status_code == 403
