"""The producer's dossier: start, documents, self-assessment, submission, receipt."""

import re
from urllib.parse import unquote

from sqlalchemy import select

from evalapp.common.mail import outbox_messages
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.integration.dossiers.conftest import (
    HIEU_LAM_CHOICES,
    complete,
    pdf_file,
    start,
    submitted,
)


def upload(client, dossier, item, *files):
    return client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": item, "files": list(files)},
        content_type="multipart/form-data",
    )


def test_producer_starts_a_dossier_in_the_open_round(kim_son, login):
    client = login(kim_son.producer)
    page = client.get("/dossiers/new").text
    assert "Đợt đánh giá OCOP huyện Kim Sơn" in page and "Giỏ đay Hiếu Lâm" in page
    response = client.post(
        "/dossiers/new",
        data={
            "product": kim_son.product.id,
            "round": kim_son.round.id,
            "registration_type": "first_time",
        },
        follow_redirects=True,
    )
    assert "Đã tạo hồ sơ nháp" in response.text
    assert "Thành phần hồ sơ" in response.text and "Bắt buộc" in response.text
    dossier = db.session.scalar(select(Dossier))
    assert dossier.state is DossierState.DRAFT and dossier.sheet_code == "tcmn-trang-tri"


def test_upgrade_needs_the_earlier_certificate(kim_son, login):
    client = login(kim_son.producer)
    response = client.post(
        "/dossiers/new",
        data={
            "product": kim_son.product.id,
            "round": kim_son.round.id,
            "registration_type": "upgrade",
        },
    )
    assert "cần ghi số giấy chứng nhận trước đó" in response.text
    assert db.session.scalar(select(Dossier)) is None


def test_a_bad_file_is_refused_and_the_good_one_beside_it_is_kept(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    fake = pdf_file("ảnh.pdf")
    fake.stream = __import__("io").BytesIO(b"MZ\x90\x00" + b"\x00" * 200)
    response = upload(client, dossier, "phieu_dang_ky", pdf_file("Đơn đăng ký.pdf"), fake)
    assert response.status_code == 302  # back to the workspace, so a reload posts nothing again
    page = client.get(response.headers["Location"]).text
    assert "Đã tải lên 1 tệp." in page
    errors = page.split('class="alert alert-danger py-2 mb-2 upload-errors"')[1].split("</div>\n")[
        0
    ]
    assert "ảnh.pdf" in errors and "không thuộc loại được phép" in errors
    assert "upload-errors" not in client.get(response.headers["Location"]).text  # shown once
    db.session.refresh(dossier)
    names = [document.file.original_name for document in dossier.current_documents("phieu_dang_ky")]
    assert names == ["Đơn đăng ký.pdf"]


def test_vietnamese_file_names_survive_the_round_trip(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    upload(client, dossier, "phieu_dang_ky", pdf_file("Đơn đăng ký.pdf", "Hiếu Lâm"))
    db.session.refresh(dossier)
    document = dossier.current_documents()[0]
    with client.get(f"/dossiers/documents/{document.id}") as response:
        assert response.status_code == 200
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment")
        assert unquote(disposition.split("filename*=UTF-8''")[1]) == "Đơn đăng ký.pdf"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.data.startswith(b"%PDF")


def test_draft_files_can_be_removed(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    upload(client, dossier, "phieu_dang_ky", pdf_file())
    db.session.refresh(dossier)
    document = dossier.current_documents()[0]
    response = client.post(
        f"/dossiers/{dossier.id}/documents/{document.id}/remove", follow_redirects=True
    )
    assert "Đã gỡ tệp “Đơn đăng ký.pdf”." in response.text
    db.session.expire_all()
    assert dossier.current_documents() == []


def test_submission_says_exactly_what_is_missing(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    response = client.post(
        f"/dossiers/{dossier.id}/submit",
        data={"declaration_name": "Phạm Thị Hiếu", "declaration": "y"},
    )
    page = response.text
    assert "Hồ sơ chưa thể nộp vì:" in page
    assert (
        "Thiếu tài liệu bắt buộc: Phương án" in page or page.count("Thiếu tài liệu bắt buộc") == 5
    )
    assert "Phiếu tự đánh giá còn" in page
    db.session.refresh(dossier)
    assert dossier.state is DossierState.DRAFT and dossier.receipt_code is None


def test_declaration_must_be_ticked(kim_son, login):
    dossier = complete(start(kim_son), kim_son)
    client = login(kim_son.producer)
    response = client.post(
        f"/dossiers/{dossier.id}/submit", data={"declaration_name": "Phạm Thị Hiếu"}
    )
    assert "Vui lòng đánh dấu ô cam đoan." in response.text


def test_self_assessment_shows_the_expected_class(kim_son, login):
    dossier = start(kim_son)
    client = login(kim_son.producer)
    data = {f"c-{code}": level for code, level in HIEU_LAM_CHOICES.items()}
    response = client.post(
        f"/dossiers/{dossier.id}/self-assessment", data=data, follow_redirects=True
    )
    assert "Đã lưu phiếu tự đánh giá." in response.text
    assert "72,00" in response.text and "Đạt 4 sao" in response.text
    db.session.refresh(dossier)
    assert dossier.self_assessment == HIEU_LAM_CHOICES


def test_submission_gives_a_receipt_code_and_notifies(app, kim_son, login):
    dossier = complete(start(kim_son), kim_son)
    client = login(kim_son.producer)
    response = client.post(
        f"/dossiers/{dossier.id}/submit",
        data={"declaration_name": "Phạm Thị Hiếu", "declaration": "y"},
        follow_redirects=True,
    )
    db.session.refresh(dossier)
    assert dossier.state is DossierState.SUBMITTED
    assert re.fullmatch(r"NB-KS-\d{6}-0001", dossier.receipt_code)
    assert "Giấy tiếp nhận hồ sơ" in response.text and dossier.receipt_code in response.text
    assert 'src="data:image/svg+xml' in response.text  # the QR code
    recipients = {n.user_id for n in db.session.scalars(select(Notification))}
    assert {kim_son.secretary.id, kim_son.producer.id} <= recipients
    assert {m["To"] for m in outbox_messages(app)} >= {
        kim_son.secretary.email,
        kim_son.producer.email,
    }


def test_receipt_codes_count_per_unit_and_day(kim_son):
    from tests.factories import make_product

    first = submitted(kim_son)
    kim_son.product = make_product(kim_son.organisation, "Chiếu cói Hiếu Lâm")
    second = submitted(kim_son)
    assert first.receipt_code[:-4] == second.receipt_code[:-4]
    assert (first.receipt_code[-4:], second.receipt_code[-4:]) == ("0001", "0002")


def test_unverified_email_blocks_submission(kim_son, login):
    dossier = complete(start(kim_son), kim_son)
    kim_son.producer.email_verified_at = None
    db.session.commit()
    response = login(kim_son.producer).post(
        f"/dossiers/{dossier.id}/submit",
        data={"declaration_name": "Phạm Thị Hiếu", "declaration": "y"},
    )
    assert "Email của tài khoản chưa được xác nhận." in response.text


def test_no_dossier_into_a_closed_round(kim_son, login):
    from evalapp.rounds.models import RoundState

    kim_son.round.state = RoundState.CLOSED
    db.session.commit()
    client = login(kim_son.producer)
    assert "Hiện không có đợt đánh giá nào đang nhận hồ sơ" in client.get("/dossiers/new").text


def test_submitted_dossier_is_read_only_for_the_producer(kim_son, login):
    dossier = submitted(kim_son)
    client = login(kim_son.producer)
    assert client.get(f"/dossiers/{dossier.id}/edit").status_code == 403
    assert upload(client, dossier, "phieu_dang_ky", pdf_file()).status_code == 403
    page = client.get(f"/dossiers/{dossier.id}").text
    assert "Chờ tiếp nhận" in page and dossier.receipt_code in page


def test_my_dossiers_filters_by_state(kim_son, login):
    submitted(kim_son)
    client = login(kim_son.producer)
    assert "Giỏ đay Hiếu Lâm" in client.get("/dossiers/", query_string={"state": "submitted"}).text
    assert "Giỏ đay Hiếu Lâm" not in client.get("/dossiers/", query_string={"state": "draft"}).text


def test_a_product_classified_under_another_rulebook_is_filed_for_the_round(kim_son, login):
    kim_son.product.rulebook_code, kim_son.product.group_code = "148-1489-2025", "4"
    kim_son.product.subgroup_code = "4"
    db.session.commit()
    client = login(kim_son.producer)
    form = {
        "product": kim_son.product.id,
        "round": kim_son.round.id,
        "registration_type": "first_time",
    }
    response = client.post("/dossiers/new", data=form)
    assert "Vui lòng chọn nhóm sản phẩm theo quyết định áp dụng cho đợt đánh giá." in response.text
    response = client.post("/dossiers/new", data=form | {"product_class": "148-1489-2025|4"})
    assert "Vui lòng chọn nhóm sản phẩm theo quyết định áp dụng cho đợt đánh giá." in response.text
    client.post("/dossiers/new", data=form | {"product_class": "1048-2019|5.01"})
    dossier = db.session.scalar(select(Dossier))
    assert (dossier.class_code, dossier.sheet_code) == ("5.01", "tcmn-trang-tri")
