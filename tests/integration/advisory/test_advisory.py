"""The advisory group of a council at work (26/2026 Điều 7.3.c): assignment by the secretariat,
the adviser's review, site visit, lab tests, supplement requests and report, and who sees what."""

from __future__ import annotations

import re
import subprocess

from sqlalchemy import select

from evalapp.advisory.models import AdvisoryReport, ReportState
from evalapp.auth.models import Role
from evalapp.dossiers.models import DossierState, RegistrationType
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.factories import make_user
from tests.integration.advisory.conftest import (
    all_met,
    day,
    lab_pdf,
    photo,
    visit_data,
)
from tests.integration.dossiers.conftest import pdf_file
from tests.integration.faults import is_missing_file_page, lose_stored_file

REPORT = {
    "part_a": "Nguyên liệu cói địa phương, lao động là thành viên hợp tác xã.",
    "part_b": "Có kênh bán hàng trực tuyến, bao bì đạt yêu cầu.",
    "part_c": "Kết quả kiểm nghiệm độ ẩm đạt.",
    "conclusion": "Đề nghị Hội đồng đánh giá, phân hạng sản phẩm đạt 4 sao.",
}


def notifications_of(user) -> list[str]:
    return list(
        db.session.scalars(select(Notification.subject).where(Notification.user_id == user.id))
    )


def url(group, tail: str = "") -> str:
    return f"/advisory/dossiers/{group.dossier.id}{tail}"


def do_everything(client, group) -> None:
    """Review every document, record a visit with a photo, a lab test and its result."""
    assert client.post(url(group, "/documents"), data=all_met(group.dossier)).status_code == 302
    data = {**visit_data(), "photos": [photo()]}
    assert client.post(url(group, "/visits/new"), data=data).status_code == 302
    test_request = {"indicators": "Độ ẩm, nấm mốc", "reason": "Hồ sơ thiếu", "due_on": day(10)}
    assert client.post(url(group, "/lab-tests"), data=test_request).status_code == 302
    from evalapp.advisory.models import LabTestRequest

    test = db.session.scalars(select(LabTestRequest)).one()
    result = {"result_on": day(0), "passed": "yes", "report_file": lab_pdf()}
    assert client.post(f"/advisory/lab-tests/{test.id}/result", data=result).status_code == 302


# --- assignment and workload ------------------------------------------------------------------------


def workload(row: str, column: str) -> str:
    """The figure in a member's row of the workload table, under `column`."""
    return re.search(rf'<td class="[^"]*\b{column}\b[^"]*"[^>]*>(\d+)</td>', row).group(1)


def test_secretary_assigns_and_sees_the_workload(assigned, login):
    page = login(assigned.secretary).get(f"/advisory/councils/{assigned.council.id}")
    assert page.status_code == 200
    text = page.text
    assert "Đỗ Thị Hằng" in text and "Giỏ đay Hiếu Lâm" in text
    assert 'data-member="Đỗ Thị Hằng"' in text
    row = text.split('data-member="Đỗ Thị Hằng"')[1].split("</tr>")[0]
    assert workload(row, "assigned") == "1"
    assert "Được phân công thẩm định hồ sơ OCOP" in notifications_of(assigned.adviser.user)


def test_workload_counts_visits_pending_tests_and_reports(assigned, login):
    adviser = login(assigned.adviser.user)
    adviser.post(url(assigned, "/visits/new"), data=visit_data())
    adviser.post(
        url(assigned, "/lab-tests"),
        data={"indicators": "Độ ẩm", "reason": "Thiếu phiếu", "due_on": day(5)},
    )
    text = login(assigned.secretary).get(f"/advisory/councils/{assigned.council.id}").text
    row = text.split('data-member="Đỗ Thị Hằng"')[1].split("</tr>")[0]
    assert workload(row, "visits") == "1"
    assert workload(row, "pending") == "1"
    assert workload(row, "submitted") == "0"
    other = text.split('data-member="Lê Văn Khảo"')[1].split("</tr>")[0]
    assert workload(other, "assigned") == "0"


def test_secretary_removes_an_assignment(assigned, login):
    from evalapp.advisory.models import AdvisoryAssignment

    client = login(assigned.secretary)
    assignment = db.session.scalars(select(AdvisoryAssignment)).one()
    page = client.get(f"/advisory/councils/{assigned.council.id}").text
    assert f"/advisory/assignments/{assignment.id}/delete" in page
    response = client.post(f"/advisory/assignments/{assignment.id}/delete")
    assert response.status_code == 302
    assert db.session.scalars(select(AdvisoryAssignment)).all() == []
    assert login(assigned.adviser.user).get(url(assigned)).status_code == 403


def test_assignment_refuses_a_scoring_seat_and_twice_the_same(assigned, login):
    client = login(assigned.secretary)
    chair_seat = assigned.meeting.chair
    path = f"/advisory/councils/{assigned.council.id}/assignments"
    response = client.post(path, data={"dossier": assigned.dossier.id, "member": chair_seat.id})
    assert response.status_code == 400
    assert "không thuộc Tổ tư vấn" in response.text
    again = client.post(path, data={"dossier": assigned.dossier.id, "member": assigned.adviser.id})
    assert again.status_code == 400 and "đã được phân công hồ sơ này" in again.text


def test_only_accepted_dossiers_are_assigned(group, login):
    group.dossier.state = DossierState.RECEIVED
    db.session.commit()
    response = login(group.secretary).post(
        f"/advisory/councils/{group.council.id}/assignments",
        data={"dossier": group.dossier.id, "member": group.adviser.id},
    )
    assert response.status_code == 400
    assert "Chỉ phân công hồ sơ đã được chấp nhận" in response.text


def test_another_province_cannot_assign(group, login):
    client = login(group.outsider)
    assert client.get(f"/advisory/councils/{group.council.id}").status_code == 403
    response = client.post(
        f"/advisory/councils/{group.council.id}/assignments",
        data={"dossier": group.dossier.id, "member": group.adviser.id},
    )
    assert response.status_code == 403


def test_crafted_ids_are_not_found(assigned, login):
    adviser = login(assigned.adviser.user)
    assert adviser.get("/advisory/dossiers/999999").status_code == 404
    assert adviser.post("/advisory/lab-tests/999999/result", data={}).status_code == 404
    assert adviser.get("/advisory/photos/999999").status_code == 404
    assert login(assigned.secretary).get("/advisory/councils/999999").status_code == 404


# --- the adviser's queue and records -----------------------------------------------------------------


def test_adviser_queue_lists_what_is_left(assigned, login):
    page = login(assigned.adviser.user).get("/advisory/")
    assert page.status_code == 200
    assert "Giỏ đay Hiếu Lâm" in page.text
    assert "Chưa xem xét hết các thành phần hồ sơ." in page.text
    assert "Chưa có biên bản khảo sát thực tế tại cơ sở." in page.text
    home = login(assigned.adviser.user).get("/")
    assert "/advisory/" in home.text


def test_document_review_needs_a_comment_unless_met(assigned, login):
    client = login(assigned.adviser.user)
    data = all_met(assigned.dossier)
    data["finding-ket_qua_kiem_nghiem"] = "needs_supplement"
    response = client.post(url(assigned, "/documents"), data=data)
    assert response.status_code == 400
    assert "Vui lòng ghi nhận xét cho mục “Cần bổ sung”." in response.text
    data["comment-ket_qua_kiem_nghiem"] = "Phiếu kiểm nghiệm đã quá 12 tháng."
    assert client.post(url(assigned, "/documents"), data=data).status_code == 302
    report = db.session.scalars(select(AdvisoryReport)).one()
    assert report.document_findings["ket_qua_kiem_nghiem"] == {
        "finding": "needs_supplement",
        "comment": "Phiếu kiểm nghiệm đã quá 12 tháng.",
    }


def test_site_visit_with_a_photo(assigned, login):
    client = login(assigned.adviser.user)
    assert client.get(url(assigned, "/visits/new")).status_code == 200
    response = client.post(url(assigned, "/visits/new"), data={**visit_data(), "photos": [photo()]})
    assert response.status_code == 302
    page = client.get(url(assigned)).text
    assert "Nguyên liệu cói lấy tại địa phương" in page
    assert "/advisory/photos/" in page
    photo_url = page.split('src="/advisory/photos/')[1].split('"')[0]
    with client.get(f"/advisory/photos/{photo_url}") as image:
        assert image.status_code == 200 and image.mimetype == "image/png"


def test_site_visit_refusals(assigned, login):
    client = login(assigned.adviser.user)
    future = client.post(url(assigned, "/visits/new"), data=visit_data(visited_on=day(3)))
    assert future.status_code == 400 and "Ngày khảo sát không thể sau hôm nay." in future.text
    unknown = client.post(url(assigned, "/visits/new"), data=visit_data(**{"criterion-0": "Z9"}))
    assert unknown.status_code == 400
    assert "Tiêu chí không có trong phiếu đánh giá của hồ sơ." in unknown.text
    not_image = client.post(
        url(assigned, "/visits/new"), data={**visit_data(), "photos": [pdf_file("Ảnh.pdf")]}
    )
    assert not_image.status_code == 400
    assert "Ảnh.pdf" in not_image.text
    nobody = client.post(url(assigned, "/visits/new"), data=visit_data(present=""))
    assert nobody.status_code == 400 and "thành phần tham dự" in nobody.text


def test_lab_test_request_reaches_the_producer_then_its_result(assigned, login):
    adviser = login(assigned.adviser.user)
    response = adviser.post(
        url(assigned, "/lab-tests"),
        data={"indicators": "Độ ẩm, nấm mốc", "reason": "Thiếu phiếu", "due_on": day(10)},
    )
    assert response.status_code == 302
    assert "Đề nghị bổ sung kết quả kiểm nghiệm" in notifications_of(assigned.producer)
    producer_page = login(assigned.producer).get(f"/dossiers/{assigned.dossier.id}").text
    assert "Độ ẩm, nấm mốc" in producer_page
    from evalapp.advisory.models import LabTestRequest

    test = db.session.scalars(select(LabTestRequest)).one()
    missing = adviser.post(
        f"/advisory/lab-tests/{test.id}/result", data={"result_on": day(0), "passed": "yes"}
    )
    assert missing.status_code == 400
    assert "Vui lòng đính kèm phiếu kết quả kiểm nghiệm." in missing.text
    done = adviser.post(
        f"/advisory/lab-tests/{test.id}/result",
        data={"result_on": day(0), "passed": "no", "report_file": lab_pdf()},
    )
    assert done.status_code == 302
    db.session.expire_all()
    assert test.passed is False and test.result_file is not None
    producer_page = login(assigned.producer).get(f"/dossiers/{assigned.dossier.id}").text
    assert "Độ ẩm, nấm mốc" not in producer_page  # no longer pending


def test_supplement_request_reaches_the_producer(assigned, login):
    response = login(assigned.adviser.user).post(
        url(assigned, "/supplements"),
        data={"message": "Bổ sung hợp đồng liên kết vùng nguyên liệu.", "due_on": day(7)},
    )
    assert response.status_code == 302
    assert "Tổ tư vấn đề nghị bổ sung hồ sơ OCOP" in notifications_of(assigned.producer)
    page = login(assigned.producer).get(f"/dossiers/{assigned.dossier.id}").text
    assert "Bổ sung hợp đồng liên kết vùng nguyên liệu." in page
    assert (
        db.session.get(type(assigned.dossier), assigned.dossier.id).state is DossierState.ACCEPTED
    )


# --- the report -----------------------------------------------------------------------------------------


def test_report_cannot_go_before_the_work_is_done(assigned, login):
    client = login(assigned.adviser.user)
    response = client.post(url(assigned, "/report"), data={**REPORT, "send": "1"})
    assert response.status_code == 400
    assert "Chưa có biên bản khảo sát thực tế tại cơ sở." in response.text
    report = db.session.scalars(select(AdvisoryReport)).one()
    assert report.state is ReportState.DRAFT and report.conclusion == REPORT["conclusion"]


def test_submitted_report_is_frozen_and_reaches_the_chair(assigned, login):
    client = login(assigned.adviser.user)
    do_everything(client, assigned)
    assert client.post(url(assigned, "/report"), data={**REPORT, "send": "1"}).status_code == 302
    assert "Báo cáo đánh giá của Tổ tư vấn" in notifications_of(assigned.chair)
    refused = client.post(url(assigned, "/supplements"), data={"message": "Thêm nữa"})
    assert refused.status_code == 400
    assert "không sửa được nữa" in refused.text
    again = client.post(
        url(assigned, "/report"), data={**REPORT, "conclusion": "Khác", "save": "1"}
    )
    assert again.status_code == 400
    db.session.expire_all()
    assert db.session.scalars(select(AdvisoryReport)).one().conclusion == REPORT["conclusion"]


def test_re_evaluation_reports_without_a_site_visit(assigned, login):
    assigned.dossier.registration_type = RegistrationType.RE_EVALUATION
    db.session.commit()
    client = login(assigned.adviser.user)
    client.post(url(assigned, "/documents"), data=all_met(assigned.dossier))
    response = client.post(url(assigned, "/report"), data={**REPORT, "send": "1"})
    assert response.status_code == 302
    assert db.session.scalars(select(AdvisoryReport)).one().state is ReportState.SUBMITTED


def test_secretary_reopens_with_a_reason(assigned, login):
    adviser = login(assigned.adviser.user)
    do_everything(adviser, assigned)
    adviser.post(url(assigned, "/report"), data={**REPORT, "send": "1"})
    secretary = login(assigned.secretary)
    assert secretary.post(url(assigned, "/reopen"), data={"reason": ""}).status_code == 400
    response = secretary.post(url(assigned, "/reopen"), data={"reason": "Thiếu nhận xét phần B."})
    assert response.status_code == 302
    page = adviser.get(url(assigned)).text
    assert "Thiếu nhận xét phần B." in page and 'id="report-form"' in page
    assert "Báo cáo đánh giá được mở lại" in notifications_of(assigned.adviser.user)


def submitted(group, login):
    client = login(group.adviser.user)
    do_everything(client, group)
    assert client.post(url(group, "/report"), data={**REPORT, "send": "1"}).status_code == 302


def test_council_reads_the_report_beside_the_dossier(assigned, login):
    submitted(assigned, login)
    item = assigned.meeting.item
    for user in (assigned.chair, assigned.member):
        client = login(user)
        dossier_page = client.get(f"/dossiers/{assigned.dossier.id}").text
        assert REPORT["conclusion"] in dossier_page, user
        assert f"/advisory/dossiers/{assigned.dossier.id}/report.pdf" in dossier_page
        assert client.get(url(assigned, "/report")).status_code == 200
    sheet = login(assigned.member).get(f"/scoring/items/{item.id}").text
    assert REPORT["conclusion"] in sheet


def test_who_reads_and_writes_the_file(assigned, login):
    submitted(assigned, login)
    producer = login(assigned.producer)
    assert producer.get(url(assigned, "/report")).status_code == 403
    assert producer.get(url(assigned, "/report.pdf")).status_code == 403
    assert REPORT["conclusion"] not in producer.get(f"/dossiers/{assigned.dossier.id}").text
    other = login(assigned.other_adviser.user)
    assert other.get(url(assigned)).status_code == 403
    assert other.post(url(assigned, "/supplements"), data={"message": "x"}).status_code == 403
    outsider = login(assigned.outsider)
    assert outsider.get(url(assigned)).status_code == 403
    assert outsider.get(url(assigned, "/report")).status_code == 403
    chair = login(assigned.chair)
    assert chair.get(url(assigned)).status_code == 403  # the file itself is the group's
    assert chair.post(url(assigned, "/report"), data=REPORT).status_code == 403
    assert login(assigned.member).post(url(assigned, "/documents"), data={}).status_code == 403
    assert login(assigned.secretary).get(url(assigned)).status_code == 200


def test_a_conflicted_member_does_not_read_the_report(assigned, login):
    submitted(assigned, login)
    declaration = assigned.meeting.item.declaration_of(assigned.meeting.members[2])
    declaration.has_conflict = True
    db.session.commit()
    assert login(assigned.member).get(url(assigned, "/report")).status_code == 403


def test_an_unassigned_adviser_cannot_write(assigned, login):
    client = login(assigned.other_adviser.user)
    response = client.post(url(assigned, "/visits/new"), data=visit_data())
    assert response.status_code == 403
    assert (
        client.post(url(assigned, "/documents"), data=all_met(assigned.dossier)).status_code == 403
    )


def test_an_adviser_of_another_province_is_shown_nothing_on_a_write(assigned, login):
    """Every write to the file is refused before the file is shown (it used to be answered 400
    with the whole file of the other province's dossier on the page)."""
    adviser = login(assigned.adviser.user)
    lab_test = {"indicators": "Độ ẩm, nấm mốc", "reason": "Thiếu phiếu", "due_on": day(10)}
    assert adviser.post(url(assigned, "/lab-tests"), data=lab_test).status_code == 302
    from evalapp.advisory.models import LabTestRequest

    test = db.session.scalars(select(LabTestRequest)).one()
    province = assigned.outsider.unit
    client = login(make_user(Role.ADVISORY_MEMBER, unit=province))
    for path in (
        url(assigned, "/documents"),
        url(assigned, "/lab-tests"),
        url(assigned, "/supplements"),
        url(assigned, "/report"),
        f"/advisory/lab-tests/{test.id}/result",
    ):
        response = client.post(path, data={})
        assert response.status_code == 403, path
        assert "Độ ẩm, nấm mốc" not in response.text
    db.session.expire_all()
    assert test.result_on is None and test.passed is None


def test_report_pdf_in_vietnamese(assigned, login):
    submitted(assigned, login)
    response = login(assigned.chair).get(url(assigned, "/report.pdf"))
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=response.data, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "BÁO CÁO ĐÁNH GIÁ" in flat
    assert "Giỏ đay Hiếu Lâm" in flat
    assert "Nguyên liệu cói lấy tại địa phương" in flat  # the site visit
    assert "Độ ẩm, nấm mốc" in flat and "Đạt" in flat  # the lab test
    assert "Đề nghị Hội đồng đánh giá, phân hạng sản phẩm đạt 4 sao." in flat


def test_removing_an_adviser_before_the_council_meets_drops_their_assignments(app):
    from evalapp.advisory import services
    from evalapp.advisory.models import AdvisoryAssignment
    from evalapp.auth.models import Role
    from evalapp.councils import services as councils
    from evalapp.councils.models import Position
    from tests.factories import (
        make_accepted_dossier,
        make_council,
        make_organisation,
        make_round,
        make_unit,
        make_user,
    )

    province = make_unit("Tỉnh Ninh Bình", code="NB")
    round_ = make_round(province, rulebook_code="26-2026", level_code="province")
    secretary = make_user(Role.SECRETARY, unit=province)
    adviser = make_user(Role.ADVISORY_MEMBER, unit=province)
    council = make_council(round_, [(secretary, Position.SECRETARY), (adviser, Position.ADVISORY)])
    dossier = make_accepted_dossier(round_, make_organisation())
    services.assign(dossier, council.members[1], council, secretary)
    db.session.commit()
    councils.remove_member(council, council.members[1], secretary)
    db.session.commit()
    assert db.session.scalars(select(AdvisoryAssignment)).all() == []


def test_a_visit_photo_and_a_lab_report_missing_from_the_storage_are_clear_404s(assigned, login):
    """Issue 16: a database restored without its stored files; the dossier's file still opens."""
    from evalapp.advisory.models import LabTestRequest, SiteVisitPhoto

    adviser = login(assigned.adviser.user)
    adviser.post(url(assigned, "/visits/new"), data={**visit_data(), "photos": [photo()]})
    adviser.post(
        url(assigned, "/lab-tests"),
        data={"indicators": "Độ ẩm", "reason": "Thiếu phiếu", "due_on": day(10)},
    )
    test = db.session.scalars(select(LabTestRequest)).one()
    adviser.post(
        f"/advisory/lab-tests/{test.id}/result",
        data={"result_on": day(0), "passed": "yes", "report_file": lab_pdf()},
    )
    db.session.expire_all()
    visit_photo = db.session.scalars(select(SiteVisitPhoto)).one()
    lose_stored_file(visit_photo.file)
    lose_stored_file(test.result_file)

    missing_photo = adviser.get(f"/advisory/photos/{visit_photo.id}")
    missing_report = adviser.get(f"/advisory/lab-tests/{test.id}/file")

    assert is_missing_file_page(missing_photo, "Xưởng đan.png")
    assert is_missing_file_page(missing_report, "Phiếu kết quả kiểm nghiệm.pdf")
    assert adviser.get(url(assigned)).status_code == 200
