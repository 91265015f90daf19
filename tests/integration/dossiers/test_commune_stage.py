"""The commune stage under 26/2026 (Điều 6.2, 7.1, 7.2; Phụ lục III Mẫu số 03): the 15 working
days from the producer's filing, the written assessment of the four contents, Mẫu số 03 and the
proposal letter, forwarding late, and what the province's secretariat sees."""

from dataclasses import replace
from datetime import date, datetime
from io import BytesIO

import pytest
from pypdf import PdfReader

from evalapp.auth.models import Role
from evalapp.common.uploads import check_upload
from evalapp.demo.clock import replay
from evalapp.demo.forms import fill_forms
from evalapp.dossiers import services
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    hand_over_samples,
    make_organisation,
    make_producer,
    make_product,
    make_round,
    make_unit,
    make_user,
)
from tests.integration.dossiers.conftest import Scenario, pdf_file, start
from tests.unit.rules.test_hand_computed_26_2026 import BASKET

FILED = date(2026, 8, 21)  # a Friday: Saturday 22/8 is worked, 31/8–2/9 are off
DEADLINE = "15/09/2026"  # the 15th working day after the filing (Điều 7.2)
REMARKS = {
    "local_origin": "Cói nguyên liệu mua của các hộ trồng cói ven biển xã Kim Sơn.",
    "local_labour": "Sử dụng 25 lao động thường xuyên, đều là người địa phương.",
    "idea_origin": "Nghề dệt cói truyền thống hơn 100 năm của làng.",
    "local_identity": "Kỹ thuật se sợi và nhuộm cói thủ công đặc trưng của vùng Kim Sơn.",
}
CLOSING = (
    "Ủy ban nhân dân xã Kim Sơn đề nghị Ủy ban nhân dân tỉnh Ninh Bình đánh giá, phân hạng "
    "sản phẩm OCOP cho sản phẩm Thảm cói Kim Sơn của Hợp tác xã Cói Kim Sơn."
)


@pytest.fixture
def kim_son_2026(app):
    """A provincial round under 26/2026; the producer files with Xã Kim Sơn."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province, code="NB-KS")
    organisation = make_organisation(
        commune=commune, name="Hợp tác xã Cói Kim Sơn", address="Xóm 5, xã Kim Sơn"
    )
    round_ = make_round(
        province,
        rulebook_code="26-2026",
        name="Đợt đánh giá OCOP tỉnh Ninh Bình 2026",
        year=2026,
        submission_opens_on=date(2026, 6, 1),
        submission_closes_on=date(2026, 12, 31),
        scoring_starts_on=date(2027, 1, 11),
        scoring_ends_on=date(2027, 1, 22),
    )
    scenario = Scenario(
        province,
        province,
        commune,
        organisation,
        make_producer(organisation),
        make_user(Role.SECRETARY, unit=province),
        make_user(Role.COMMUNE_OFFICER, unit=commune),
        round_,
        make_product(organisation, "Thảm cói Kim Sơn", "26-2026", "IV.1", "IV"),
        ["mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"],
    )
    db.session.commit()
    return scenario


def on(day: date):
    return replay(datetime(day.year, day.month, day.day, 10, 0))


def filed_on(day: date, scenario: Scenario):
    """The scenario's dossier, complete (the sheet 21 self-assessment of a basket) and filed with
    the commune on `day`."""
    with on(day):
        dossier = start(scenario)
        for code in scenario.required:
            upload = check_upload(pdf_file(f"{code}.pdf"), ["pdf"], 10)
            services.attach_document(dossier, code, upload, scenario.producer)
        services.save_self_assessment(dossier, BASKET, scenario.producer)
        fill_forms(dossier, scenario.producer)
        services.sign_declaration(dossier, "Nguyễn Thị Đại Diện", scenario.producer)
        services.submit_dossier(dossier, scenario.producer)
        db.session.commit()
        hand_over_samples(dossier, scenario.commune_officer)
    return dossier


def assessments(**overrides) -> dict:
    return {f"note-{code}": text for code, text in {**REMARKS, **overrides}.items()}


def forward(officer, dossier, day: date, **data):
    with on(day):
        return officer.post(f"/dossiers/{dossier.id}/pre-review", data=data, follow_redirects=True)


def pdf_text(response) -> str:
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/pdf"
    reader = PdfReader(BytesIO(response.data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.mark.parametrize(
    ("today", "badge"),
    [
        (date(2026, 8, 24), f"Còn 13 ngày làm việc (hạn {DEADLINE})"),
        (date(2026, 9, 14), f"Còn 1 ngày làm việc (hạn {DEADLINE})"),
        (date(2026, 9, 15), f"Hôm nay là hạn cuối ({DEADLINE})"),
        (date(2026, 9, 16), f"Quá hạn 1 ngày làm việc (hạn {DEADLINE})"),
        (date(2026, 9, 21), f"Quá hạn 4 ngày làm việc (hạn {DEADLINE})"),
    ],
)
def test_the_officer_sees_the_working_days_left(kim_son_2026, login, today, badge):
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    with on(today):
        queue = officer.get("/dossiers/intake").text
        page = officer.get(f"/dossiers/{dossier.id}").text
    assert dossier.receipt_code in queue and badge in queue
    assert badge in page


def test_the_badge_is_gone_once_forwarded(kim_son_2026, login):
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    forward(officer, dossier, date(2026, 9, 1), **assessments())
    with on(date(2026, 9, 2)):
        page = officer.get(f"/dossiers/{dossier.id}").text
    assert "ngày làm việc (hạn" not in page and "Quá hạn" not in page


def test_the_commune_checks_the_dossiers_components_on_its_review_page(kim_son_2026, login):
    """26/2026 Điều 7.2.a: "Kiểm tra về thành phần hồ sơ" before assessing the contents."""
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    with on(date(2026, 9, 1)):
        page = officer.get(f"/dossiers/{dossier.id}/pre-review").text
    components = page[page.index('id="components"') : page.index("</section>")]
    for document in dossier.current_documents():
        assert document.file.original_name in components
        assert f"/dossiers/documents/{document.id}" in components
    assert f"/dossiers/{dossier.id}/registration/form_01.pdf" in components  # Mẫu 01
    assert f"/dossiers/{dossier.id}/registration/form_02.pdf" in components  # Mẫu 02
    assert officer.get(f"/dossiers/{dossier.id}/registration/form_02.pdf").status_code == 200


def test_the_four_contents_each_need_a_written_assessment(kim_son_2026, login):
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    with on(date(2026, 9, 1)):
        form = officer.get(f"/dossiers/{dossier.id}/pre-review").text
    for name in (
        "Nguồn gốc sản phẩm, nguyên liệu địa phương",
        "Sử dụng lao động địa phương",
        "Nguồn gốc ý tưởng sản phẩm",
        "Bản sắc, trí tuệ địa phương",
    ):
        assert name in form
    assert 'value="yes"' not in form  # a written assessment, not met / not met

    response = forward(officer, dossier, date(2026, 9, 1), **assessments(local_labour="  "))
    assert "Vui lòng ghi đánh giá về nội dung: Sử dụng lao động địa phương." in response.text
    assert REMARKS["local_origin"] in response.text and REMARKS["local_identity"] in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.SUBMITTED and dossier.pre_review is None

    response = forward(officer, dossier, date(2026, 9, 1), **assessments())
    assert "chuyển hồ sơ lên cấp trên" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.FORWARDED
    assert dossier.pre_review.findings["idea_origin"] == {"note": REMARKS["idea_origin"]}
    assert str(dossier.pre_review.deadline_on) == "2026-09-15"
    assert REMARKS["local_labour"] in response.text


def test_forwarding_on_the_deadline_day_needs_no_reason(kim_son_2026, login):
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    response = forward(officer, dossier, date(2026, 9, 15), **assessments())
    assert "chuyển hồ sơ lên cấp trên" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.FORWARDED and dossier.pre_review.forwarded_on_time


def test_forwarding_after_the_deadline_needs_the_reason_for_the_delay(kim_son_2026, login):
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    response = forward(officer, dossier, date(2026, 9, 16), **assessments())
    assert f"hạn cuối ngày {DEADLINE}, Điều 7.2 Quyết định 26/2026/QĐ-TTg" in response.text
    assert "vui lòng ghi lý do chậm chuyển hồ sơ" in response.text
    assert REMARKS["idea_origin"] in response.text  # nothing typed is lost
    db.session.refresh(dossier)
    assert dossier.state is DossierState.SUBMITTED

    reason = "Chờ họp lấy ý kiến các bộ phận liên quan (Điều 7.2.a)."
    response = forward(officer, dossier, date(2026, 9, 16), late_reason=reason, **assessments())
    assert "chuyển hồ sơ lên cấp trên" in response.text
    assert f"Lý do chuyển sau hạn: {reason}" in response.text  # in the timeline
    db.session.refresh(dossier)
    assert dossier.state is DossierState.FORWARDED
    assert dossier.pre_review.late_reason == reason and not dossier.pre_review.forwarded_on_time
    event = dossier.events[-1]
    assert event.action == "forwarded" and event.details == {"late_reason": reason}

    letter = pdf_text(officer.get(f"/dossiers/{dossier.id}/van-ban-de-nghi.pdf"))
    assert f"hạn cuối ngày {DEADLINE}" in letter and "chậm 1 ngày làm việc" in letter
    assert reason in letter


def test_mau_03_and_the_letter_as_pdfs(kim_son_2026, login):
    dossier = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    assert officer.get(f"/dossiers/{dossier.id}/mau-03.pdf").status_code == 403  # not yet
    forward(officer, dossier, date(2026, 9, 7), **assessments())

    for user in (kim_son_2026.commune_officer, kim_son_2026.producer, kim_son_2026.secretary):
        report = pdf_text(login(user).get(f"/dossiers/{dossier.id}/mau-03.pdf"))
        assert "ỦY BAN NHÂN DÂN XÃ KIM SƠN" in report
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in report
        assert "Kim Sơn, ngày 07 tháng 9 năm 2026" in report
        assert "BÁO CÁO Đánh giá một số nội dung của hồ sơ đăng ký tham gia đánh giá" in report
        assert "1. Tên chủ thể: Hợp tác xã Cói Kim Sơn" in report
        assert "2. Loại hình tổ chức: Hợp tác xã" in report
        assert "Họ tên: Nguyễn Thị Đại Diện" in report
        assert "Giới tính: …………………… (Nam/nữ); Dân tộc: ……………………" in report  # not held
        assert "5. Sản phẩm đăng ký đánh giá: Thảm cói Kim Sơn" in report
        for remark in REMARKS.values():
            assert remark in report
        assert CLOSING in report
        assert "T.M ỦY BAN NHÂN DÂN XÃ KIM SƠN" in report

    letter = pdf_text(
        login(kim_son_2026.secretary).get(f"/dossiers/{dossier.id}/van-ban-de-nghi.pdf")
    )
    assert "V/v đề nghị đánh giá, phân hạng sản phẩm OCOP" in letter
    assert "Kính gửi: Ủy ban nhân dân tỉnh Ninh Bình." in letter
    assert "Ủy ban nhân dân xã Kim Sơn đề nghị Ủy ban nhân dân tỉnh Ninh Bình đánh giá" in letter
    assert "Thảm cói Kim Sơn" in letter and dossier.receipt_code in letter
    assert "21/08/2026" in letter  # the day the commune received it
    assert "Lý do" not in letter  # forwarded on time


def test_another_producer_cannot_read_the_papers(kim_son_2026, login):
    dossier = filed_on(FILED, kim_son_2026)
    forward(login(kim_son_2026.commune_officer), dossier, date(2026, 9, 7), **assessments())
    other = make_organisation(commune=kim_son_2026.commune, name="HTX Khác")
    stranger = make_producer(other)
    db.session.commit()
    client = login(stranger)
    assert client.get(f"/dossiers/{dossier.id}/mau-03.pdf").status_code == 403
    assert client.get(f"/dossiers/{dossier.id}/van-ban-de-nghi.pdf").status_code == 403


def test_the_province_intake_shows_the_commune_forwarding(kim_son_2026, login):
    on_time = filed_on(FILED, kim_son_2026)
    officer = login(kim_son_2026.commune_officer)
    forward(officer, on_time, date(2026, 9, 7), **assessments())
    late_scenario = replace(
        kim_son_2026,
        product=make_product(kim_son_2026.organisation, "Giỏ cói", "26-2026", "IV.1", "IV"),
    )
    db.session.commit()
    late = filed_on(FILED, late_scenario)
    forward(officer, late, date(2026, 9, 17), late_reason="Cán bộ nghỉ ốm", **assessments())

    with on(date(2026, 9, 18)):
        queue = login(kim_son_2026.secretary).get("/dossiers/intake").text
    assert "UBND Xã Kim Sơn chuyển ngày 07/09/2026" in queue
    assert f"Đúng hạn (hạn {DEADLINE})" in queue
    assert "UBND Xã Kim Sơn chuyển ngày 17/09/2026" in queue
    assert f"Chuyển sau hạn {DEADLINE}" in queue and "Cán bộ nghỉ ốm" in queue
    assert f"/dossiers/{on_time.id}/mau-03.pdf" in queue
    assert f"/dossiers/{on_time.id}/van-ban-de-nghi.pdf" in queue
    assert f"/dossiers/{late.id}/mau-03.pdf" in queue
