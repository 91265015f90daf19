"""Mẫu số 01 and Mẫu số 02 of 26/2026 Phụ lục III: filled on the dossier's registration page,
required for submission under 26/2026 only, printed as PDFs for whoever may see the dossier."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.common.uploads import check_upload
from evalapp.dossiers import services
from evalapp.dossiers.claims import ClaimInput
from evalapp.dossiers.models import DossierRegistration, DossierState
from evalapp.extensions import db
from evalapp.producers.models import LegalForm
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
from tests.integration.dossiers.conftest import Scenario, complete, pdf_file, start
from tests.unit.rules.test_hand_computed_26_2026 import BASKET

FORM_01 = {
    "unit_name": "Công ty TNHH Hiếu Lâm",
    "representative_name": "Phạm Thị Hiếu",
    "representative_title": "Giám đốc",
    "address": "Thôn Thượng Kiệm, xã Kim Sơn, tỉnh Ninh Bình",
    "phone": "0912 345 678",
    "email": "hieulam@vi-du.vn",
    "product_name": "Giỏ đay Hiếu Lâm",
    "signing_place": "Kim Sơn",
    "signed_on": "2026-11-20",
}
FORM_02 = {
    "legal_form": "Công ty TNHH một thành viên",
    "representative_gender": "female",
    "representative_ethnicity": "Kinh",
    "representative_residence": "Xóm 3, xã Kim Sơn",
    "established_on": "2015-03-02",
    "registration_number": "2700123456",
    "product_description": "Giỏ đay đan tay, đường kính 30 cm; TCCS 01:2024/HL",
    "has_business_registration": "y",
    "ip_trademark": "y",
    "history": "Thành lập năm 2015 từ tổ hợp tác đan cói của thôn.",
    "organisation_structure": "Giám đốc, 2 tổ sản xuất, 1 tổ kinh doanh.",
    "raw_materials_and_technology": "Vùng đay 12 ha liên kết với 40 hộ.",
    "quality_changes": "Đổi bao bì giấy kraft, nhãn song ngữ.",
    "markets": "Hà Nội, TP Hồ Chí Minh; xuất khẩu sang Nhật Bản.",
    "business_results": "Doanh thu 2025: 4,2 tỷ đồng; lợi nhuận 600 triệu đồng.",
    "business_plan": "Mở thêm dòng sản phẩm túi xách.",
}
COMMUNE_CRITERIA = ("local_origin", "local_labour", "idea_origin", "local_identity")


@pytest.fixture
def ninh_binh_2026(app):
    """A provincial round under 26/2026 (the commune receives first), a handicraft on sheet 21."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province, code="NB-KS")
    organisation = make_organisation(
        commune=commune,
        name="Công ty TNHH Hiếu Lâm",
        legal_form=LegalForm.SINGLE_MEMBER_LLC,
        representative_name="Phạm Thị Hiếu",
        representative_title="Giám đốc",
        phone="0912345678",
        tax_code="2700123456",
    )
    scenario = Scenario(
        province,
        province,
        commune,
        organisation,
        make_producer(organisation, full_name="Phạm Thị Hiếu"),
        make_user(Role.SECRETARY, unit=province, full_name="Trần Thị Thu"),
        make_user(Role.COMMUNE_OFFICER, unit=commune, full_name="Lê Văn Xã"),
        make_round(province, rulebook_code="26-2026", name="Đợt đánh giá OCOP tỉnh 2026"),
        make_product(organisation, "Giỏ đay Hiếu Lâm", "26-2026", "IV.1", "IV"),
        ["mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"],
    )
    scenario.product.description = "Giỏ đay đan tay"
    db.session.commit()
    return scenario


def ready_but_forms(scenario):
    """Documents, self-assessment (sheet 21, 73 points) and declaration: all but the forms."""
    dossier = start(scenario)
    for code in scenario.required:
        upload = check_upload(pdf_file(f"{code}.pdf"), ["pdf"], 10)
        services.attach_document(dossier, code, upload, scenario.producer)
    services.save_self_assessment(dossier, BASKET, scenario.producer)
    services.sign_declaration(dossier, "Phạm Thị Hiếu", scenario.producer)
    db.session.commit()
    return dossier


def fill(client, dossier, form_code, data):
    return client.post(f"/dossiers/{dossier.id}/registration/{form_code}", data=data)


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    reader = PdfReader(BytesIO(response.data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_forms_open_prefilled_from_the_organisation_and_the_product(ninh_binh_2026, login):
    dossier = start(ninh_binh_2026)
    page = login(ninh_binh_2026.producer).get(f"/dossiers/{dossier.id}/registration").text
    for value in (
        'value="Công ty TNHH Hiếu Lâm"',
        'value="Phạm Thị Hiếu"',
        'value="Giám đốc"',
        'value="0912345678"',
        'value="Giỏ đay Hiếu Lâm"',
        'value="Công ty TNHH một thành viên"',  # loại hình tổ chức
        'value="2700123456"',  # số giấy đăng ký
        "Giỏ đay đan tay</textarea>",
        "IV. Sản phẩm hàng thủ công mỹ nghệ",
        "5 sản phẩm mẫu",
    ):
        assert value in page, value
    assert db.session.scalar(select(DossierRegistration)) is None  # opening saves nothing


def test_saving_both_forms_keeps_the_snapshot_apart_from_the_organisation(ninh_binh_2026, login):
    dossier = start(ninh_binh_2026)
    client = login(ninh_binh_2026.producer)
    response = fill(client, dossier, "form_01", FORM_01 | {"phone": "0987 654 321"})
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).text
    assert "Đã lưu Phiếu đăng ký (Mẫu số 01)." in page and 'value="0987 654 321"' in page
    assert fill(client, dossier, "form_02", FORM_02).status_code == 302

    record = db.session.scalar(select(DossierRegistration))
    assert record.form_01_saved_at and record.form_02_saved_at
    assert record.representative_gender == "female" and record.established_on.year == 2015
    assert record.ip_trademark and record.has_ip_registration and not record.ip_patent
    assert ninh_binh_2026.organisation.phone == "0912345678"  # the organisation is not changed
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"dossier.form_01_saved", "dossier.form_02_saved"} <= actions


def test_an_incomplete_form_is_refused_whole_with_the_fields_named(ninh_binh_2026, login):
    dossier = start(ninh_binh_2026)
    client = login(ninh_binh_2026.producer)
    bad = FORM_01 | {
        "unit_name": "",
        "email": "không-phải-email",
        "representative_title": "x" * 101,
    }
    response = fill(client, dossier, "form_01", bad)
    assert response.status_code == 400
    summary = response.text.split('id="form-errors"')[1].split("</div>")[0]
    assert "Tên đơn vị: Vui lòng nhập trường này." in summary
    assert "Địa chỉ email không hợp lệ." in summary and "Tối đa 100 ký tự." in summary
    assert 'value="không-phải-email"' in response.text  # what was typed is kept
    assert db.session.scalar(select(DossierRegistration)) is None

    assert fill(client, dossier, "form_01", FORM_01).status_code == 302
    response = fill(client, dossier, "form_02", FORM_02 | {"history": "", "established_on": "x"})
    assert response.status_code == 400
    assert "Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy." in response.text
    db.session.expire_all()
    record = db.session.scalar(select(DossierRegistration))
    assert record.form_02_saved_at is None and record.legal_form == "" and record.markets == ""


def test_the_forms_are_read_only_once_submitted(ninh_binh_2026, login):
    dossier = ready_but_forms(ninh_binh_2026)
    client = login(ninh_binh_2026.producer)
    fill(client, dossier, "form_01", FORM_01)
    fill(client, dossier, "form_02", FORM_02)
    services.submit_dossier(dossier, ninh_binh_2026.producer)
    db.session.commit()
    response = fill(client, dossier, "form_01", FORM_01 | {"unit_name": "Tên khác"})
    assert response.status_code == 403
    page = client.get(f"/dossiers/{dossier.id}/registration").text
    assert "<fieldset disabled>" in page.replace(" >", ">")
    assert db.session.scalar(select(DossierRegistration.unit_name)) == "Công ty TNHH Hiếu Lâm"


def test_under_26_2026_a_dossier_is_not_submitted_without_both_forms(ninh_binh_2026, login):
    dossier = ready_but_forms(ninh_binh_2026)
    client = login(ninh_binh_2026.producer)
    submit = {"declaration_name": "Phạm Thị Hiếu", "declaration": "y"}
    page = client.post(f"/dossiers/{dossier.id}/submit", data=submit).text
    assert "Chưa điền Phiếu đăng ký (Mẫu số 01)." in page
    assert "Chưa điền Báo cáo tự đánh giá (Mẫu số 02, Phần I và II)." in page

    fill(client, dossier, "form_01", FORM_01)
    page = client.post(f"/dossiers/{dossier.id}/submit", data=submit).text
    assert "Chưa điền Phiếu đăng ký" not in page and "Mẫu số 02, Phần I và II)." in page
    db.session.refresh(dossier)
    assert dossier.state is DossierState.DRAFT

    fill(client, dossier, "form_02", FORM_02)
    response = client.post(f"/dossiers/{dossier.id}/submit", data=submit)
    assert response.status_code == 302
    db.session.refresh(dossier)
    assert dossier.state is DossierState.SUBMITTED


def test_older_rulebooks_ask_for_no_form(kim_son, login):
    dossier = complete(start(kim_son), kim_son)
    assert services.missing_for_submission(dossier, kim_son.producer) == []
    client = login(kim_son.producer)
    assert client.get(f"/dossiers/{dossier.id}/registration").status_code == 404
    assert "Mẫu số 01" not in client.get(f"/dossiers/{dossier.id}/edit").text


def receive_through_commune_and_province(scenario, dossier, login):
    hand_over_samples(dossier, scenario.commune_officer)
    data = {f"note-{code}": "Đã xem xét tại xã: đạt." for code in COMMUNE_CRITERIA}
    assert (
        login(scenario.commune_officer)
        .post(f"/dossiers/{dossier.id}/pre-review", data=data)
        .status_code
        == 302
    )
    assert login(scenario.secretary).post(f"/dossiers/{dossier.id}/receive").status_code == 302


def test_form_01_pdf_in_the_official_layout(ninh_binh_2026, login):
    dossier = ready_but_forms(ninh_binh_2026)
    producer = login(ninh_binh_2026.producer)
    fill(producer, dossier, "form_01", FORM_01)
    fill(producer, dossier, "form_02", FORM_02)
    draft = pdf_text(producer.get(f"/dossiers/{dossier.id}/registration/form_01.pdf"))
    assert draft.count("/PĐK- (Mã tỉnh) - (Mã xã) - (Năm)") == 2  # nobody has received it yet

    dossier.round.unit.official_code = "37"  # Ninh Bình and Xã Kim Sơn, as `flask units sync`
    dossier.organisation.commune.official_code = "14638"  # gives them (QĐ 19/2025/QĐ-TTg)
    services.submit_dossier(dossier, ninh_binh_2026.producer)
    db.session.commit()
    receive_through_commune_and_province(ninh_binh_2026, dossier, login)
    text = pdf_text(producer.get(f"/dossiers/{dossier.id}/registration/form_01.pdf"))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "PHIẾU ĐĂNG KÝ",
        "Tham gia đánh giá, phân hạng sản phẩm OCOP",
        f"của tỉnh Ninh Bình năm {dossier.round.year}",
        "Tên đơn vị: Công ty TNHH Hiếu Lâm",
        "Họ tên người đại diện pháp lý: Phạm Thị Hiếu",
        "Tên sản phẩm: Giỏ đay Hiếu Lâm",
        "Ngành: IV. Sản phẩm hàng thủ công mỹ nghệ",
        "Sản phẩm mẫu (số lượng): 05",
        "Kim Sơn, ngày 20 tháng 11 năm 2026",
        "Cam đoan những thông tin trong Phiếu đăng ký là đúng sự thật",
        "Theo Phụ lục I về Danh mục phân loại sản phẩm",
        "PHẦN DÀNH CHO CƠ QUAN QUẢN LÝ",
        "DÀNH CHO ỦY BAN NHÂN DÂN CẤP XÃ",
        "DÀNH CHO CƠ QUAN QUẢN LÝ OCOP CẤP TỈNH",
        "Người tiếp nhận: Lê Văn Xã",
        "Người tiếp nhận: Trần Thị Thu",
    ):
        assert expected in text, expected
    assert re.search(r"Lần đầu X Nâng hạng: Đánh giá lại:", text), text
    year = dossier.round.year
    assert f"Phiếu số: 0001-001/PĐK-37-14638-{year}" in text  # numbered by the commune
    assert text.count("0001-001/PĐK-37-14638-") == 2  # and again by the province


def test_form_02_pdf_lists_the_criteria_in_sheet_order_with_their_points(ninh_binh_2026, login):
    dossier = ready_but_forms(ninh_binh_2026)
    producer = login(ninh_binh_2026.producer)
    fill(producer, dossier, "form_01", FORM_01)
    fill(producer, dossier, "form_02", FORM_02)
    text = pdf_text(producer.get(f"/dossiers/{dossier.id}/registration/form_02.pdf"))
    for expected in (
        "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM",
        "Phần I THÔNG TIN CHUNG",
        "1. Tên chủ thể: Công ty TNHH Hiếu Lâm",
        "2. Loại hình tổ chức: Công ty TNHH một thành viên",
        "Giới tính: Nữ (Nam/nữ); Dân tộc: Kinh",
        "6. Ngày thành lập/đăng ký kinh doanh: 02/03/2015",
        "Phần II KẾT QUẢ THỰC HIỆN PHƯƠNG ÁN SẢN XUẤT KINH DOANH",
        "Vùng đay 12 ha liên kết với 40 hộ.",
        "Phần III ĐÁNH GIÁ KẾT QUẢ THỰC HIỆN THEO BỘ TIÊU CHÍ SẢN PHẨM OCOP",
        "Phần IV KẾ HOẠCH SẢN XUẤT, KINH DOANH",
        "Mở thêm dòng sản phẩm túi xách.",
        "ĐẠI DIỆN THEO PHÁP LUẬT CỦA CƠ SỞ",
        "TỔNG CỘNG 73",
    ):
        assert expected in text, expected
    # each criterion with the option chosen, its maximum and its points, in the sheet's order
    rows = [
        "Phần A 30 1 TỔ CHỨC SẢN XUẤT",
        "1.1 Nguồn nguyên liệu Sử dụng nguyên liệu có nguồn gốc trong tỉnh từ 75% đến 100% 4 4",
        "1.4 Liên kết chuỗi trong sản xuất Có hợp đồng liên kết trên 75% sản lượng tiêu thụ 4 2",
        "2.3 Ghi nhãn hàng hóa có sử dụng song ngữ",
        "Phần B 20 4 TIẾP THỊ",
        "5.2 Cấu trúc câu chuyện sản phẩm Ngắn gọn, xúc tích và có văn phong kể chuyện 2 2",
        "Phần C 23 6 CÁC CHỈ TIÊU",
        "7 CÔNG BỐ CHẤT LƯỢNG SẢN PHẨM",
    ]
    positions = [text.index(row) for row in rows]
    assert positions == sorted(positions)


def test_form_02_part_three_prints_each_description_and_its_evidence(ninh_binh_2026, login):
    dossier = ready_but_forms(ninh_binh_2026)
    contract = dossier.documents[0]
    claims = {
        "1.1": ClaimInput("Đay mua của 40 hộ trong xã.", "", (str(contract.id),)),
        "1.4": ClaimInput("Hợp đồng liên kết tiêu thụ 2026.", "", (str(contract.id),)),
    }
    services.save_self_assessment(dossier, BASKET, ninh_binh_2026.producer, claims)
    db.session.commit()
    producer = login(ninh_binh_2026.producer)
    fill(producer, dossier, "form_01", FORM_01)
    fill(producer, dossier, "form_02", FORM_02)
    text = pdf_text(producer.get(f"/dossiers/{dossier.id}/registration/form_02.pdf"))
    name = contract.file.original_name
    first = text.index("Mô tả, chứng minh: Đay mua của 40 hộ trong xã.")
    second = text.index("Mô tả, chứng minh: Hợp đồng liên kết tiêu thụ 2026.")
    assert text.index("1.1 Nguồn nguyên liệu") < first < text.index("1.4 Liên kết chuỗi") < second
    assert text.count(f"Tài liệu minh chứng: {name}") == 2  # one document proves both
    assert "Thay đổi so với khi được công nhận" not in text  # a first registration


@pytest.mark.parametrize(
    ("who", "state", "status"),
    [
        ("producer", DossierState.DRAFT, 200),
        ("other_producer", DossierState.DRAFT, 403),
        ("secretary", DossierState.DRAFT, 403),
        ("secretary", DossierState.SUBMITTED, 200),
        ("commune_officer", DossierState.SUBMITTED, 200),
        ("other_secretary", DossierState.SUBMITTED, 403),
        ("other_producer", DossierState.SUBMITTED, 403),
    ],
)
def test_who_may_download_the_forms(ninh_binh_2026, login, who, state, status):
    dossier = start(ninh_binh_2026)
    dossier.state = state
    others = {
        "other_producer": make_producer(make_organisation(commune=ninh_binh_2026.commune)),
        "other_secretary": make_user(Role.SECRETARY, unit=make_unit("Tỉnh Khác", code="TK")),
    }
    db.session.commit()
    user = others.get(who) or getattr(ninh_binh_2026, who)
    client = login(user)
    for form_code in ("form_01", "form_02"):
        response = client.get(f"/dossiers/{dossier.id}/registration/{form_code}.pdf")
        assert response.status_code == status, (who, form_code)


def test_staff_find_the_pdfs_on_the_dossier_page(ninh_binh_2026, login):
    dossier = start(ninh_binh_2026)
    dossier.state = DossierState.SUBMITTED
    db.session.commit()
    page = login(ninh_binh_2026.secretary).get(f"/dossiers/{dossier.id}").text
    assert f"/dossiers/{dossier.id}/registration/form_01.pdf" in page
    assert f"/dossiers/{dossier.id}/registration/form_02.pdf" in page


def test_community_tourism_sends_no_samples(ninh_binh_2026, login):
    scenario = ninh_binh_2026
    scenario.product = make_product(
        scenario.organisation, "Homestay Vân Long", "26-2026", "VI.1", "VI"
    )
    dossier = start(scenario)
    text = pdf_text(
        login(scenario.producer).get(f"/dossiers/{dossier.id}/registration/form_01.pdf")
    )
    assert "Sản phẩm mẫu (số lượng): không (nhóm dịch vụ du lịch cộng đồng" in text
    assert "Tên đơn vị: …" in text  # nothing saved yet: the form's dotted blanks
