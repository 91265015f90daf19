from datetime import date, timedelta

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.common.time import local_today
from evalapp.dossiers.models import RegistrationType
from evalapp.dossiers.services import start_dossier
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound, RoundState
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_organisation,
    make_producer,
    make_product,
    make_round,
    make_unit,
    make_user,
)


def round_form(**fields) -> dict:
    """A valid province round under 148/QĐ-TTg (2023), as typed in the form."""
    return {
        "name": "Đợt đánh giá OCOP năm 2024",
        "year": "2024",
        "rulebook_code": "148-2023",
        "level_code": "province",
        "submission_opens_on": "01/03/2024",
        "submission_closes_on": "30/04/2024",
        "scoring_starts_on": "15/05/2024",
        "scoring_ends_on": "31/05/2024",
        **fields,
    }


def the_round(name: str = "Đợt đánh giá OCOP năm 2024") -> EvaluationRound | None:
    return db.session.scalar(select(EvaluationRound).where(EvaluationRound.name == name))


def audit_actions(round_: EvaluationRound) -> list[str]:
    return list(
        db.session.scalars(
            select(AuditEntry.action)
            .where(AuditEntry.object_type == "EvaluationRound")
            .where(AuditEntry.object_id == str(round_.id))
            .order_by(AuditEntry.id)
        )
    )


def test_secretary_opens_a_round_of_their_province(client, signed_in, province):
    response = client.post("/rounds/new", data=round_form(), follow_redirects=True)
    assert "Đã lưu đợt đánh giá Đợt đánh giá OCOP năm 2024." in response.text
    assert "01/03/2024 – 30/04/2024" in response.text
    assert "15/05/2024 – 31/05/2024" in response.text
    round_ = the_round()
    assert round_.unit == province and round_.state is RoundState.OPEN
    assert (round_.rulebook_code, round_.level_code) == ("148-2023", "province")
    assert round_.submission_opens_on == date(2024, 3, 1)
    assert round_.created_by_id == signed_in.id
    assert audit_actions(round_) == ["round.opened"]


def test_the_new_round_form_offers_the_rulebooks_and_the_units_level(client, signed_in):
    page = client.get("/rounds/new").text
    assert "148/QĐ-TTg; 1489/QĐ-TTg" in page and "1048/QĐ-TTg; 781/QĐ-TTg" in page
    assert '<option selected value="province">' in page
    assert 'placeholder="dd/mm/yyyy"' in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"submission_closes_on": "28/02/2024"},
            "Ngày hết hạn nộp hồ sơ không được trước ngày bắt đầu nhận hồ sơ.",
        ),
        (
            {"scoring_starts_on": "30/04/2024"},
            "Ngày bắt đầu chấm điểm phải sau ngày hết hạn nộp hồ sơ.",
        ),
        (
            {"scoring_ends_on": "14/05/2024"},
            "Ngày kết thúc chấm điểm không được trước ngày bắt đầu chấm điểm.",
        ),
        (
            {"submission_opens_on": "01-03-2024"},
            "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.",
        ),
        ({"scoring_ends_on": "31/02/2024"}, "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy."),
        ({"submission_closes_on": ""}, "Vui lòng nhập trường này."),
        ({"name": ""}, "Vui lòng nhập trường này."),
        ({"year": "hai nghìn"}, "Năm phải là một số."),
        ({"year": "1999"}, "Năm phải từ 2019 đến 2100."),
        ({"rulebook_code": "9999"}, "Không tìm thấy bộ quy định đã chọn."),
    ],
)
def test_a_round_needs_ordered_dates_and_valid_values(client, signed_in, fields, message):
    response = client.post("/rounds/new", data=round_form(**fields))
    assert response.status_code == 200
    assert message in response.text
    assert the_round() is None


def test_the_rulebook_must_apply_when_submissions_open(client, signed_in):
    response = client.post("/rounds/new", data=round_form(rulebook_code="1048-2019"))
    assert (
        "Quy định 1048/QĐ-TTg; 781/QĐ-TTg không áp dụng vào ngày 01/03/2024; "
        "quy định áp dụng vào ngày đó là 148/QĐ-TTg."
    ) in response.text
    response = client.post(
        "/rounds/new",
        data=round_form(
            rulebook_code="148-2023",
            submission_opens_on="10/07/2025",
            submission_closes_on="31/07/2025",
            scoring_starts_on="15/08/2025",
            scoring_ends_on="31/08/2025",
        ),
    )
    assert (
        "Quy định 148/QĐ-TTg không áp dụng vào ngày 10/07/2025; "
        "quy định áp dụng vào ngày đó là 148/QĐ-TTg; 1489/QĐ-TTg."
    ) in response.text
    response = client.post(
        "/rounds/new",
        data=round_form(
            rulebook_code="1048-2019",
            year="2019",
            submission_opens_on="01/03/2019",
            submission_closes_on="30/04/2019",
            scoring_starts_on="15/05/2019",
            scoring_ends_on="31/05/2019",
        ),
    )
    assert (
        "Quy định 1048/QĐ-TTg; 781/QĐ-TTg không áp dụng vào ngày 01/03/2019; "
        "chưa có quy định OCOP nào áp dụng vào ngày đó."
    ) in response.text
    assert the_round() is None


def test_the_level_must_be_the_units_level(client, signed_in):
    response = client.post("/rounds/new", data=round_form(level_code="district"))
    assert "Cấp đánh giá phải trùng với cấp của đơn vị Tỉnh Ninh Bình." in response.text
    response = client.post("/rounds/new", data=round_form(level_code="central"))
    assert "Cấp đánh giá phải trùng với cấp của đơn vị Tỉnh Ninh Bình." in response.text
    response = client.post("/rounds/new", data=round_form(level_code="commune"))
    assert (
        "Quy định 148/QĐ-TTg chỉ tổ chức đánh giá ở: Hội đồng cấp huyện, Hội đồng cấp tỉnh, "
        "Hội đồng cấp Trung ương."
    ) in response.text
    assert the_round() is None


def test_a_district_opens_rounds_before_1489_but_not_under_it(client, auth, district):
    auth.login(make_user(Role.SECRETARY, unit=district))
    fields = {"level_code": "district", "rulebook_code": "1048-2019", "year": "2021"}
    dates = {
        "submission_opens_on": "01/03/2021",
        "submission_closes_on": "30/04/2021",
        "scoring_starts_on": "15/05/2021",
        "scoring_ends_on": "31/05/2021",
    }
    client.post("/rounds/new", data=round_form(**fields, **dates))
    assert the_round().unit == district
    response = client.post(
        "/rounds/new",
        data=round_form(
            name="Đợt đánh giá năm 2025",
            level_code="district",
            rulebook_code="148-1489-2025",
            year="2025",
            submission_opens_on="01/08/2025",
            submission_closes_on="30/09/2025",
            scoring_starts_on="15/10/2025",
            scoring_ends_on="31/10/2025",
        ),
    )
    assert (
        "Quy định 148/QĐ-TTg; 1489/QĐ-TTg chỉ tổ chức đánh giá ở: "
        "Hội đồng cấp tỉnh, Trung ương (Bộ Nông nghiệp và Môi trường)."
    ) in response.text
    assert the_round("Đợt đánh giá năm 2025") is None


def test_province_and_central_rounds_under_1489(client, auth, province):
    dates = {
        "rulebook_code": "148-1489-2025",
        "year": "2025",
        "submission_opens_on": "06/07/2025",
        "submission_closes_on": "30/09/2025",
        "scoring_starts_on": "01/10/2025",
        "scoring_ends_on": "01/10/2025",
    }
    auth.login(make_user(Role.SECRETARY, unit=province))
    client.post("/rounds/new", data=round_form(name="Tỉnh 2025", **dates))
    assert the_round("Tỉnh 2025").level_code == "province"
    auth.logout()
    auth.login(make_user(Role.SECRETARY, unit=province.parent))
    client.post(
        "/rounds/new", data=round_form(name="Trung ương 2025", level_code="central", **dates)
    )
    assert the_round("Trung ương 2025").unit == province.parent


def test_a_commune_cannot_open_a_round(client, auth, province):
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=province)
    auth.login(make_user(Role.SECRETARY, unit=commune))
    response = client.post("/rounds/new", data=round_form())
    assert "Cấp đánh giá phải trùng với cấp của đơn vị Xã Thượng Kiệm." in response.text
    assert the_round() is None


def test_secretary_edits_a_round(client, signed_in, province):
    round_ = make_round(province, rulebook_code="148-2023", name="Đợt cũ")
    db.session.commit()
    page = client.get(f"/rounds/{round_.id}").text
    assert f'value="{round_.submission_opens_on:%d/%m/%Y}"' in page
    response = client.post(f"/rounds/{round_.id}", data=round_form(), follow_redirects=True)
    assert "Đã lưu đợt đánh giá Đợt đánh giá OCOP năm 2024." in response.text
    db.session.refresh(round_)
    assert round_.name == "Đợt đánh giá OCOP năm 2024"
    assert round_.scoring_ends_on == date(2024, 5, 31)
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "round.updated"))
    assert entry.before["name"] == "Đợt cũ" and entry.after["scoring_ends_on"] == "2024-05-31"


def test_an_edit_is_checked_like_a_new_round(client, signed_in, province):
    round_ = make_round(province, rulebook_code="148-2023", name="Đợt cũ")
    db.session.commit()
    response = client.post(f"/rounds/{round_.id}", data=round_form(scoring_starts_on="01/04/2024"))
    assert "Ngày bắt đầu chấm điểm phải sau ngày hết hạn nộp hồ sơ." in response.text
    db.session.refresh(round_)
    assert round_.name == "Đợt cũ"


def test_a_closed_round_is_reopened_before_it_is_edited(client, signed_in, province):
    round_ = make_round(province, rulebook_code="148-2023", name="Đợt cũ", state=RoundState.CLOSED)
    db.session.commit()
    assert "hãy mở lại trước khi sửa" in client.get(f"/rounds/{round_.id}").text
    response = client.post(f"/rounds/{round_.id}", data=round_form())
    assert "Đợt đánh giá đã đóng; hãy mở lại trước khi sửa." in response.text
    db.session.refresh(round_)
    assert round_.name == "Đợt cũ"


def test_the_rulebook_of_a_round_with_dossiers_is_fixed(client, signed_in, province):
    round_ = make_round(province)
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=province)
    organisation = make_organisation(commune)
    producer = make_producer(organisation)
    start_dossier(make_product(organisation), round_, RegistrationType.FIRST_TIME, "", producer)
    db.session.commit()
    form = {
        "year": str(round_.year),
        "rulebook_code": "148-1489-2025",
        "submission_opens_on": f"{round_.submission_opens_on:%d/%m/%Y}",
        "submission_closes_on": f"{round_.submission_closes_on:%d/%m/%Y}",
        "scoring_starts_on": f"{round_.scoring_starts_on:%d/%m/%Y}",
        "scoring_ends_on": f"{round_.scoring_ends_on:%d/%m/%Y}",
    }
    response = client.post(f"/rounds/{round_.id}", data=round_form(**form))
    assert "Đợt đánh giá đã có hồ sơ; không thể đổi bộ quy định hoặc cấp đánh giá." in response.text
    db.session.refresh(round_)
    assert round_.rulebook_code == "1048-2019"


def test_close_and_reopen(client, signed_in, province):
    round_ = make_round(province)
    db.session.commit()
    response = client.post(f"/rounds/{round_.id}/close", follow_redirects=True)
    assert f"Đã đóng đợt đánh giá {round_.name}." in response.text
    assert "Đã đóng</span>" in response.text
    response = client.post(f"/rounds/{round_.id}/close", follow_redirects=True)
    assert "Đợt đánh giá này đã đóng." in response.text
    response = client.post(f"/rounds/{round_.id}/reopen", follow_redirects=True)
    assert f"Đã mở lại đợt đánh giá {round_.name}." in response.text
    assert "Đang nhận hồ sơ</span>" in response.text
    response = client.post(f"/rounds/{round_.id}/reopen", follow_redirects=True)
    assert "Đợt đánh giá này đang mở." in response.text
    db.session.refresh(round_)
    assert round_.state is RoundState.OPEN
    assert audit_actions(round_) == ["round.closed", "round.reopened"]


def row_of(page: str, name: str) -> str:
    """The table row of the round called `name`."""
    return page.split(f"<td>{name}")[1].split("</tr>")[0]


def test_the_list_shows_a_badge_per_round(client, signed_in, province):
    today = local_today()
    make_round(province, name="Đợt đang nhận")
    make_round(
        province,
        name="Đợt hết hạn",
        submission_opens_on=today - timedelta(days=30),
        submission_closes_on=today - timedelta(days=1),
    )
    make_round(province, name="Đợt đã đóng", state=RoundState.CLOSED)
    make_round(
        province,
        name="Đợt sắp tới",
        submission_opens_on=today + timedelta(days=1),
        submission_closes_on=today + timedelta(days=20),
    )
    other = make_round(make_unit("Tỉnh Khác"), name="Đợt của tỉnh khác")
    db.session.commit()
    page = client.get("/rounds/").text
    assert "Đang nhận hồ sơ" in row_of(page, "Đợt đang nhận")
    assert "Hết hạn nộp" in row_of(page, "Đợt hết hạn")
    assert "Đã đóng" in row_of(page, "Đợt đã đóng")
    assert "Sắp nhận hồ sơ" in row_of(page, "Đợt sắp tới")
    assert other.name not in page


def test_a_secretary_of_another_unit_cannot_touch_the_round(client, auth, province):
    round_ = make_round(province)
    intruder = make_user(Role.SECRETARY, unit=make_unit("Tỉnh Khác"))
    auth.login(intruder)
    assert client.get(f"/rounds/{round_.id}").status_code == 403
    assert client.post(f"/rounds/{round_.id}", data=round_form()).status_code == 403
    assert client.post(f"/rounds/{round_.id}/close").status_code == 403
    round_.state = RoundState.CLOSED
    db.session.commit()
    assert client.post(f"/rounds/{round_.id}/reopen").status_code == 403
    db.session.refresh(round_)
    assert round_.state is RoundState.CLOSED and round_.name != "Đợt đánh giá OCOP năm 2024"


def test_a_district_secretary_cannot_manage_the_provinces_round(client, auth, province, district):
    round_ = make_round(province)
    auth.login(make_user(Role.SECRETARY, unit=district))
    assert client.post(f"/rounds/{round_.id}/close").status_code == 403


def test_a_producer_is_refused(client, auth, province):
    round_ = make_round(province)
    auth.login(make_producer())
    assert client.get("/rounds/").status_code == 403
    assert client.post("/rounds/new", data=round_form()).status_code == 403
    assert client.post(f"/rounds/{round_.id}/close").status_code == 403
    assert the_round() is None


def test_a_missing_round_is_not_found(client, signed_in):
    assert client.get("/rounds/999").status_code == 404
    assert client.post("/rounds/999/close").status_code == 404
