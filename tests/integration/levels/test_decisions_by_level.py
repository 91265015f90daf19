"""Decisions by level under 26/2026: the province recognises and certifies 3★ and 4★ only
(Điều 4.1.a, 7.3.đ–e), never 1★, 2★ nor a 5★ class; every result gets a written notice
(Điều 7.3.g)."""

from datetime import date

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.certificates import services as certificates
from evalapp.extensions import db
from evalapp.notices import services as notices
from evalapp.notices.document import notice_pdf
from evalapp.notifications.models import Notification
from evalapp.reports import services as reports
from evalapp.reports.services import ReportsError
from tests.factories import make_decision, make_organisation, make_producer, make_user
from tests.integration.reports.conftest import flat, pdf_text


def values(**fields):
    return reports.DraftValues(
        issuing_body="ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        place="Ninh Bình",
        signer_name="Nguyễn Văn Ký",
        signer_title="Chủ tịch",
        **fields,
    )


def issued_decision(levels, number="88/QĐ-UBND"):
    secretary = levels.closed.secretary
    decision = reports.create_draft(
        levels.closed.round, values(), [levels.results["4"], levels.results["3"]], secretary
    )
    reports.issue_decision(decision, number, date(2021, 12, 20), secretary)
    db.session.commit()
    return decision


@pytest.mark.parametrize(
    ("key", "words"),
    [
        ("5", ["Đèn cói đạt 5 sao (từ 90 điểm)", "Điều 4.1.b", "Điều 7.3.e"]),
        ("2", ["Thảm bèo đạt 2 sao", "1 sao hoặc 2 sao", "Điều 4.1.a", "Điều 7.3.g"]),
        ("x", ["Khay tre không đạt hạng sao", "Điều 4.1.a"]),
    ],
)
def test_the_province_refuses_to_recognise_a_class_it_does_not_decide(levels, key, words):
    with pytest.raises(ReportsError) as refused:
        reports.create_draft(
            levels.closed.round, values(), [levels.results[key]], levels.closed.secretary
        )
    message = str(refused.value)
    assert all(word in message for word in words), message
    assert "26/2026/QĐ-TTg" in message


def test_the_decision_page_offers_only_3_and_4_stars_and_refuses_a_posted_5(levels, client, auth):
    auth.login(levels.closed.secretary)
    url = f"/reports/rounds/{levels.closed.round.id}/decisions"
    page = client.get(url).get_data(as_text=True)
    offered = {r.id for r in reports.candidate_results(levels.closed.round)}
    assert offered == {levels.results["4"].id, levels.results["3"].id}
    assert "Thông báo kết quả (Điều 7.3.g)" in page and "Điều 7.3.e" in page
    form = {
        "issuing_body": "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH",
        "place": "Ninh Bình",
        "signer_title": "Chủ tịch",
        "signer_name": "Nguyễn Văn Ký",
        "results": [str(levels.results["5"].id)],
    }
    answer = client.post(url, data=form).get_data(as_text=True)
    assert "Vui lòng chọn một giá trị trong danh sách." in answer  # not offered, not taken
    assert reports.decisions_of(levels.closed.round) == []


def test_issuing_refuses_a_draft_that_holds_a_5_star_class(levels):
    """A draft written before this rule (or by hand) still cannot be issued with a 5★ class."""
    decision = make_decision(
        levels.closed.round, [levels.results["4"], levels.results["5"]], issued=False
    )
    with pytest.raises(ReportsError, match=r"Điều 7\.3\.e"):
        reports.issue_decision(decision, "90/QĐ-UBND", date(2021, 12, 20), levels.closed.secretary)


def test_certificates_go_to_3_and_4_stars_only_with_the_rule_named(levels):
    decision = make_decision(
        levels.closed.round,
        [levels.results[k] for k in ("4", "3", "2", "5")],
        number="88/QĐ-UBND",
    )
    db.session.commit()
    issued = certificates.issue_certificates(decision, levels.closed.secretary)
    assert sorted(c.stars for c in issued) == [3, 4]
    reasons = {row.result.stars: row.reason for row in certificates.eligibility(decision)}
    assert "không cấp giấy chứng nhận" in reasons[2] and "Điều 4.1.a" in reasons[2]
    assert "Điều 7.3.e" in reasons[5] and "Điều 4.1.b" in reasons[5]


def test_every_result_gets_a_written_notice_once_settled(levels, client, auth):
    round_ = levels.closed.round
    waiting = {r.id: notices.waiting_for(r) for r in notices.round_results(round_)}
    assert "Chờ quyết định công nhận" in waiting[levels.results["4"].id]
    assert "chờ Chủ tịch UBND cấp tỉnh phê duyệt" in waiting[levels.results["5"].id]
    assert waiting[levels.results["2"].id] == "" and waiting[levels.results["x"].id] == ""

    issued_decision(levels)
    auth.login(levels.closed.secretary)
    page = client.get(f"/notices/rounds/{round_.id}").get_data(as_text=True)
    assert "Chờ gửi" in page
    asked = client.post(f"/notices/rounds/{round_.id}").get_data(as_text=True)
    assert "4 thông báo kết quả được cấp số" in asked  # issue 14: first what it does, to whom
    assert "Không thể thu hồi thông báo đã gửi." in asked
    assert "Thảm bèo (Công ty TNHH Hiếu Lâm): " in asked
    assert levels.commune_officer.full_name in asked and levels.producer.full_name in asked
    assert not any(r.notice for r in notices.round_results(round_))
    response = client.post(
        f"/notices/rounds/{round_.id}", data={"confirmed": "1"}, follow_redirects=True
    )
    assert "Đã gửi 4 thông báo kết quả." in response.get_data(as_text=True)
    db.session.expire_all()
    sent = {r.stars: r.notice for r in notices.round_results(round_) if r.notice}
    assert set(sent) == {4, 3, 2, None}
    assert levels.results["5"].notice is None  # waits for the chair's approval

    two = flat(pdf_text(notice_pdf(sent[2])))
    assert "THÔNG BÁO" in two and "Kết quả đánh giá, phân hạng sản phẩm OCOP năm 2021" in two
    assert "Kính gửi: - UBND Xã Thượng Kiệm; - Công ty TNHH Hiếu Lâm;" in two
    assert "Thảm bèo" in two and "45,00 2 sao" in two
    assert "không ban hành quyết định công nhận và không cấp giấy chứng nhận" in two
    assert "Điều 4.1.a" in two
    four = flat(pdf_text(notice_pdf(sent[4])))
    assert (
        "được công nhận đạt 4 sao theo Quyết định số 88/QĐ-UBND ngày 20 tháng 12 năm 2021" in four
    )

    told = db.session.scalars(
        select(Notification).where(Notification.user_id == levels.commune_officer.id)
    ).all()
    assert len(told) == 4 and all("Thông báo kết quả" in n.subject for n in told)
    again = client.post(f"/notices/rounds/{round_.id}", follow_redirects=True)
    assert "Không có kết quả nào chờ gửi thông báo." in again.get_data(as_text=True)

    auth.logout()
    auth.login(levels.producer)
    two_dossier = levels.results["2"].dossier_id
    dossier_page = client.get(f"/dossiers/{two_dossier}").get_data(as_text=True)
    assert 'id="result-notice"' in dossier_page and "45,00 điểm, 2 sao" in dossier_page
    outcome = client.get(f"/results/dossiers/{two_dossier}").get_data(as_text=True)
    assert 'id="outcome-pending"' not in outcome and "45,00" in outcome
    assert client.get(f"/notices/{sent[2].id}.pdf").status_code == 200
    auth.logout()
    auth.login(make_producer(make_organisation(name="HTX khác")))
    assert client.get(f"/notices/{sent[2].id}.pdf").status_code == 403
    auth.logout()
    auth.login(levels.commune_officer)
    assert client.get(f"/notices/{sent[2].id}.pdf").status_code == 200


def test_before_the_notice_the_producer_of_a_2_star_product_sees_nothing(levels, client, auth):
    auth.login(levels.producer)
    page = client.get(f"/results/dossiers/{levels.results['2'].dossier_id}")
    assert 'id="outcome-pending"' in page.get_data(as_text=True)


def test_only_the_rounds_secretariat_sends_notices(levels, client, auth):
    url = f"/notices/rounds/{levels.closed.round.id}"
    auth.login(levels.central_secretary)
    assert client.get(url).status_code == 403
    auth.logout()
    auth.login(levels.closed.chair)
    assert client.post(url).status_code == 403
    auth.logout()
    auth.login(make_user(Role.SECRETARY))
    assert client.post(url).status_code == 403
