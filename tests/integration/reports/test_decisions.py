import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.common.time import local_today
from evalapp.councils.models import AgendaItem
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.reports import services
from evalapp.results.models import DecisionState, ResultDecision
from tests.factories import (
    make_accepted_dossier,
    make_decision,
    make_final_result,
    make_producer,
    make_user,
)
from tests.integration.reports.conftest import build_session, flat, pdf_text


@pytest.fixture
def finalised(app):
    """The Kim Sơn session with its result finalised at 72,50 (4 sao)."""
    closed = build_session()
    closed.result = make_final_result(closed.item, "72.50", 4)
    db.session.commit()
    return closed


def decisions_url(closed) -> str:
    return f"/reports/rounds/{closed.round.id}/decisions"


def draft_form(closed, result_ids, **fields) -> dict:
    return {
        "issuing_body": "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN",
        "place": "Kim Sơn",
        "signer_title": "Phó Chủ tịch",
        "signer_name": "Nguyễn Văn Ký",
        "results": [str(i) for i in result_ids],
        **fields,
    }


def new_draft(client, closed, result_ids=None) -> ResultDecision:
    ids = [closed.result.id] if result_ids is None else result_ids
    response = client.post(decisions_url(closed), data=draft_form(closed, ids))
    assert response.status_code == 302, response.get_data(as_text=True)
    return db.session.scalars(select(ResultDecision).order_by(ResultDecision.id.desc())).first()


def test_a_new_draft_proposes_the_committee_the_place_and_the_rounds_results(
    client, auth, finalised
):
    other = make_final_result(add_item(finalised, "Thảm cói"), "60.00", 3)
    make_decision(finalised.round, [other], number="9/QĐ-UBND", issued=False)
    db.session.commit()
    auth.login(finalised.secretary)
    page = client.get(decisions_url(finalised)).get_data(as_text=True)
    assert 'value="ỦY BAN NHÂN DÂN HUYỆN KIM SƠN"' in page
    assert 'value="Kim Sơn"' in page
    assert "Giỏ đay Hiếu Lâm — Công ty TNHH Hiếu Lâm — 4 sao" in page
    assert re.search(
        rf'<input checked [^>]*name="results" type="checkbox" value="{finalised.result.id}"', page
    )
    assert "Thảm cói" not in page.split("new-draft")[1]  # already in another decision


def add_item(closed, name: str) -> AgendaItem:
    dossier = make_accepted_dossier(closed.round, closed.item.dossier.organisation, name)
    item = AgendaItem(dossier=dossier, position=len(closed.session.agenda) + 1)
    closed.session.agenda.append(item)
    db.session.flush()
    return item


def test_creating_and_editing_a_draft(client, auth, finalised):
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    assert decision.state is DecisionState.DRAFT and decision.number is None
    assert [r.id for r in decision.results] == [finalised.result.id]
    page = client.get(f"/reports/decisions/{decision.id}").get_data(as_text=True)
    assert "Giỏ đay Hiếu Lâm" in page and "Xóm 3, Xã Thượng Kiệm" in page and "72,50" in page
    assert 'name="number"' in page and 'name="issue-number"' in page
    checkbox = f'name="results" type="checkbox" value="{finalised.result.id}"'
    assert re.search(rf"<input checked [^>]*{checkbox}", page)  # the draft's results stay chosen
    response = client.post(
        f"/reports/decisions/{decision.id}",
        data=draft_form(finalised, [], number="45/QĐ-UBND", signed_on="20/12/2021"),
    )
    assert response.status_code == 302
    db.session.expire_all()
    decision = db.session.get(ResultDecision, decision.id)
    assert decision.number == "45/QĐ-UBND" and decision.signed_on == date(2021, 12, 20)
    assert decision.results == [] and finalised.result.decision_id is None
    actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "decision.drafted" in actions and "decision.edited" in actions


def test_the_draft_pdf_is_marked_and_leaves_number_and_date_blank(client, auth, finalised):
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    response = client.get(f"/reports/decisions/{decision.id}/decision.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = flat(pdf_text(response.data))
    assert "DỰ THẢO" in text
    assert "Số: …/QĐ-UBND" in text
    assert "Kim Sơn, ngày ..... tháng ..... năm" in text
    assert "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN" in text
    assert "QUYẾT ĐỊNH" in text
    assert "Về việc phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP năm 2021" in text
    assert "Căn cứ Quyết định số 1048/QĐ-TTg ngày 21/08/2019" in text
    assert "Căn cứ Quyết định số 45/QĐ-UBND ngày 02 tháng 8 năm 2021" in text
    assert "Điều 1." in text and "đối với 1 sản phẩm" in text
    # a district council recognises no star class under 1048: no certificate article
    assert "Giấy chứng nhận" not in text and "Điều 2. Quyết định này có hiệu lực" in text
    assert "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" in text and "Nguyễn Văn Ký" in text
    assert "PHỤ LỤC" in text
    assert "Giỏ đay Hiếu Lâm" in text and "Công ty TNHH Hiếu Lâm" in text
    assert "Xóm 3, Xã Thượng Kiệm, Huyện Kim Sơn, Tỉnh Ninh Bình" in text
    assert "72,50 Đề nghị Hội đồng cấp tỉnh đánh giá, phân hạng" in text


def test_a_district_decision_under_1048_states_no_star_class(client, auth, finalised):
    """1048/QĐ-TTg: the district proposes products from 50 points to the province, which alone
    recognises 3★ and 4★; the district's annex gives the score and the proposal, no class."""
    below = make_final_result(add_item(finalised, "Chiếu cói"), "48.00", 1)
    make_decision(finalised.round, [finalised.result, below], number="123/QĐ-UBND")
    db.session.commit()
    from evalapp.reports.decision_document import decision_pdf

    decision = finalised.result.decision
    text = flat(pdf_text(decision_pdf(decision)))
    annex = text[text.index("PHỤ LỤC") :]
    assert "Hạng sao" not in annex and "sao" not in annex
    assert "72,50 Đề nghị Hội đồng cấp tỉnh đánh giá, phân hạng" in annex
    assert "48,00 Không đề nghị Hội đồng cấp tỉnh" in annex
    auth.login(finalised.secretary)
    page = client.get(f"/reports/decisions/{decision.id}").get_data(as_text=True)
    assert "Cấp này không công nhận hạng sao (1048/QĐ-TTg; 781/QĐ-TTg)" in page
    table = page.split('id="annex"', 1)[1]
    assert "4 sao" not in table and "Đề nghị Hội đồng cấp tỉnh đánh giá, phân hạng" in table


def issue(client, decision, number="45/QĐ-UBND", signed_on="20/12/2021", confirmed="1"):
    return client.post(
        f"/reports/decisions/{decision.id}/issue",
        data={"issue-number": number, "issue-signed_on": signed_on, "confirmed": confirmed},
    )


def test_issuing_asks_first_and_names_the_producers_told(client, auth, finalised):
    """Issue 14: without confirmation nothing is issued or published; the page says what will
    be published and which producers are told."""
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    response = issue(client, decision, confirmed="")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirmation"' in page
    assert "Quyết định số 45/QĐ-UBND ngày 20/12/2021 được ghi nhận đã ban hành" in page
    assert "Kết quả của 1 hồ sơ được công bố" in page
    assert f"{finalised.item.dossier.organisation.name}, sản phẩm Giỏ đay Hiếu Lâm" in page
    assert 'name="issue-number" value="45/QĐ-UBND"' in page
    db.session.expire_all()
    assert not db.session.get(ResultDecision, decision.id).is_issued
    assert not finalised.result.is_published


def test_issuing_publishes_the_results_and_freezes_the_decision(client, auth, finalised):
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    response = issue(client, decision)
    assert response.status_code == 302
    db.session.expire_all()
    decision = db.session.get(ResultDecision, decision.id)
    assert decision.is_issued and decision.number == "45/QĐ-UBND"
    assert decision.signed_on == date(2021, 12, 20) and decision.issued_by_id is not None
    result = finalised.result
    assert result.is_published and result.decision_id == decision.id
    assert result.dossier.state is DossierState.PUBLISHED
    text = flat(pdf_text(client.get(f"/reports/decisions/{decision.id}/decision.pdf").data))
    assert "DỰ THẢO" not in text
    assert "Số: 45/QĐ-UBND" in text and "Kim Sơn, ngày 20 tháng 12 năm 2021" in text
    assert "(Kèm theo Quyết định số 45/QĐ-UBND ngày 20 tháng 12 năm 2021)" in text
    page = client.get(f"/reports/decisions/{decision.id}").get_data(as_text=True)
    assert "Quyết định đã ban hành; nội dung không thể sửa." in page
    assert 'name="number"' not in page and 'name="issue-number"' not in page
    edit = client.post(f"/reports/decisions/{decision.id}", data=draft_form(finalised, []))
    assert edit.status_code == 403
    assert issue(client, decision, number="46/QĐ-UBND").status_code == 200
    db.session.expire_all()
    assert db.session.get(ResultDecision, decision.id).number == "45/QĐ-UBND"


@pytest.mark.parametrize(
    ("number", "signed_on", "message"),
    [
        ("", "20/12/2021", "Vui lòng nhập trường này."),
        ("45/QĐ-UBND", "", "Vui lòng nhập trường này."),
        ("45/QĐ-UBND", "31/02/2021", "Ngày không hợp lệ"),
        ("45/QĐ-UBND", "future", "Ngày ký không được ở tương lai."),
        ("7/QĐ-UBND", "20/12/2021", "Số quyết định 7/QĐ-UBND đã được dùng"),
    ],
)
def test_issuing_needs_a_free_number_and_a_past_signing_date(
    client, auth, finalised, number, signed_on, message
):
    make_decision(finalised.round, [], number="7/QĐ-UBND")  # an earlier decision of the unit
    db.session.commit()
    if signed_on == "future":
        signed_on = (local_today() + timedelta(days=1)).strftime("%d/%m/%Y")
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    response = issue(client, decision, number, signed_on)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(ResultDecision, decision.id).is_issued
    assert not finalised.result.is_published


def test_the_same_number_in_another_unit_is_free(client, auth, finalised):
    other = build_session()
    make_decision(other.round, [], number="45/QĐ-UBND")
    db.session.commit()
    auth.login(finalised.secretary)
    assert issue(client, new_draft(client, finalised)).status_code == 302


def test_a_draft_number_already_taken_is_refused_on_save(client, auth, finalised):
    make_decision(finalised.round, [], number="7/QĐ-UBND")
    db.session.commit()
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    response = client.post(
        f"/reports/decisions/{decision.id}",
        data=draft_form(finalised, [finalised.result.id], number="7/QĐ-UBND"),
    )
    assert response.status_code == 200
    assert "Số quyết định 7/QĐ-UBND đã được dùng" in response.get_data(as_text=True)


def test_a_draft_with_no_result_ticked_is_refused_and_nothing_is_created(client, auth, finalised):
    auth.login(finalised.secretary)
    response = client.post(decisions_url(finalised), data=draft_form(finalised, []))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Hãy chọn ít nhất một kết quả để lập dự thảo quyết định." in page
    assert 'value="Nguyễn Văn Ký"' in page  # what was typed stays on the form
    assert db.session.scalar(select(ResultDecision.id)) is None
    assert "Đã lập dự thảo quyết định." not in page


def test_an_empty_decision_is_not_issued(client, auth, finalised):
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    client.post(f"/reports/decisions/{decision.id}", data=draft_form(finalised, []))
    response = issue(client, decision)
    assert "Quyết định chưa có kết quả nào" in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(ResultDecision, decision.id).is_issued


def test_a_result_published_elsewhere_cannot_be_approved_again(client, auth, finalised):
    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    make_decision(finalised.round, [], number="1/QĐ-UBND")
    finalised.result.published_at = finalised.result.finalised_at  # published by another route
    db.session.commit()
    response = issue(client, decision)
    assert "đã được công bố" in response.get_data(as_text=True)
    db.session.expire_all()
    assert not db.session.get(ResultDecision, decision.id).is_issued
    with pytest.raises(services.ReportsError):
        services.include_results(db.session.get(ResultDecision, decision.id), [finalised.result])


def test_a_provincial_decision_grants_certificates_and_lists_every_outcome(app):
    closed = build_session(level="province")
    certified = make_final_result(closed.item, "72.50", 4)
    below = make_final_result(add_item(closed, "Chiếu cói"), "45.00", None)
    excluded = make_final_result(
        add_item(closed, "Thảm bèo"), "61.00", None, outcome="excluded", knockout_reason="x"
    )
    decision = make_decision(
        closed.round, [certified, below, excluded], number="88/QĐ-UBND", place="Ninh Bình"
    )
    db.session.commit()
    from evalapp.reports.decision_document import decision_pdf

    text = flat(pdf_text(decision_pdf(decision)))
    assert "Điều 2. Các sản phẩm đạt từ 3 sao trở lên tại Điều 1 được cấp Giấy chứng nhận" in text
    assert "có giá trị 36 tháng kể từ ngày cấp" in text
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in text
    assert "Ninh Bình, ngày 20 tháng 12 năm 2021" in text
    assert "đối với 3 sản phẩm" in text
    assert "72,50 4 sao" in text
    assert "45,00 Không đạt hạng sao" in text and "61,00 Bị loại" in text
    annex = text[text.index("PHỤ LỤC") :]
    assert annex.index("Giỏ đay Hiếu Lâm") < annex.index("Thảm bèo") < annex.index("Chiếu cói")


def test_under_26_2026_the_province_decides_only_3_and_4_stars(app):
    """Điều 4.1.a: no decision for 1★ or 2★; the province does not recognise 5★ (Điều 4.1.b)."""
    closed = build_session(level="province")
    closed.round.rulebook_code = "26-2026"
    four = make_final_result(closed.item, "72.50", 4)
    two = make_final_result(add_item(closed, "Chiếu cói"), "45.00", 2)
    five = make_final_result(add_item(closed, "Thảm bèo"), "91.00", 5)
    decision = make_decision(
        closed.round, [four, two, five], number="88/QĐ-UBND", place="Ninh Bình"
    )
    db.session.commit()
    from evalapp.reports.decision_document import decision_pdf

    text = flat(pdf_text(decision_pdf(decision)))
    assert "đối với 1 sản phẩm" in text and "72,50 4 sao" in text
    assert "Chiếu cói" not in text and "Thảm bèo" not in text


def test_the_chair_reads_the_decisions_and_others_are_refused(client, auth, finalised):
    decision = make_decision(finalised.round, [finalised.result], number=None, issued=False)
    db.session.commit()
    auth.login(finalised.chair)
    page = client.get(decisions_url(finalised)).get_data(as_text=True)
    assert f"/reports/decisions/{decision.id}" in page and "Lập dự thảo" not in page
    page = client.get(f"/reports/decisions/{decision.id}").get_data(as_text=True)
    assert "Giỏ đay Hiếu Lâm" in page and 'name="number"' not in page
    assert client.get(f"/reports/decisions/{decision.id}/decision.pdf").status_code == 200
    assert client.post(decisions_url(finalised), data=draft_form(finalised, [])).status_code == 403
    edit = client.post(f"/reports/decisions/{decision.id}", data=draft_form(finalised, []))
    assert edit.status_code == 403
    auth.logout()
    auth.login(make_user(Role.SECRETARY))  # another unit's secretariat
    assert client.get(decisions_url(finalised)).status_code == 403
    assert client.get(f"/reports/decisions/{decision.id}").status_code == 403
    assert issue(client, decision).status_code == 403
    auth.logout()
    auth.login(make_producer(finalised.item.dossier.organisation))
    assert client.get(f"/reports/decisions/{decision.id}/decision.pdf").status_code == 403


def test_a_result_reopened_after_drafting_blocks_the_issue_until_the_draft_is_saved(
    client, auth, finalised
):
    from evalapp.results.models import ResultState

    auth.login(finalised.secretary)
    decision = new_draft(client, finalised)
    finalised.result.state = ResultState.REOPENED
    db.session.commit()
    response = issue(client, decision)
    assert "đã được mở lại" in response.get_data(as_text=True)
    saved = client.post(f"/reports/decisions/{decision.id}", data=draft_form(finalised, []))
    assert saved.status_code == 302
    db.session.expire_all()
    assert db.session.get(ResultDecision, decision.id).results == []
