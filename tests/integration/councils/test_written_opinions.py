"""Re-evaluations decided by written opinions (26/2026 Điều 7.6.d): the mode chosen when the
session is planned, members' remote signed sheets, the conclusion without a meeting, the refusals
with an unsigned member, the meeting the chair convenes when opinions differ or a member asks,
and the minutes' record."""

import re
from dataclasses import dataclass
from datetime import timedelta

import pytest

from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.councils import services as councils
from evalapp.councils.models import (
    AgendaItem,
    ConflictDeclaration,
    Position,
    SessionMode,
    SessionState,
)
from evalapp.dossiers.models import RegistrationType
from evalapp.extensions import db
from evalapp.reports.session_report import load_session, session_facts
from evalapp.results.services import ResultsError, current_result, finalise_result
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_round,
    make_session,
    make_unit,
)
from tests.integration.reports.conftest import flat, pdf_text
from tests.integration.scoring.conftest import signed_sheet
from tests.unit.rules.test_hand_computed_26_2026 import BASKET

# 73 points; LOW gives 11 fewer on five criteria (1.1 −3, 1.2 −2, 1.4 −2, 2.1 −2, 3.3 −2): 62,
# a spread of 11 > the rulebook's 10.
LOW = BASKET | {"1.1": "1", "1.2": "1", "1.4": "1", "2.1": "1", "3.3": "1"}


@dataclass
class Written:
    session: object
    items: list
    chair: object
    members: list  # scoring members, chair first
    secretary: object


def re_evaluation(round_, organisation, name):
    dossier = make_accepted_dossier(round_, organisation, name)
    dossier.registration_type = RegistrationType.RE_EVALUATION
    return dossier


@pytest.fixture
def written(app):
    """A 26/2026 provincial council's written session on two re-evaluation dossiers, its remote
    window open, every scoring member cleared of conflicts; nobody marked present."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province)
    round_ = make_round(province, rulebook_code="26-2026", level_code="province")
    council = make_council(round_)
    session = make_session(
        council,
        mode=SessionMode.WRITTEN,
        place="",
        remote_opens_at=utcnow() - timedelta(hours=1),
        remote_closes_at=utcnow() + timedelta(days=3),
    )
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm")
    items = []
    for position, name in enumerate(("Giỏ đay Hiếu Lâm", "Thảm cói Kim Sơn"), start=1):
        item = AgendaItem(dossier=re_evaluation(round_, organisation, name), position=position)
        session.agenda.append(item)
        db.session.flush()
        for member in council.scoring_members():
            item.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
        items.append(item)
    db.session.commit()
    by_position = {m.position: m for m in council.members}
    return Written(
        session,
        items,
        by_position[Position.CHAIR],
        council.scoring_members(),
        by_position[Position.SECRETARY],
    )


def sign_all(item, members, choices=None):
    for index, member in enumerate(members):
        signed_sheet(item, member, (choices or {}).get(index, BASKET))


# --- the mode --------------------------------------------------------------------------------


def session_form(mode: str) -> dict:
    day = (utcnow() + timedelta(days=10)).strftime("%d/%m/%Y")
    return {"title": "Lấy ý kiến đánh giá lại", "starts_at": f"{day} 08:00", "mode": mode}


def test_the_secretariat_plans_a_written_session_under_26_2026(written, client, auth):
    council = written.session.council
    auth.login(written.secretary.user)
    page = client.get(f"/councils/{council.id}").get_data(as_text=True)
    assert "Lấy ý kiến bằng văn bản (hồ sơ đánh giá, phân hạng lại, Điều 7.6.d)" in page
    response = client.post(
        f"/councils/{council.id}/sessions", data=session_form("written"), follow_redirects=True
    )
    assert response.status_code == 200
    planned = council.sessions[-1]
    assert planned.mode is SessionMode.WRITTEN and planned.place == ""
    assert "Không họp (lấy ý kiến bằng văn bản)" in response.text


def test_the_written_mode_is_refused_under_an_earlier_rulebook(app):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    council = make_council(make_round(province, rulebook_code="1048-2019"))
    with pytest.raises(Refusal, match=re.escape("Điều 7.6.d")):
        councils.schedule_session(
            council,
            council.members[-1].user,
            title="Phiên",
            starts_at=utcnow() + timedelta(days=5),
            place="",
            is_online=False,
            mode=SessionMode.WRITTEN,
        )


def test_a_written_session_takes_re_evaluation_dossiers_only(written):
    round_ = written.session.council.round
    first_time = make_accepted_dossier(round_, written.items[0].dossier.organisation, "Mới")
    with pytest.raises(Refusal, match=re.escape("Điều 7.6.d")) as refusal:
        councils.add_to_agenda(written.session, first_time, written.secretary.user)
    assert first_time.receipt_code in str(refusal.value)


def test_no_attendance_and_no_meeting_in_a_written_session(written):
    with pytest.raises(Refusal, match="không họp, không điểm danh"):
        councils.record_attendance(written.session, set(), written.secretary.user)
    with pytest.raises(Refusal, match=re.escape("Điều 7.6.d")):
        councils.open_session(written.session, written.secretary.user)


# --- concluding without a meeting --------------------------------------------------------------


def test_members_sign_remotely_and_the_chair_concludes_without_a_meeting(written, client, auth):
    item = written.items[0]
    sign_all(item, written.members)
    auth.login(written.chair.user)
    page = client.get(f"/results/items/{item.id}").get_data(as_text=True)
    assert "Mọi thành viên đã ký phiếu." in page and "finalise-form" in page
    response = client.post(
        f"/results/items/{item.id}/finalise",
        data={"conclusion": "Hội đồng thống nhất qua ý kiến bằng văn bản.", "confirmed": "1"},
        follow_redirects=True,
    )
    assert "Đã chốt kết quả đánh giá của hồ sơ." in response.text
    assert current_result(item) is not None
    assert written.session.state is SessionState.PLANNED  # no meeting was ever opened


def test_concluding_or_closing_with_an_unsigned_member_is_refused(written):
    item = written.items[0]
    sign_all(item, written.members[:-1])
    last = written.members[-1].number
    with pytest.raises(ResultsError, match=re.escape("Điều 7.6.d")) as refusal:
        finalise_result(item, "Kết luận", {}, written.chair.user)
    assert f"chưa ký phiếu (số {last})" in str(refusal.value)
    db.session.rollback()
    with pytest.raises(Refusal, match=re.escape("Điều 7.6.d Quyết định 26/2026/QĐ-TTg")):
        councils.close_session(written.session, written.secretary.user)


def test_differing_opinions_must_be_convened_and_the_chair_convenes(written, client, auth):
    item = written.items[0]
    sign_all(item, written.members, {1: LOW})
    with pytest.raises(ResultsError, match="cần họp trực tiếp"):
        finalise_result(item, "Kết luận", {}, written.chair.user)
    db.session.rollback()
    auth.login(written.chair.user)
    page = client.get(f"/results/items/{item.id}").get_data(as_text=True)
    assert "Các ý kiến đánh giá khác nhau" in page and "convene-form" in page
    day = (utcnow() + timedelta(days=4)).strftime("%d/%m/%Y")
    response = client.post(
        f"/results/items/{item.id}/convene",
        data={"starts_at": f"{day} 14:00", "place": "Phòng họp Sở Nông nghiệp"},
        follow_redirects=True,
    )
    assert "Đã triệu tập họp trực tiếp về hồ sơ này." in response.text
    db.session.expire_all()
    assert item.convened_at is not None and item.scoring_round == 2
    assert written.session.place == "Phòng họp Sở Nông nghiệp"
    # The session now meets for that dossier, with attendance as usual.
    everyone = {m.id for m in written.session.council.members}
    councils.record_attendance(written.session, everyone, written.secretary.user)
    councils.open_session(written.session, written.secretary.user)
    assert written.session.state is SessionState.OPEN


def test_a_member_asks_for_a_meeting_and_it_must_be_convened(written, client, auth):
    item = written.items[1]
    sign_all(item, written.members)
    member = written.members[2]
    auth.login(member.user)
    page = client.get(f"/councils/sessions/{written.session.id}").get_data(as_text=True)
    assert "Đề nghị họp trực tiếp" in page
    response = client.post(
        f"/councils/items/{item.id}/meeting-request",
        data={f"meeting-{item.id}-reason": "Cần thảo luận nguồn nguyên liệu mới."},
        follow_redirects=True,
    )
    assert "Đã gửi đề nghị họp tới Chủ tịch Hội đồng." in response.text
    with pytest.raises(
        ResultsError, match=re.escape("đề nghị họp: Cần thảo luận nguồn nguyên liệu mới.")
    ):
        finalise_result(item, "Kết luận", {}, written.chair.user)
    db.session.rollback()
    auth.logout()
    auth.login(written.secretary.user)
    page = client.get(f"/councils/sessions/{written.session.id}").get_data(as_text=True)
    assert f"Thành viên số {member.number} đề nghị họp: Cần thảo luận" in page


def test_a_meeting_request_needs_a_reason(written, client, auth):
    item = written.items[1]
    auth.login(written.members[2].user)
    response = client.post(
        f"/councils/items/{item.id}/meeting-request",
        data={f"meeting-{item.id}-reason": "  "},
        follow_redirects=True,
    )
    assert "Vui lòng ghi lý do đề nghị họp." in response.text
    assert item.meeting_requests == []


def test_the_chair_cannot_convene_without_a_ground(written):
    from evalapp.results.written import convene_meeting

    item = written.items[0]
    sign_all(item, written.members)
    with pytest.raises(ResultsError, match="Chỉ triệu tập họp khi"):
        convene_meeting(item, utcnow() + timedelta(days=2), "Hội trường", written.chair.user)


# --- the minutes ---------------------------------------------------------------------------------


def test_the_minutes_record_the_form_the_signatures_the_request_and_the_meeting(written):
    from evalapp.councils.written import ask_for_meeting
    from evalapp.results.written import convene_meeting

    first, second = written.items
    sign_all(first, written.members)
    sign_all(second, written.members)
    ask_for_meeting(second, written.members[1], "Bao bì thay đổi lớn.", written.members[1].user)
    convene_meeting(second, utcnow() + timedelta(days=2), "Hội trường tỉnh", written.chair.user)
    db.session.commit()
    facts = session_facts(load_session(written.session.id))
    assert "lấy ý kiến bằng văn bản (Điều 7.6.d Quyết định 26/2026/QĐ-TTg)" in facts.written_line
    one, two = facts.dossiers
    assert sum("ký phiếu lúc" in line for line in one.written_record) == len(written.members)
    assert one.written_record[-1] == "Không tổ chức họp trực tiếp đối với hồ sơ này."
    number = written.members[1].number
    assert any(
        line.startswith(f"Thành viên số {number} đề nghị họp trực tiếp lúc")
        and line.endswith("lý do: Bao bì thay đổi lớn.")
        for line in two.written_record
    )
    assert "triệu tập họp trực tiếp" in two.written_record[-1]
    assert "Hội trường tỉnh" in two.written_record[-1]


def test_the_minutes_pdf_of_a_session_concluded_in_writing(written, client, auth):
    for item in written.items:
        sign_all(item, written.members)
        finalise_result(item, "Đạt qua ý kiến bằng văn bản.", {}, written.chair.user)
    councils.close_session(written.session, written.secretary.user)
    db.session.commit()
    auth.login(written.secretary.user)
    response = client.get(f"/reports/sessions/{written.session.id}/minutes.pdf")
    text = flat(pdf_text(response.data))
    assert "Hội đồng đánh giá theo hình thức lấy ý kiến bằng văn bản" in text
    assert "không tổ chức họp trực tiếp" in text
    assert "Thành viên số 1 ký phiếu lúc" in text
    assert "Cho ý kiến bằng văn bản" in text


def test_no_meeting_can_be_asked_for_once_the_dossier_is_concluded(written):
    from evalapp.councils.written import ask_for_meeting

    item = written.items[0]
    sign_all(item, written.members)
    finalise_result(item, "Đạt.", {}, written.chair.user)
    member = written.members[1]
    with pytest.raises(Refusal, match="không còn được đánh giá bằng văn bản"):
        ask_for_meeting(item, member, "Muộn.", member.user)


def test_the_secretariat_follows_who_has_signed_without_attendance(written, client, auth):
    sign_all(written.items[0], written.members[:2])
    auth.login(written.secretary.user)
    page = client.get(f"/councils/sessions/{written.session.id}").get_data(as_text=True)
    assert "Lấy ý kiến bằng văn bản: không điểm danh" in page
    assert "Theo dõi chấm điểm" in page and "Kết thúc lấy ý kiến" in page
    dashboard = client.get(f"/scoring/sessions/{written.session.id}")
    assert dashboard.status_code == 200
    assert f"2/{len(written.members)}" in dashboard.get_data(as_text=True)
