"""A provincial council under Decision 26/2026/QĐ-TTg scores a jute basket on sheet 21: the
member sees the star markers and what their own choices still allow; the result, the minutes
and the producer's outcome name the starred requirement that caps the class; the exclusion line
excludes and the producer is told why, with no star target."""

from sqlalchemy import select

from evalapp.extensions import db
from evalapp.reports.session_report import session_facts
from evalapp.results.models import FinalResult
from evalapp.results.services import publish_result
from tests.factories import (
    make_decision,
    make_producer,
)
from tests.integration.results.conftest import close
from tests.integration.scoring.conftest import signed_sheet
from tests.unit.rules.test_hand_computed_26_2026 import BASKET, SECOND, THIRD

# Four members: 73, 71, 72, 73 → 72.25 (4★ band); 1.4 averages (2 + 1 + 1 + 2) / 4 = 1.50
# against its **** option worth 2, so the class is 3★.
CHOICES = [BASKET, SECOND, THIRD, BASKET]
TITLE_14 = "1.4 Liên kết chuỗi trong sản xuất"


def published_outcome(client, auth, meeting, result) -> str:
    """The producer's outcome page once the secretariat has published `result`."""
    decision = make_decision(meeting.council.round, issued=False)
    publish_result(result, decision, meeting.secretary.user)
    producer = make_producer(meeting.item.dossier.organisation)
    db.session.commit()
    auth.logout()
    auth.login(producer)
    return client.get(f"/results/dossiers/{meeting.item.dossier_id}").get_data(as_text=True)


def sign(meeting, choices):
    for member, chosen in zip(meeting.members, choices, strict=True):
        signed_sheet(meeting.item, member, chosen)


def test_the_member_sees_the_markers_the_exclusion_line_and_what_their_choices_allow(
    meeting26, client, auth
):
    member = meeting26.members[1]
    auth.login(member.user)
    page = client.get(f"/scoring/items/{meeting26.item.id}").get_data(as_text=True)
    assert "Thủ công mỹ nghệ gia dụng, trang trí" in page
    assert "Hồ sơ bị loại khi: Giả mạo hồ sơ hoặc không đáp ứng quy định Hồ sơ đăng ký" in page
    assert "yêu cầu tối thiểu 4 sao" in page and "yêu cầu tối thiểu 5 sao" in page
    assert "sản phẩm còn có thể đạt tối đa 5 sao" in page

    from tests.integration.scoring.conftest import own_sheet

    sheet = own_sheet(meeting26, member)
    url = f"/scoring/items/{meeting26.item.id}/autosave"
    body = {"version": sheet.version, "choices": {"1.4": "3"}, "comments": {}, "overall": ""}
    answer = client.post(url, json=body).json  # 2 points: the **** option, not the *****
    assert answer["ceiling"]["stars"] == 4
    assert answer["ceiling"]["blocking"] == [f"{TITLE_14}: cần ≥ 4 điểm cho 5★"]
    body = body | {"version": answer["version"], "choices": {"1.4": "2"}}
    answer = client.post(url, json=body).json  # 1 point: below the **** option too
    assert answer["ceiling"]["stars"] == 3
    assert answer["ceiling"]["blocking"] == [
        f"{TITLE_14}: cần ≥ 2 điểm cho 4★",
        f"{TITLE_14}: cần ≥ 4 điểm cho 5★",
    ]


def test_the_class_capped_by_a_starred_option_is_named_on_result_minutes_and_outcome(
    meeting26, client, auth
):
    sign(meeting26, CHOICES)
    close(meeting26)
    auth.login(meeting26.chair.user)
    page = client.get(f"/results/items/{meeting26.item.id}").get_data(as_text=True)
    assert "72,25" in page
    assert (
        f"Chưa đạt yêu cầu tối thiểu (dấu sao) — {TITLE_14}: cần ≥ 2 điểm cho 4★, "
        "trung bình đạt 1,50." in page
    )
    assert "điểm trung bình của Hội đồng trên tiêu chí" in page  # the rule, on the page
    facts = session_facts(meeting26.session, with_names=False)
    assert f"{TITLE_14}: cần ≥ 2 điểm cho 4★ (trung bình 1,50)" in facts.dossiers[0].unmet

    client.post(
        f"/results/items/{meeting26.item.id}/finalise",
        data={"conclusion": "Hội đồng thống nhất đề xuất 3 sao.", "confirmed": "1"},
    )
    db.session.expire_all()
    result = db.session.scalars(select(FinalResult)).one()
    assert (result.score, result.stars) == (72.25, 3)
    assert result.classification["unmet"][0]["starred"] is True
    outcome = published_outcome(client, auth, meeting26, result)
    assert "Hạng sao bị giới hạn vì chưa đạt yêu cầu tối thiểu" in outcome
    assert f"{TITLE_14}: cần ≥ 2 điểm cho 4★ (trung bình đạt 1,50)" in outcome
    assert "Điểm đã đủ cho hạng 4 sao nhưng chưa đạt yêu cầu tối thiểu của hạng đó" in outcome
    assert "Bắt buộc cho 4★" in outcome


def test_the_exclusion_line_excludes_and_the_producer_is_told_why(meeting26, client, auth):
    sign(meeting26, [BASKET | {"HS": "loai"}, SECOND, THIRD, BASKET])
    close(meeting26)
    auth.login(meeting26.chair.user)
    page = client.get(f"/results/items/{meeting26.item.id}").get_data(as_text=True)
    assert "Loại sản phẩm: tiêu chí HS Hồ sơ bị loại khi: Giả mạo hồ sơ" in page
    client.post(
        f"/results/items/{meeting26.item.id}/finalise",
        data={
            "conclusion": "Hồ sơ giả mạo giấy chứng nhận.",
            "finding-HS": "confirm",
            "reason-HS": "Giấy chứng nhận đăng ký nhãn hiệu bị tẩy xóa.",
            "confirmed": "1",
        },
    )
    db.session.expire_all()
    result = db.session.scalars(select(FinalResult)).one()
    assert (result.outcome, result.stars) == ("excluded", None)
    outcome = published_outcome(client, auth, meeting26, result)
    assert "Sản phẩm bị loại, không xếp hạng sao. Lý do: HS Hồ sơ bị loại khi" in outcome
    assert "Giấy chứng nhận đăng ký nhãn hiệu bị tẩy xóa." in outcome
    assert "Để đạt" not in outcome and "Điểm đã đủ cho hạng" not in outcome


def test_the_session_result_summary_names_the_unmet_starred_option_too(meeting26, client, auth):
    sign(meeting26, CHOICES)
    auth.login(meeting26.chair.user)
    page = client.get(f"/results/items/{meeting26.item.id}").get_data(as_text=True)
    assert "Đạt 3 sao" in page
    assert f"{TITLE_14}: cần ≥ 2 điểm cho 4★, trung bình đạt 1,50." in page
