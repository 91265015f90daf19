"""Opening a round under 26/2026 proposes the Điều 5 cut-offs; the round page shows them and
warns when the round's own dates go past them."""

from datetime import date

import pytest

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import make_round, make_unit, make_user

TODAY = date(2027, 3, 10)


@pytest.fixture
def on_day(monkeypatch):
    def set_today(day: date) -> None:
        monkeypatch.setattr("evalapp.rounds.views.local_today", lambda: day)

    set_today(TODAY)
    return set_today


def value_of(html: str, name: str) -> str:
    marker = f'name="{name}"'
    tag = html[html.rindex("<", 0, html.index(marker)) : html.index(">", html.index(marker))]
    return tag.split('value="')[1].split('"')[0]


def test_the_new_round_form_proposes_the_next_province_cut_off(client, signed_in, on_day):
    page = client.get("/rounds/new").text
    assert "Đợt 1 năm 2027: đề xuất trước 30/04/2027, quyết định trước 30/06/2027" in page
    assert value_of(page, "name") == "Đợt 1 năm 2027"
    assert value_of(page, "submission_opens_on") == "10/03/2027"
    assert value_of(page, "submission_closes_on") == "29/04/2027"
    assert value_of(page, "scoring_starts_on") == "30/04/2027"
    assert value_of(page, "scoring_ends_on") == "29/06/2027"


def test_on_the_cut_off_day_the_form_proposes_round_two(client, signed_in, on_day):
    on_day(date(2027, 4, 30))  # "trước ngày 30 tháng 4": the 30th is past round 1
    page = client.get("/rounds/new").text
    assert "Đợt 2 năm 2027: đề xuất trước 30/10/2027, quyết định trước 30/12/2027" in page
    assert value_of(page, "submission_closes_on") == "29/10/2027"
    assert value_of(page, "scoring_ends_on") == "29/12/2027"


def test_the_proposed_round_saves_as_proposed_and_can_be_changed(client, signed_in, on_day):
    page = client.get("/rounds/new").text
    names = ("name", "year", "rulebook_code", "level_code")
    dates = ("submission_opens_on", "submission_closes_on", "scoring_starts_on")
    data = {name: value_of(page, name) for name in (*names[:2], *dates)}
    data |= {"rulebook_code": "26-2026", "level_code": "province"}
    data["scoring_ends_on"] = "15/07/2027"  # the secretariat moves it past the deadline
    response = client.post("/rounds/new", data=data, follow_redirects=True)
    assert "Đã lưu đợt đánh giá Đợt 1 năm 2027." in response.text
    assert "10/03/2027 – 29/04/2027" in response.text


def test_the_round_page_warns_when_its_dates_pass_the_cut_offs(client, signed_in, province):
    round_ = make_round(
        province,
        "26-2026",
        submission_opens_on=date(2027, 3, 1),
        submission_closes_on=date(2027, 4, 30),
        scoring_starts_on=date(2027, 5, 5),
        scoring_ends_on=date(2027, 6, 30),
    )
    db.session.commit()
    page = client.get(f"/rounds/{round_.id}").text
    assert "Đợt 1 năm 2027: đề xuất trước 30/04/2027, quyết định trước 30/06/2027" in page
    assert "Hạn nộp hồ sơ 30/04/2027 không trước hạn đề xuất 30/04/2027 của Điều 5." in page
    assert "Ngày kết thúc chấm điểm 30/06/2027 không trước hạn quyết định 30/06/2027" in page


def test_a_round_within_the_cut_offs_has_no_warning(client, signed_in, province):
    round_ = make_round(
        province,
        "26-2026",
        submission_opens_on=date(2027, 3, 1),
        submission_closes_on=date(2027, 4, 29),
        scoring_starts_on=date(2027, 5, 5),
        scoring_ends_on=date(2027, 6, 29),
    )
    db.session.commit()
    page = client.get(f"/rounds/{round_.id}").text
    assert "Đợt 1 năm 2027" in page
    assert "round-overrun" not in page


def test_no_cut_offs_under_an_earlier_rulebook(client, signed_in, province):
    round_ = make_round(province, "148-2023")
    db.session.commit()
    assert "Điều 5 Quyết định 26/2026" not in client.get(f"/rounds/{round_.id}").text


def test_the_ministrys_form_proposes_round_two_across_the_year_end(client, auth, on_day):
    ministry = make_unit("Bộ Nông nghiệp và Môi trường", UnitLevel.CENTRAL, code="BNNMT")
    auth.login(make_user(Role.SECRETARY, unit=ministry))
    on_day(date(2027, 9, 1))
    page = client.get("/rounds/new").text
    assert "Đợt 2 năm 2027: đề xuất trước 30/01/2028, quyết định trước 30/03/2028" in page
    assert value_of(page, "submission_closes_on") == "29/01/2028"
    assert value_of(page, "scoring_starts_on") == "30/01/2028"
    assert value_of(page, "scoring_ends_on") == "29/03/2028"
    on_day(date(2028, 1, 30))  # "trước ngày 30 tháng 01": round 1 of 2028 from the 30th
    page = client.get("/rounds/new").text
    assert "Đợt 1 năm 2028: đề xuất trước 30/07/2028, quyết định trước 30/09/2028" in page


def test_the_list_of_rounds_shows_each_rounds_cut_off(client, signed_in, province):
    make_round(
        province,
        "26-2026",
        name="Đợt bổ sung",
        submission_opens_on=date(2027, 5, 1),
        submission_closes_on=date(2027, 11, 2),
        scoring_starts_on=date(2027, 11, 5),
        scoring_ends_on=date(2027, 11, 20),
    )
    db.session.commit()
    page = client.get("/rounds/").text
    assert "Đợt 2 năm 2027: đề xuất trước 30/10/2027, quyết định trước 30/12/2027" in page
    assert "Hạn nộp hồ sơ 02/11/2027 không trước hạn đề xuất 30/10/2027 của Điều 5." in page
    assert "Ngày kết thúc chấm điểm 20/11/2027" not in page  # within the decision deadline
