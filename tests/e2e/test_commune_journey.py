"""The 26/2026 procedure clicked through in Chromium: the producer files Mẫu 01, Mẫu 02 and the
self-assessment with its evidence with the commune; the commune officer records the 5 samples,
writes the four assessments (Mẫu 03) and forwards; the province's secretariat receives the
dossier and numbers its registration form again; a council member reads the producer's claims
beside the score sheet."""

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from evalapp.auth.models import Role
from evalapp.common.time import local_today, utcnow
from evalapp.common.uploads import check_upload
from evalapp.councils.models import AgendaItem, Attendance, ConflictDeclaration, SessionState
from evalapp.demo.forms import fill_forms
from evalapp.dossiers import services
from evalapp.dossiers.claims import ClaimInput
from evalapp.dossiers.models import ItemVerdict, RegistrationType
from evalapp.extensions import db
from evalapp.producers.models import LegalForm
from evalapp.units.models import UnitLevel
from tests.conftest import TEST_PASSWORD
from tests.factories import (
    hand_over_samples,
    make_council,
    make_organisation,
    make_producer,
    make_product,
    make_round,
    make_session,
    make_unit,
    make_user,
)
from tests.integration.dossiers.conftest import pdf_bytes, pdf_file
from tests.unit.rules.test_hand_computed_26_2026 import BASKET

pytestmark = pytest.mark.e2e

PRODUCT = "Giỏ đay Hiếu Lâm"
ORGANISATION = "Công ty TNHH Hiếu Lâm"
ROUND_NAME = "Đợt đánh giá OCOP tỉnh Ninh Bình 2026"
EVIDENCE = "Hợp đồng liên kết vùng đay.pdf"
EVIDENCE_TEXT = "Hop dong lien ket vung day 2026"
CLAIMS = {
    "1.1": "Đay mua của 40 hộ trồng đay ở xã Kim Sơn, 90 % nguyên liệu trong tỉnh.",
    "1.4": "Hợp đồng liên kết bao tiêu với 40 hộ, trên 75 % sản lượng.",
}
REMARKS = {
    "local_origin": "Đay nguyên liệu mua của các hộ trồng đay ven biển xã Kim Sơn.",
    "local_labour": "Sử dụng 25 lao động thường xuyên, đều là người địa phương.",
    "idea_origin": "Nghề đan đay truyền thống hơn 100 năm của làng.",
    "local_identity": "Kỹ thuật se sợi và nhuộm đay thủ công đặc trưng của vùng Kim Sơn.",
}
CONTENTS = {
    "local_origin": "Nguồn gốc sản phẩm, nguyên liệu địa phương",
    "local_labour": "Sử dụng lao động địa phương",
    "idea_origin": "Nguồn gốc ý tưởng sản phẩm",
    "local_identity": "Bản sắc, trí tuệ địa phương",
}


@dataclass
class World:
    province: object
    commune: object
    organisation: object
    producer: object
    officer: object
    secretary: object
    round: object
    product: object


@pytest.fixture
def ninh_binh(app):
    """Tỉnh Ninh Bình (37) and Xã Kim Sơn (14638) with their official codes, the province's
    26/2026 round and a handicraft basket (class IV.1, sheet 21, 5 samples)."""
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    province.official_code = "37"
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province, code="NB-KS")
    commune.official_code = "14638"
    organisation = make_organisation(
        commune=commune,
        name=ORGANISATION,
        legal_form=LegalForm.SINGLE_MEMBER_LLC,
        representative_name="Phạm Thị Hiếu",
        representative_title="Giám đốc",
        phone="0912345678",
        tax_code="2700123456",
    )
    world = World(
        province,
        commune,
        organisation,
        make_producer(organisation, full_name="Phạm Thị Hiếu", email="hieu@hieulam.vn"),
        make_user(
            Role.COMMUNE_OFFICER, unit=commune, full_name="Lê Văn Xã", email="xa@kimson.gov.vn"
        ),
        make_user(
            Role.SECRETARY, unit=province, full_name="Trần Thị Thu", email="thu@ninhbinh.gov.vn"
        ),
        make_round(province, rulebook_code="26-2026", name=ROUND_NAME),
        make_product(organisation, PRODUCT, "26-2026", "IV.1", "IV"),
    )
    db.session.commit()
    return world


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công.")).to_be_visible()


def menu(page: Page, name: str):
    return page.locator("#main-nav").get_by_role("link", name=name, exact=True)


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}


def downloaded_pdf_text(page: Page, link) -> str:
    """Click `link`, take the file the browser downloads and return its words (a PDF)."""
    with page.expect_download() as info:
        link.click()
    data = Path(info.value.path()).read_bytes()
    assert data.startswith(b"%PDF"), data[:20]
    reader = PdfReader(BytesIO(data))
    return " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def year() -> int:
    return local_today().year


# ---------------------------------------------------------------------------------------------
# What the earlier journeys leave behind, built with the services for the later ones.


def filed(world: World):
    """The basket's dossier filled in as the producer does in journey 1, filed with the
    commune: documents, Mẫu 01 and 02, the self-assessment with two claims on one document."""
    dossier = services.start_dossier(
        world.product, world.round, RegistrationType.FIRST_TIME, "", world.producer
    )
    for code in ("mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"):
        upload = check_upload(pdf_file(f"{code}.pdf"), ["pdf"], 10)
        services.attach_document(dossier, code, upload, world.producer)
    evidence = services.attach_document(
        dossier,
        "hop_dong_lien_ket",
        check_upload(pdf_file(EVIDENCE, EVIDENCE_TEXT), ["pdf"], 10),
        world.producer,
    )
    db.session.flush()
    claims = {
        code: ClaimInput(description=text, document_ids=(str(evidence.id),))
        for code, text in CLAIMS.items()
    }
    services.save_self_assessment(dossier, BASKET, world.producer, claims)
    fill_forms(dossier, world.producer)
    services.sign_declaration(dossier, "Phạm Thị Hiếu", world.producer)
    services.submit_dossier(dossier, world.producer)
    db.session.commit()
    return dossier, evidence


def forwarded(world: World):
    dossier, evidence = filed(world)
    hand_over_samples(dossier, world.officer)
    findings = {code: {"note": text} for code, text in REMARKS.items()}
    services.forward_dossier(dossier, findings, "", world.officer)
    db.session.commit()
    return dossier, evidence


def on_the_agenda(world: World):
    """The dossier received and accepted by the province, on the agenda of an open session of
    the round's council: everyone present, nobody with a conflict."""
    dossier, evidence = forwarded(world)
    services.receive_dossier(dossier, world.secretary)
    for code in ("mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"):
        services.review_item(dossier, code, ItemVerdict.ACCEPTED, "", world.secretary)
    services.accept_dossier(dossier, world.secretary)
    council = make_council(world.round)
    session = make_session(council, state=SessionState.OPEN, opened_at=utcnow())
    item = AgendaItem(dossier=dossier, position=1, added_at=utcnow())
    session.agenda.append(item)
    db.session.flush()
    for member in council.members:
        session.attendance.append(Attendance(member_id=member.id, present=True))
        if member.position.scores:
            item.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
    db.session.commit()
    return item, council.scoring_members()[1], evidence


# ---------------------------------------------------------------------------------------------
# 1. The producer files under 26/2026.


def open_workspace(page: Page) -> None:
    menu(page, "Hồ sơ của tôi").click()
    page.get_by_role("row").filter(has_text=PRODUCT).get_by_role("link").first.click()
    page.get_by_role("link", name="Tiếp tục hoàn thiện hồ sơ").click()
    expect(page.get_by_role("heading", name=f"Hồ sơ: {PRODUCT}")).to_be_visible()


def item(page: Page, code: str):
    return page.locator(f"#item-{code}")


def upload_documents(page: Page) -> None:
    required = page.locator("[id^='item-']").filter(has=page.locator(".badge", has_text="Bắt buộc"))
    codes = [i.removeprefix("item-") for i in required.evaluate_all("els => els.map(e => e.id)")]
    assert codes == ["mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"]
    names = {
        "mau_01_phieu_dang_ky": "Phiếu đăng ký có xác nhận.pdf",
        "mau_02_bao_cao_tu_danh_gia": "Báo cáo tự đánh giá.pdf",
        "hop_dong_lien_ket": EVIDENCE,
    }
    for code, name in names.items():
        item(page, code).locator("input[type=file]").set_input_files(pdf(name))
        item(page, code).get_by_role("button", name="Tải lên").click()
        expect(item(page, code).get_by_text("Đã tải lên 1 tệp.")).to_be_visible()
        expect(item(page, code).get_by_role("link", name=name)).to_be_visible()


def fill_registration_forms(page: Page, screenshot) -> None:
    page.locator("#registration-forms").get_by_role("link", name="Điền các mẫu").click()
    expect(
        page.get_by_role("heading", name=f"Phiếu đăng ký và báo cáo tự đánh giá: {PRODUCT}")
    ).to_be_visible()
    form_01 = page.locator("#form_01")
    # Prefilled from the organisation and the product.
    expect(form_01.get_by_label("Tên đơn vị")).to_have_value(ORGANISATION)
    expect(form_01.get_by_label("Tên sản phẩm")).to_have_value(PRODUCT)
    form_01.get_by_label("Địa chỉ liên hệ").fill("Thôn Thượng Kiệm, xã Kim Sơn, tỉnh Ninh Bình")
    form_01.get_by_label("Điện thoại").fill("0912 345 678")
    form_01.get_by_label("Email").fill("lienhe@hieulam.vn")
    form_01.get_by_label("Nơi ký").fill("Kim Sơn")
    form_01.get_by_role("button", name="Lưu Phiếu đăng ký (Mẫu số 01)").click()
    expect(page.get_by_text("Đã lưu Phiếu đăng ký (Mẫu số 01).")).to_be_visible()
    expect(page.locator("#form_01 .badge")).to_have_text("Đã lưu")

    form_02 = page.locator("#form_02")
    expect(form_02.get_by_label("Loại hình tổ chức")).to_have_value("Công ty TNHH một thành viên")
    form_02.get_by_label("Nữ", exact=True).check()
    form_02.get_by_label("Dân tộc").fill("Kinh")
    form_02.get_by_label("Địa chỉ thường trú").fill("Xóm 3, xã Kim Sơn")
    form_02.get_by_label("Ngày thành lập/đăng ký kinh doanh").fill("2015-03-02")
    form_02.get_by_label("Tên sản phẩm/dịch vụ, mô tả").fill("Giỏ đay đan tay, đường kính 30 cm")
    form_02.get_by_label("a) Giấy đăng ký kinh doanh").check()
    form_02.get_by_label("Giấy chứng nhận đăng ký nhãn hiệu").check()
    form_02.get_by_label("Lịch sử hình thành").fill("Thành lập năm 2015 từ tổ hợp tác đan đay.")
    form_02.get_by_label("Cơ cấu tổ chức").fill("Giám đốc, 2 tổ sản xuất, 1 tổ kinh doanh.")
    form_02.get_by_label("Tổ chức vùng nguyên liệu").fill("Vùng đay 12 ha liên kết với 40 hộ.")
    form_02.get_by_label("Sự thay đổi về chất lượng").fill("Đổi bao bì giấy kraft.")
    form_02.get_by_label("Thị trường phân phối").fill("Hà Nội, TP Hồ Chí Minh.")
    form_02.get_by_label("Kết quả sản xuất, kinh doanh").fill("Doanh thu 2025: 4,2 tỷ đồng.")
    form_02.get_by_label("Định hướng, kế hoạch").fill("Mở thêm dòng túi xách.")
    form_02.get_by_role("button", name="Lưu Báo cáo tự đánh giá (Mẫu số 02)").click()
    expect(page.get_by_text("Đã lưu Báo cáo tự đánh giá (Mẫu số 02).")).to_be_visible()
    expect(page.locator("#form_02 .badge")).to_have_text("Đã lưu")
    expect(page.locator("#form_02").get_by_label("Dân tộc")).to_have_value("Kinh")
    screenshot("commune-producer-registration-forms")


def claim_fields(page: Page, code: str):
    return page.locator(".claim-fields").filter(has=page.locator(f'[id="d-{code}"]'))


def fill_self_assessment(page: Page, screenshot) -> None:
    page.get_by_role("link", name="Mở phiếu tự đánh giá").click()
    expect(page.get_by_role("heading", name=f"Phiếu tự đánh giá: {PRODUCT}")).to_be_visible()
    for code, level in BASKET.items():
        page.locator(f'[id="l-{code}-{level}"]').check()
    expect(page.locator("[data-running-total]")).to_have_text("73")
    # One contract proves two criteria.
    for code, text in CLAIMS.items():
        fields = claim_fields(page, code)
        fields.get_by_label(f"Mô tả, chứng minh kết quả tiêu chí {code}", exact=True).fill(text)
        fields.get_by_text("Tài liệu minh chứng (0 đã chọn)").click()
        fields.get_by_label(re.compile(re.escape(EVIDENCE))).check()
    page.get_by_role("button", name="Lưu phiếu tự đánh giá").click()
    expect(page.get_by_text("Đã lưu phiếu tự đánh giá.")).to_be_visible()
    for code, text in CLAIMS.items():
        fields = claim_fields(page, code)
        expect(fields.get_by_label(f"Mô tả, chứng minh kết quả tiêu chí {code}")).to_have_value(
            text
        )
        expect(fields.get_by_text("Tài liệu minh chứng (1 đã chọn)")).to_be_visible()
        expect(fields.get_by_label(re.compile(re.escape(EVIDENCE)))).to_be_checked()
    screenshot("commune-producer-self-assessment")
    page.get_by_role("link", name="Về hồ sơ").click()
    expect(page.locator("#self-assessment")).to_contain_text("tổng điểm tự đánh giá: 73")
    expect(item(page, "hop_dong_lien_ket")).to_contain_text("minh chứng cho tiêu chí 1.1, 1.4")


def check_form_pdfs(page: Page) -> None:
    page.locator("#registration-forms").get_by_role("link", name="Điền các mẫu").click()
    form_01 = downloaded_pdf_text(page, page.get_by_role("link", name="Tải Phiếu đăng ký (PDF)"))
    for text in (
        "PHIẾU ĐĂNG KÝ",
        f"Tên đơn vị: {ORGANISATION}",
        f"Tên sản phẩm: {PRODUCT}",
        "Ngành: IV. Sản phẩm hàng thủ công mỹ nghệ",
    ):
        assert text in form_01, text
    form_02 = downloaded_pdf_text(
        page, page.get_by_role("link", name="Tải Báo cáo tự đánh giá (PDF)")
    )
    for text in (
        "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM",
        "Giới tính: Nữ (Nam/nữ); Dân tộc: Kinh",
        "Vùng đay 12 ha liên kết với 40 hộ.",
        "TỔNG CỘNG 73",
        *CLAIMS.values(),
        EVIDENCE,
    ):
        assert text in form_02, form_02[form_02.find("1.1") :][:1500]
    page.get_by_role("link", name=PRODUCT).click()  # the breadcrumb back to the workspace


def sign_and_submit(page: Page) -> None:
    page.get_by_label("Họ tên người cam đoan").fill("Phạm Thị Hiếu")
    page.get_by_label("Tôi xin cam đoan").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", name="Giấy tiếp nhận hồ sơ")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Đã nộp hồ sơ\. Mã số biên nhận: \S+\."))).to_be_visible()


def test_the_producer_files_with_the_commune_under_26_2026(
    page: Page, live_server, ninh_binh, screenshot
):
    services.start_dossier(
        ninh_binh.product, ninh_binh.round, RegistrationType.FIRST_TIME, "", ninh_binh.producer
    )
    db.session.commit()
    log_in(page, live_server, ninh_binh.producer.email)
    open_workspace(page)
    upload_documents(page)
    fill_registration_forms(page, screenshot)
    page.get_by_role("link", name=PRODUCT).click()  # breadcrumb: the workspace
    fill_self_assessment(page, screenshot)
    check_form_pdfs(page)
    sign_and_submit(page)
    screenshot("commune-producer-receipt")

    menu(page, "Hồ sơ của tôi").click()
    row = page.get_by_role("row").filter(has_text=PRODUCT)
    expect(row).to_contain_text("Chờ tiếp nhận")
    row.get_by_role("link").first.click()
    code = f"37-14638-001-{year()}"
    expect(page.locator(".product-code")).to_have_text(code)
    expect(page.locator(".commune-registration")).to_contain_text(f"0001-001/PĐK-37-14638-{year()}")
    expect(page.locator(".province-registration")).to_have_text("chưa tiếp nhận")
    expect(page.locator(".state-badge")).to_have_text("Chờ tiếp nhận")
    screenshot("commune-producer-dossier")


# ---------------------------------------------------------------------------------------------
# 2. The commune officer.


def test_the_commune_officer_records_the_samples_assesses_and_forwards(
    page: Page, live_server, ninh_binh, screenshot
):
    dossier, _evidence = filed(ninh_binh)
    log_in(page, live_server, ninh_binh.officer.email)
    menu(page, "Tiếp nhận hồ sơ").click()
    row = page.get_by_role("row").filter(has_text=PRODUCT)
    expect(row).to_contain_text(ORGANISATION)
    expect(row).to_contain_text(re.compile(r"Còn \d+ ngày làm việc \(hạn \d\d/\d\d/\d{4}\)"))
    expect(row).to_contain_text(f"37-14638-001-{year()}")
    expect(row).to_contain_text("0/5 mẫu")
    screenshot("commune-officer-queue")
    row.get_by_role("link", name=dossier.receipt_code).click()
    expect(page.get_by_role("heading", name=PRODUCT)).to_be_visible()
    expect(page.locator("#part-three-1\\.1")).to_contain_text(CLAIMS["1.1"])

    # The 5 samples.
    page.locator("#samples").get_by_role("link", name="0/5 mẫu").click()
    expect(page.get_by_role("heading", name=f"Sản phẩm mẫu: {PRODUCT}")).to_be_visible()
    form = page.locator("#receive-form")
    form.get_by_label("Số sản phẩm mẫu nhận").fill("5")
    form.get_by_label("Ngày nhận mẫu").fill(local_today().strftime("%d/%m/%Y"))
    form.get_by_label("Người nhận mẫu").fill("Lê Văn Xã")
    form.get_by_label("Mô tả mẫu").fill("Hộp giấy kraft, lô 12/2026, 350 g mỗi giỏ")
    form.get_by_role("button", name="Ghi nhận sản phẩm mẫu").click()
    expect(page.get_by_text("Đã ghi nhận 5 sản phẩm mẫu.")).to_be_visible()
    expect(page.locator(".samples-count")).to_contain_text("5/5 mẫu")
    expect(page.locator(".samples-table tbody tr")).to_have_count(5)
    screenshot("commune-officer-samples")
    labels = downloaded_pdf_text(
        page, page.get_by_role("link", name=re.compile("Nhãn mẫu có mã QR"))
    )
    assert [f"Mẫu {n}/5" in labels for n in range(1, 6)] == [True] * 5
    assert PRODUCT in labels and dossier.receipt_code in labels

    # The four written assessments: one left empty is refused, naming it; nothing typed is lost.
    page.get_by_role("link", name=dossier.receipt_code).click()  # breadcrumb
    page.get_by_role("link", name="Xem xét và chuyển lên cấp trên").click()
    expect(page.get_by_text(re.compile(r"Còn \d+ ngày làm việc"))).to_be_visible()
    expect(page.locator("#samples")).to_contain_text("5/5 mẫu")
    for code, text in REMARKS.items():
        if code != "local_labour":
            page.get_by_label(CONTENTS[code]).fill(text)
    page.get_by_role("button", name="Ghi nhận và chuyển hồ sơ lên cấp trên").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Vui lòng ghi đánh giá về nội dung: Sử dụng lao động địa phương."
    )
    for code, text in REMARKS.items():
        if code != "local_labour":
            expect(page.get_by_label(CONTENTS[code])).to_have_value(text)
    screenshot("commune-officer-assessment-refused")
    page.get_by_label(CONTENTS["local_labour"]).fill(REMARKS["local_labour"])
    page.get_by_role("button", name="Ghi nhận và chuyển hồ sơ lên cấp trên").click()
    expect(
        page.get_by_text("Đã ghi nhận kết quả xem xét và chuyển hồ sơ lên cấp trên.")
    ).to_be_visible()
    expect(page.locator(".state-badge")).to_have_text("Đã chuyển cấp trên")
    review = page.locator("#pre-review")
    for text in REMARKS.values():
        expect(review).to_contain_text(text)
    expect(review).to_contain_text("Đúng hạn")
    screenshot("commune-officer-forwarded")

    report = downloaded_pdf_text(
        page, review.get_by_role("link", name="Báo cáo đánh giá (Mẫu số 03)")
    )
    assert "ỦY BAN NHÂN DÂN XÃ KIM SƠN" in report
    assert f"5. Sản phẩm đăng ký đánh giá: {PRODUCT}" in report
    for text in REMARKS.values():
        assert text in report, text


# ---------------------------------------------------------------------------------------------
# 3. The province's secretary.


def test_the_province_receives_the_forwarded_dossier_and_numbers_its_form(
    page: Page, live_server, ninh_binh, screenshot
):
    dossier, _evidence = forwarded(ninh_binh)
    log_in(page, live_server, ninh_binh.secretary.email)
    menu(page, "Tiếp nhận hồ sơ").click()
    row = page.get_by_role("row").filter(has_text=PRODUCT)
    expect(row.locator(".product-code")).to_have_text(f"37-14638-001-{year()}")
    expect(row.locator(".commune-forwarding")).to_contain_text(
        f"UBND Xã Kim Sơn chuyển ngày {local_today().strftime('%d/%m/%Y')}"
    )
    expect(row.locator(".samples-link")).to_have_text("5/5 mẫu")
    expect(row).to_contain_text("Đã chuyển cấp trên")
    # The secretariat's long menu fits the window: no sideways scrolling at 1280 px.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    screenshot("province-intake-queue")

    row.get_by_role("link", name=dossier.receipt_code).click()
    expect(page.locator(".province-registration")).to_have_text("chưa tiếp nhận")
    page.locator("#actions").get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.get_by_text("Đã tiếp nhận hồ sơ.")).to_be_visible()
    number = f"0001-001/PĐK-37-14638-{year()}"
    expect(page.locator(".province-registration")).to_contain_text(number)
    expect(page.locator(".province-registration")).to_contain_text(
        f"ngày nhận {local_today().strftime('%d/%m/%Y')}"
    )
    expect(page.locator(".product-code")).to_have_text(f"37-14638-001-{year()}")
    expect(page.locator("#samples")).to_contain_text("5/5 mẫu")
    screenshot("province-received")


# ---------------------------------------------------------------------------------------------
# 4. A council member.


def test_a_member_reads_the_producers_claims_beside_the_sheet(
    page: Page, live_server, ninh_binh, screenshot
):
    item, member, evidence = on_the_agenda(ninh_binh)
    log_in(page, live_server, member.user.email)
    page.goto(f"{live_server}/scoring/items/{item.id}")
    expect(page.get_by_role("heading", name=f"Phiếu chấm điểm: {PRODUCT}")).to_be_visible()
    for code, text in CLAIMS.items():
        claim = page.locator(f'[id="claim-{code}"]')
        expect(claim).to_contain_text("Chủ thể tự đánh giá:")
        expect(claim).to_contain_text(text)
        expect(claim.get_by_role("link", name=EVIDENCE)).to_be_visible()
    expect(page.locator('[id="claim-1.1"]')).to_contain_text(
        "Chủ thể tự đánh giá: Sử dụng nguyên liệu có nguồn gốc trong tỉnh từ 75% đến 100% (4 điểm)"
    )
    expect(page.locator('[id="claim-1.2"]')).to_contain_text("Mô tả, chứng minh: không có")
    screenshot("member-sheet-claims")

    link = page.locator('[id="claim-1.4"]').get_by_role("link", name=EVIDENCE)
    href = link.get_attribute("href")
    assert href == f"/dossiers/documents/{evidence.id}"
    response = page.request.get(live_server + href)  # with the member's login
    assert response.ok and response.body().startswith(b"%PDF")
    assert response.body() == pdf_bytes(EVIDENCE_TEXT)
