"""The producer's journey clicked through in Chromium: registration, e-mail verification, a
product, a dossier submitted with its receipt, the secretariat's supplement request, the
supplement sent back."""

import re
from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from evalapp.auth.models import Role
from evalapp.common.mail import outbox_messages
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.conftest import TEST_PASSWORD
from tests.factories import make_round, make_unit, make_user
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES, pdf_bytes

pytestmark = pytest.mark.e2e

PRODUCER_EMAIL = "hieulam@vi-du.vn"
ROUND_NAME = "Đợt đánh giá OCOP huyện Kim Sơn"
PRODUCT = "Giỏ đay Hiếu Lâm"
SENT_BACK = "phuong_an_kinh_doanh"
REASON = "Phương án kinh doanh thiếu kế hoạch tiêu thụ năm 2026."


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": pdf_bytes(name)}


def png_bytes() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (64, 48), (196, 160, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def menu(page: Page, name: str):
    return page.locator("#main-nav").get_by_role("link", name=name, exact=True)


def log_in(page: Page, base: str, email: str, password: str = TEST_PASSWORD) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công.")).to_be_visible()


def log_out(page: Page, full_name: str) -> None:
    page.get_by_role("button", name=full_name).click()
    page.get_by_role("button", name="Đăng xuất").click()
    expect(page.get_by_text("Bạn đã đăng xuất.")).to_be_visible()


def kim_son_district_round():
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province, code="NB-KS")
    make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district, code="NB-KS-TK")
    make_round(district, level_code="district", name=ROUND_NAME)
    secretary = make_user(
        Role.SECRETARY, unit=district, full_name="Trần Thị Thu", email="thu@kimson.gov.vn"
    )
    db.session.commit()
    return secretary


def register_and_verify(page: Page, base: str, app) -> None:
    page.goto(base + "/")
    page.get_by_role("link", name="Đăng ký chủ thể OCOP").click()
    expect(page.get_by_role("heading", name="Đăng ký chủ thể OCOP")).to_be_visible()
    page.get_by_label("Tên chủ thể (tổ chức, hộ kinh doanh)").fill("Công ty TNHH Hiếu Lâm")
    page.get_by_label("Loại hình").select_option(label="Công ty TNHH hai thành viên trở lên")
    page.get_by_label("Mã số thuế / mã số đăng ký kinh doanh").fill("2700123456")
    page.get_by_label("Xã / phường").select_option(label="Xã Thượng Kiệm")
    page.get_by_label("Địa chỉ trụ sở").fill("Xóm 5, đường Hiếu Lâm")
    page.get_by_label("Người đại diện theo pháp luật").fill("Phạm Văn Lâm")
    page.get_by_label("Chức vụ người đại diện").fill("Giám đốc")
    page.get_by_label("Số điện thoại").fill("0229 3862 123")
    page.get_by_label("Email liên hệ của chủ thể").fill("lienhe@hieulam.vn")
    page.get_by_label("Họ và tên người đăng ký").fill("Phạm Thị Hiếu")
    page.get_by_label("Email đăng nhập").fill(PRODUCER_EMAIL)
    page.get_by_label("Mật khẩu (tối thiểu 12 ký tự)").fill(TEST_PASSWORD)
    page.get_by_label("Nhập lại mật khẩu").fill(TEST_PASSWORD)
    page.get_by_label("Giấy chứng nhận đăng ký").set_input_files(
        {"name": "GCN-DKDN.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Đăng ký", exact=True).click()
    # The same page whether the address had an account: nobody is signed in by registering.
    expect(
        page.get_by_text(f"Đã đăng ký. Vui lòng mở email gửi đến {PRODUCER_EMAIL}")
    ).to_be_visible()

    message = next(m for m in outbox_messages(app) if m["To"] == PRODUCER_EMAIL)
    link = re.search(r"https?://\S+(/producers/verify/\S+)", message.get_content())
    page.goto(base + link.group(1))
    expect(page.get_by_text(f"Đã xác nhận địa chỉ email {PRODUCER_EMAIL}.")).to_be_visible()


def secretary_verifies_the_organisation(page: Page, base: str) -> None:
    """Issue 13, item 9: the district secretariat checks the registration certificate."""
    log_in(page, base, "thu@kimson.gov.vn")
    page.goto(base + "/producers/staff/verification")
    page.get_by_role("link", name="Công ty TNHH Hiếu Lâm").click()
    expect(page.get_by_role("link", name="GCN-DKDN.pdf")).to_be_visible()
    page.get_by_role("button", name="Xác minh chủ thể").click()
    expect(page.get_by_text("Đã xác minh chủ thể Công ty TNHH Hiếu Lâm.")).to_be_visible()
    log_out(page, "Trần Thị Thu")
    log_in(page, base, PRODUCER_EMAIL)


def add_product(page: Page, tmp_path) -> None:
    photo = tmp_path / "giỏ đay.png"
    photo.write_bytes(png_bytes())
    menu(page, "Sản phẩm").click()
    page.get_by_role("link", name="Thêm sản phẩm").click()
    page.get_by_label("Tên sản phẩm").fill(PRODUCT)
    # A new product is classified under the rulebook in force (26/2026, Phụ lục I); the 1048
    # class is chosen when the dossier is started.
    page.get_by_label("Nhóm / phân nhóm sản phẩm").select_option(
        label="Thủ công mỹ nghệ gia dụng, trang trí"
    )
    page.get_by_label("Mô tả sản phẩm").fill("Giỏ đan từ sợi đay, nhuộm màu tự nhiên.")
    page.get_by_label("Ảnh sản phẩm").set_input_files(photo)
    page.get_by_role("button", name="Lưu sản phẩm").click()
    expect(page.get_by_text(f"Đã lưu sản phẩm {PRODUCT}.")).to_be_visible()
    photo_shown = page.get_by_role("img", name=f"Ảnh sản phẩm {PRODUCT}")
    expect(photo_shown).to_be_visible()
    # Loaded, not only laid out: wait for the image's decoding (slow on a loaded machine).
    page.wait_for_function(
        "i => i.complete && i.naturalWidth > 0", arg=photo_shown.element_handle()
    )


def start_dossier(page: Page) -> None:
    menu(page, "Hồ sơ của tôi").click()
    page.get_by_role("link", name="Tạo hồ sơ mới").click()
    page.get_by_role("combobox", name="Sản phẩm", exact=True).select_option(label=PRODUCT)
    page.get_by_role("combobox", name="Đợt đánh giá", exact=True).select_option(
        label=f"{ROUND_NAME} — Huyện Kim Sơn"
    )
    page.get_by_label("Nhóm sản phẩm theo quyết định của đợt đánh giá").select_option(
        label="Thủ công mỹ nghệ, trang trí"
    )
    page.get_by_role("button", name="Tạo hồ sơ").click()
    expect(page.get_by_text("Đã tạo hồ sơ nháp.")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Hồ sơ: {PRODUCT}")).to_be_visible()


def item(page: Page, code: str):
    return page.locator(f"#item-{code}")


def upload(page: Page, code: str, files) -> None:
    item(page, code).locator("input[type=file]").set_input_files(files)
    item(page, code).get_by_role("button", name="Tải lên").click()


def upload_required_documents(page: Page) -> dict[str, str]:
    required = page.locator("[id^='item-']").filter(has=page.locator(".badge", has_text="Bắt buộc"))
    codes = [i.removeprefix("item-") for i in required.evaluate_all("els => els.map(e => e.id)")]
    assert len(codes) == 5
    names = {code: f"{code}.pdf" for code in codes}
    names["phieu_dang_ky"] = "Đơn đăng ký.pdf"
    for code, name in names.items():
        upload(page, code, pdf(name))
        expect(item(page, code).get_by_text("Đã tải lên 1 tệp.")).to_be_visible()
        expect(item(page, code).get_by_role("link", name=name)).to_be_visible()

    # A picture renamed .pdf is refused next to its item; nothing else is lost.
    fake = {"name": "Phương án.pdf", "mimeType": "application/pdf", "buffer": png_bytes()}
    upload(page, SENT_BACK, fake)
    refusal = item(page, SENT_BACK).get_by_role("alert")
    expect(refusal).to_contain_text(
        "Tệp “Phương án.pdf” có phần mở rộng “.pdf” nhưng nội dung thực là PNG."
    )
    expect(item(page, SENT_BACK).get_by_role("link", name="Phương án.pdf")).to_have_count(0)
    for code, name in names.items():
        expect(item(page, code).get_by_role("link", name=name)).to_be_visible()
    return names


def fill_self_assessment(page: Page) -> None:
    expect(page.locator("#self-assessment")).to_contain_text("Còn")
    page.get_by_role("link", name="Mở phiếu tự đánh giá").click()
    for code, level in HIEU_LAM_CHOICES.items():
        page.locator(f'[id="l-{code}-{level}"]').check()
    expect(page.locator("[data-running-total]")).to_have_text("72")
    page.get_by_role("button", name="Lưu phiếu tự đánh giá").click()
    expect(page.get_by_text("Đã lưu phiếu tự đánh giá.")).to_be_visible()
    expect(page.locator("[data-running-total]")).to_have_text("72")
    page.get_by_role("link", name="Về hồ sơ").click()
    expect(page.locator("#self-assessment")).to_contain_text("tổng điểm tự đánh giá: 72")


def sign_and_submit(page: Page) -> str:
    page.get_by_label("Họ tên người cam đoan").fill("Phạm Thị Hiếu")
    page.get_by_label("Tôi xin cam đoan").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()
    expect(page.get_by_role("heading", name="Giấy tiếp nhận hồ sơ")).to_be_visible()
    code = page.locator("strong.receipt-code").inner_text()
    assert re.fullmatch(r"NB-KS-\d{6}-0001", code), code
    expect(page.get_by_text(f"Đã nộp hồ sơ. Mã số biên nhận: {code}.")).to_be_visible()
    receipt = page.locator("article.receipt")
    for text in ("Công ty TNHH Hiếu Lâm", PRODUCT, ROUND_NAME, "Xã Thượng Kiệm", "1048/QĐ-TTg"):
        expect(receipt).to_contain_text(text)
    qr = page.get_by_role("img", name="Mã QR dẫn tới trang trạng thái hồ sơ")
    expect(qr).to_be_visible()
    page.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=qr.element_handle())
    return code


def request_supplement(page: Page, code: str, required: list[str]) -> None:
    menu(page, "Tiếp nhận hồ sơ").click()
    row = page.get_by_role("row").filter(has_text=PRODUCT)
    expect(row).to_contain_text("Công ty TNHH Hiếu Lâm")
    expect(row).to_contain_text("Chờ tiếp nhận")
    row.get_by_role("link", name=code).click()
    page.locator("#actions").get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.get_by_text("Đã tiếp nhận hồ sơ.")).to_be_visible()
    for item_code in required:
        verdict = item(page, item_code).get_by_label("Kết quả kiểm tra")
        if item_code == SENT_BACK:
            verdict.select_option(label="Cần bổ sung, sửa đổi")
            item(page, item_code).get_by_label("Lý do").fill(REASON)
        else:
            verdict.select_option(label="Đạt")
    page.get_by_role("button", name="Lưu kết quả kiểm tra").click()
    expect(page.get_by_text("Đã lưu kết quả kiểm tra tài liệu.")).to_be_visible()
    expect(item(page, SENT_BACK)).to_contain_text(f"Lý do: {REASON}")
    page.get_by_label("Lời nhắn cho chủ thể").fill("Đề nghị bổ sung trong 5 ngày làm việc.")
    page.get_by_role("button", name="Yêu cầu bổ sung").click()
    expect(page.get_by_text("Đã gửi yêu cầu bổ sung cho chủ thể.")).to_be_visible()
    expect(page.locator(".state-badge")).to_have_text("Yêu cầu bổ sung")


def send_supplement(page: Page, screenshot, old_name: str) -> None:
    menu(page, "Hồ sơ của tôi").click()
    expect(page.get_by_role("row").filter(has_text=PRODUCT)).to_contain_text("Yêu cầu bổ sung")
    page.get_by_role("row").filter(has_text=PRODUCT).get_by_role("link").click()
    expect(page.locator("#timeline")).to_contain_text(REASON)
    page.get_by_role("link", name="Bổ sung hồ sơ").click()
    request = page.locator("#supplement-request")
    expect(request).to_contain_text("Phương án, kế hoạch sản xuất kinh doanh")
    expect(request).to_contain_text(REASON)
    screenshot("producer-supplement-request")

    upload(page, SENT_BACK, pdf("Phương án kinh doanh 2026.pdf"))
    expect(item(page, SENT_BACK).get_by_text("Đã tải lên 1 tệp.")).to_be_visible()
    old = item(page, SENT_BACK).get_by_role("listitem").filter(has_text=old_name)
    old.get_by_role("button", name="Gỡ tệp").click()
    expect(item(page, SENT_BACK).get_by_text(f"Đã gỡ tệp “{old_name}”.")).to_be_visible()
    expect(item(page, SENT_BACK).get_by_role("link", name=old_name)).to_have_count(0)
    page.get_by_role("button", name="Gửi hồ sơ đã bổ sung").click()
    expect(page.get_by_text("Đã gửi hồ sơ đã bổ sung.")).to_be_visible()
    expect(page.locator(".state-badge")).to_have_text("Đã bổ sung")
    expect(
        item(page, SENT_BACK).get_by_role("link", name="Phương án kinh doanh 2026.pdf")
    ).to_be_visible()
    menu(page, "Hồ sơ của tôi").click()
    expect(page.get_by_role("row").filter(has_text=PRODUCT)).to_contain_text("Đã bổ sung")


def test_producer_registers_submits_a_dossier_and_sends_the_supplement(
    page: Page, live_server, app, screenshot, tmp_path
):
    kim_son_district_round()

    register_and_verify(page, live_server, app)
    secretary_verifies_the_organisation(page, live_server)
    add_product(page, tmp_path)
    start_dossier(page)
    names = upload_required_documents(page)
    fill_self_assessment(page)
    code = sign_and_submit(page)
    screenshot("dossier-receipt")
    log_out(page, "Phạm Thị Hiếu")

    log_in(page, live_server, "thu@kimson.gov.vn")
    request_supplement(page, code, list(names))
    screenshot("secretary-supplement-request")
    log_out(page, "Trần Thị Thu")

    log_in(page, live_server, PRODUCER_EMAIL)
    send_supplement(page, screenshot, names[SENT_BACK])
