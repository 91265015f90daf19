"""A product from 90 points at the province goes to the ministry (26/2026 Điều 7.3.e, 6.3): the
chair's approval, the proposal letter and its bundle; the ministry's cycle ends in a 5★ decision
and certificate (Điều 7.4.a–e); below 90 points the result returns to the province, which may
recognise 3★ or 4★ on it (Điều 7.4.g)."""

from datetime import date

import pytest
from sqlalchemy import select

from evalapp.advisory.models import AdvisoryReport, ReportState
from evalapp.auth.models import Role
from evalapp.certificates import services as certificates
from evalapp.common.time import utcnow
from evalapp.councils.models import SessionState
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.notices import services as notices
from evalapp.notices.document import notice_pdf
from evalapp.notifications.models import Notification
from evalapp.proposals import services as proposals
from evalapp.proposals.documents import approval_pdf, letter_pdf
from evalapp.proposals.services import ProposalsError
from evalapp.reports import building
from evalapp.reports import services as reports
from evalapp.reports.decision_document import decision_pdf
from evalapp.reports.services import ReportsError
from evalapp.results.models import Forwarding
from tests.factories import make_unit, make_user
from tests.integration.levels.conftest import central_item
from tests.integration.reports.conftest import flat, pdf_text


def approve_and_send(levels, client):
    """The provincial secretariat records the approval and sends the letter, through the pages."""
    five = levels.results["5"]
    approval = {
        f"a{five.id}-approval_number": "12/QĐ-UBND",
        f"a{five.id}-approved_on": "22/12/2021",
        f"a{five.id}-signer_name": "Phạm Quang Ngọc",
    }
    asked = client.post(f"/proposals/results/{five.id}/approve", data=approval)
    page = asked.get_data(as_text=True)  # issue 14: first what recording the approval does
    assert asked.status_code == 200 and 'id="confirmation"' in page
    assert (
        "Quyết định phê duyệt kết quả số 12/QĐ-UBND ngày 22/12/2021 được ghi nhận cho sản phẩm "
        "Đèn cói của Công ty TNHH Hiếu Lâm (91,00 điểm)" in page
    )
    assert "không sửa được số, ngày ký hay người ký" in page
    assert "nhà sản xuất và Bộ được thông báo khi văn bản được gửi" in page
    db.session.expire_all()
    assert five.five_star_proposal is None
    response = client.post(
        f"/proposals/results/{five.id}/approve", data={**approval, "confirmed": "1"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    letter = {
        f"l{five.id}-letter_number": "345/UBND-NN",
        f"l{five.id}-letter_on": "23/12/2021",
        f"l{five.id}-round_id": str(levels.central_round.id),
    }
    asked = client.post(f"/proposals/results/{five.id}/send", data=letter)
    page = asked.get_data(as_text=True)  # issue 14: first what sending does, and to whom
    assert asked.status_code == 200 and "Không thể rút lại văn bản đề nghị sau khi gửi." in page
    assert "Văn bản đề nghị số 345/UBND-NN ngày 23/12/2021" in page
    assert db.session.scalars(select(Forwarding)).first() is None
    response = client.post(f"/proposals/results/{five.id}/send", data={**letter, "confirmed": "1"})
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    return db.session.scalars(select(Forwarding)).one()


def test_the_chair_approves_from_90_points_and_the_province_proposes_to_the_ministry(
    levels, client, auth
):
    auth.login(levels.closed.secretary)
    page = client.get(f"/proposals/rounds/{levels.closed.round.id}").get_data(as_text=True)
    assert "Đèn cói" in page and "Giỏ đay Hiếu Lâm" not in page  # only from 90 points
    forwarding = approve_and_send(levels, client)
    proposal = levels.results["5"].five_star_proposal
    assert (forwarding.to_unit_id, forwarding.to_round_id) == (
        levels.central.id,
        levels.central_round.id,
    )
    assert forwarding.dossier.state is DossierState.FORWARDED
    assert proposal.forwarding_id == forwarding.id and proposal.letter_number == "345/UBND-NN"

    approval = flat(pdf_text(approval_pdf(proposal)))
    assert (
        "QUYẾT ĐỊNH Về việc phê duyệt kết quả đánh giá, phân hạng sản phẩm OCOP có tiềm" in approval
    )
    assert "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH NINH BÌNH" in approval and "Số: 12/QĐ-UBND" in approval
    assert "Đèn cói của Công ty TNHH Hiếu Lâm" in approval and "91,00 điểm" in approval
    assert "không công nhận hạng sao và không cấp giấy chứng nhận" in approval
    assert "Phạm Quang Ngọc" in approval
    letter = flat(pdf_text(letter_pdf(proposal)))
    assert "Số: 345/UBND-NN" in letter and "Ninh Bình, ngày 23 tháng 12 năm 2021" in letter
    assert "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP 5 sao" in letter
    assert "Kính gửi: Bộ Nông nghiệp và Môi trường" in letter
    assert "Quyết định số 12/QĐ-UBND ngày 22 tháng 12 năm 2021" in letter
    assert "Báo cáo đánh giá của Tổ tư vấn Hội đồng cấp tỉnh — Không có báo cáo" in letter
    assert "Quyết định phê duyệt kết quả đánh giá của Chủ tịch UBND cấp tỉnh" in letter

    told = db.session.scalars(
        select(Notification).where(Notification.user_id == levels.central_secretary.id)
    ).one()
    assert "Đèn cói" in told.body

    auth.logout()
    auth.login(levels.central_secretary)
    queue = client.get("/dossiers/intake").get_data(as_text=True)
    assert forwarding.dossier.receipt_code in queue
    dossier_page = client.get(f"/dossiers/{forwarding.dossier_id}").get_data(as_text=True)
    assert 'id="proposal-bundle"' in dossier_page
    assert "văn bản số 345/UBND-NN, quyết định phê duyệt kết quả số 12/QĐ-UBND" in dossier_page
    assert "Không có báo cáo của Tổ tư vấn trong hệ thống." in dossier_page
    for document in ("approval", "letter", "minutes"):
        url = f"/proposals/{proposal.id}/{document}.pdf"
        assert f'href="{url}"' in dossier_page
        answer = client.get(url)
        assert answer.status_code == 200 and answer.mimetype == "application/pdf"

    auth.logout()
    other = make_unit("Tỉnh Thái Bình", code="TB")
    auth.login(make_user(Role.SECRETARY, unit=other))
    assert client.get(f"/proposals/{proposal.id}/approval.pdf").status_code == 403
    assert client.get(f"/proposals/rounds/{levels.closed.round.id}").status_code == 403


def test_an_unconfirmed_approval_that_would_be_refused_says_why_at_once(levels, client, auth):
    five = levels.results["5"]
    auth.login(levels.closed.secretary)
    response = client.post(
        f"/proposals/results/{five.id}/approve",
        data={f"a{five.id}-approval_number": "12/QĐ-UBND", f"a{five.id}-approved_on": "22/12/2999"},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Ngày ký không được ở tương lai." in page
    assert 'id="confirmation"' not in page
    db.session.expire_all()
    assert five.five_star_proposal is None


def test_below_90_points_there_is_nothing_to_approve(levels):
    with pytest.raises(ProposalsError, match=r"Điều 7\.3\.e"):
        proposals.approve(
            levels.results["4"],
            proposals.ApprovalValues("12/QĐ-UBND", date(2021, 12, 22), "Phạm Quang Ngọc"),
            levels.closed.secretary,
        )


def test_the_letter_goes_only_after_the_approval_and_once(levels):
    values = proposals.ApprovalValues("12/QĐ-UBND", date(2021, 12, 22), "Phạm Quang Ngọc")
    proposal = proposals.approve(levels.results["5"], values, levels.closed.secretary)
    with pytest.raises(ProposalsError, match="trước quyết định phê duyệt"):
        proposals.send_to_ministry(
            proposal, "345/UBND-NN", date(2021, 12, 21), levels.closed.secretary
        )
    proposals.send_to_ministry(proposal, "345/UBND-NN", date(2021, 12, 22), levels.closed.secretary)
    with pytest.raises(ProposalsError, match="Đã gửi"):
        proposals.send_to_ministry(
            proposal, "346/UBND-NN", date(2021, 12, 23), levels.closed.secretary
        )
    with pytest.raises(ProposalsError, match="đã được phê duyệt"):
        proposals.approve(levels.results["5"], values, levels.closed.secretary)


def sent_dossier(levels):
    values = proposals.ApprovalValues("12/QĐ-UBND", date(2021, 12, 22), "Phạm Quang Ngọc")
    proposal = proposals.approve(levels.results["5"], values, levels.closed.secretary)
    forwarding = proposals.send_to_ministry(
        proposal, "345/UBND-NN", date(2021, 12, 22), levels.closed.secretary
    )
    db.session.commit()
    return forwarding.dossier


def test_the_ministry_recognises_5_stars_and_issues_the_certificate(levels, client, auth):
    result = central_item(levels, sent_dossier(levels), "94.00", 5)
    secretary = levels.central_secretary
    defaults = reports.default_values(levels.central_round)
    assert (defaults.issuing_body, defaults.signer_title) == (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
        "Bộ trưởng",
    )
    auth.login(secretary)
    page = client.get(f"/reports/rounds/{levels.central_round.id}/decisions").get_data(as_text=True)
    assert "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in page and "Điều 7.4.e" in page
    decision = reports.create_draft(
        levels.central_round,
        reports.DraftValues("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG", "Hà Nội", "Lê Minh Hoan", "Bộ trưởng"),
        [result],
        secretary,
    )
    reports.issue_decision(decision, "501/QĐ-BNNMT", date(2021, 12, 28), secretary)
    issued = certificates.issue_certificates(decision, secretary)
    db.session.commit()
    assert [(c.stars, c.unit_id, c.issuing_body) for c in issued] == [
        (5, levels.central.id, "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG")
    ]
    text = flat(pdf_text(decision_pdf(decision)))
    assert "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in text and "BỘ TRƯỞNG Lê Minh Hoan" in text
    assert "94,00 5 sao" in text and "TM. ỦY BAN NHÂN DÂN" not in text


def test_a_central_decision_refuses_a_4_star_class(levels):
    result = central_item(levels, sent_dossier(levels), "86.00", 4)
    with pytest.raises(ReportsError) as refused:
        reports.create_draft(
            levels.central_round,
            reports.default_values(levels.central_round),
            [result],
            levels.central_secretary,
        )
    message = str(refused.value)
    assert "Bộ Nông nghiệp và Môi trường chỉ công nhận" in message
    assert "Điều 4.1.a" in message and "Điều 7.4.g" in message


def test_only_the_central_office_decides_at_the_centre(levels, client, auth):
    auth.login(levels.closed.secretary)  # the province's secretariat
    assert client.get(f"/reports/rounds/{levels.central_round.id}/decisions").status_code == 403
    assert client.get(f"/notices/rounds/{levels.central_round.id}").status_code == 403


def test_below_90_at_the_centre_the_province_may_recognise_4_stars_on_it(levels, client, auth):
    result = central_item(levels, sent_dossier(levels), "86.00", 4)
    province_round = levels.closed.round
    assert result.id not in {r.id for r in reports.candidate_results(province_round)}
    sent = notices.send_notices(levels.central_round, levels.central_secretary)
    db.session.commit()
    assert len(sent) == 1
    text = flat(pdf_text(notice_pdf(sent[0])))
    assert "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" in text
    assert "UBND Tỉnh Ninh Bình" in text and "86,00 4 sao" in text
    assert "Sản phẩm không đạt 90 điểm" in text and "Điều 7.4.g" in text
    told = db.session.scalars(
        select(Notification).where(Notification.user_id == levels.closed.secretary.id)
    ).one()
    assert "Hội đồng cấp trung ương" in told.subject and "Điều 7.4.g" in told.body

    auth.login(levels.closed.secretary)
    page = client.get(f"/reports/rounds/{province_round.id}/decisions").get_data(as_text=True)
    assert 'id="returned-results"' in page and "Đèn cói — 86,00 điểm, 4 sao" in page
    assert result.id in {r.id for r in reports.candidate_results(province_round)}
    decision = reports.create_draft(
        province_round,
        reports.default_values(province_round),
        [levels.results["4"], result],
        levels.closed.secretary,
    )
    reports.issue_decision(decision, "95/QĐ-UBND", date(2022, 1, 10), levels.closed.secretary)
    issued = certificates.issue_certificates(decision, levels.closed.secretary)
    db.session.commit()
    by_result = {c.result_id: c for c in issued}
    assert by_result[result.id].stars == 4 and by_result[result.id].unit_id == levels.province.id
    assert "Đèn cói" in flat(pdf_text(decision_pdf(decision)))


def test_plain_forwarding_of_a_90_point_product_waits_for_the_approval(levels):
    from evalapp.results.forwarding import forward_result
    from evalapp.results.services import ResultsError

    with pytest.raises(ResultsError, match="quyết định phê duyệt"):
        forward_result(levels.results["5"], levels.central_round, levels.closed.secretary)


def test_the_result_page_of_a_90_point_product_leads_to_the_approval(levels, client, auth):
    auth.login(levels.closed.secretary)
    five = levels.results["5"]
    page = client.get(f"/results/items/{five.item_id}").get_data(as_text=True)
    assert 'id="forward-unavailable"' in page
    assert f'href="/proposals/rounds/{five.round_id}"' in page
    four = client.get(f"/results/items/{levels.results['4'].item_id}").get_data(as_text=True)
    assert f'href="/proposals/rounds/{five.round_id}"' not in four


def test_the_advisory_groups_report_travels_with_the_proposal(levels, client, auth):
    """Điều 6.3.a: the bundle carries the provincial advisory group's report once it was sent to
    the chair; the ministry's office reads it from the forwarded dossier; a draft never travels."""
    origin = levels.results["5"].dossier
    report = AdvisoryReport(
        dossier=origin,
        council=levels.closed.item.session.council,
        part_a="Nguồn nguyên liệu cói tại địa phương, đủ hồ sơ.",
        conclusion="Đề nghị Hội đồng xem xét đề xuất 5 sao.",
        state=ReportState.DRAFT,
    )
    db.session.add(report)
    forwarding_dossier = sent_dossier(levels)
    proposal = levels.results["5"].five_star_proposal
    auth.login(levels.central_secretary)
    url = f"/proposals/{proposal.id}/advisory-report.pdf"
    page = client.get(f"/dossiers/{forwarding_dossier.id}").get_data(as_text=True)
    assert "Không có báo cáo của Tổ tư vấn trong hệ thống." in page and url not in page
    assert client.get(url).status_code == 404

    report.state, report.submitted_at = ReportState.SUBMITTED, utcnow()
    db.session.commit()
    page = client.get(f"/dossiers/{forwarding_dossier.id}").get_data(as_text=True)
    assert f'href="{url}"' in page
    answer = client.get(url)
    assert answer.status_code == 200 and answer.mimetype == "application/pdf"
    assert "Đề nghị Hội đồng xem xét đề xuất 5 sao." in flat(pdf_text(answer.data))
    auth.logout()
    auth.login(make_user(Role.SECRETARY, unit=make_unit("Tỉnh Thái Bình", code="TB")))
    assert client.get(url).status_code == 403


def test_the_bundles_minutes_are_the_provinces_built_minutes(levels, client, auth):
    """The minutes in the 5★ bundle are the document the province's secretariat built for the
    session's data (issue 17's cache), not a second rendering."""
    auth.login(levels.closed.secretary)
    approve_and_send(levels, client)
    proposal = levels.results["5"].five_star_proposal
    session = proposal.result.item.session
    built = client.get(f"/reports/sessions/{session.id}/minutes.pdf")
    assert built.status_code == 200 and built.mimetype == "application/pdf"
    job = building.current_document(
        session, building.KINDS["minutes"], building.session_stamp(session.id)
    )
    assert job is not None and job.file is not None
    auth.logout()
    auth.login(levels.central_secretary)
    answer = client.get(f"/proposals/{proposal.id}/minutes.pdf")
    assert answer.status_code == 200 and answer.data == built.data


def test_the_bundles_minutes_of_a_session_still_open_say_why_they_are_missing(levels, client, auth):
    auth.login(levels.closed.secretary)
    approve_and_send(levels, client)
    proposal = levels.results["5"].five_star_proposal
    proposal.result.item.session.state = SessionState.OPEN
    db.session.commit()
    answer = client.get(f"/proposals/{proposal.id}/minutes.pdf", follow_redirects=True)
    assert answer.status_code == 200
    assert "chỉ lập được sau khi phiên họp kết thúc" in answer.get_data(as_text=True)
