"""The secretariat's intake, the commune pre-review (1489) and the supplement round trip."""

from datetime import date

import pytest
from sqlalchemy import select

from evalapp.common.mail import outbox_messages
from evalapp.common.time import utcnow
from evalapp.dossiers import services
from evalapp.dossiers.models import DossierState, RegistrationType
from evalapp.dossiers.rules import checklist_items
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.integration.dossiers.conftest import filed_on, pdf_file, submitted


def check_items(client, dossier, verdicts: dict[str, tuple[str, str]]):
    data = {}
    for code, (verdict, reason) in verdicts.items():
        data[f"verdict-{code}"], data[f"reason-{code}"] = verdict, reason
    return client.post(f"/dossiers/{dossier.id}/items", data=data, follow_redirects=True)


def accept_all(scenario):
    return {code: ("accepted", "") for code in scenario.required}


def test_the_queue_shows_submitted_dossiers_with_deadline_badges(kim_son, login):
    dossier = submitted(kim_son)
    page = login(kim_son.secretary).get("/dossiers/intake").text
    assert dossier.receipt_code in page and "Giỏ đay Hiếu Lâm" in page
    assert "Chờ tiếp nhận" in page and "Đúng hạn" in page


def test_secretary_receives_checks_and_accepts(kim_son, login):
    dossier = submitted(kim_son)
    client = login(kim_son.secretary)
    response = client.post(f"/dossiers/{dossier.id}/receive", follow_redirects=True)
    assert "Đã tiếp nhận hồ sơ." in response.text
    response = client.post(f"/dossiers/{dossier.id}/accept", follow_redirects=True)
    assert "Chưa chấp nhận các mục" in response.text
    check_items(client, dossier, accept_all(kim_son))
    response = client.post(f"/dossiers/{dossier.id}/accept", follow_redirects=True)
    assert "chờ Hội đồng chấm điểm" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.ACCEPTED
    actions = [event.action for event in dossier.events]
    assert actions == ["created", "submitted", "received", "accepted"]


def test_needs_correction_requires_a_reason(kim_son, login):
    dossier = submitted(kim_son)
    client = login(kim_son.secretary)
    client.post(f"/dossiers/{dossier.id}/receive")
    response = check_items(client, dossier, {"phieu_dang_ky": ("needs_correction", "")})
    assert "Vui lòng ghi rõ lý do cần bổ sung, sửa đổi." in response.text


def test_supplement_round_trip_keeps_the_old_file_for_staff(app, kim_son, login):
    dossier = submitted(kim_son)
    secretary = login(kim_son.secretary)
    secretary.post(f"/dossiers/{dossier.id}/receive")
    verdicts = accept_all(kim_son) | {
        "phieu_dang_ky": ("needs_correction", "Thiếu chữ ký của giám đốc")
    }
    check_items(secretary, dossier, verdicts)
    response = secretary.post(
        f"/dossiers/{dossier.id}/supplement",
        data={"message": "Bổ sung trong 5 ngày"},
        follow_redirects=True,
    )
    assert "Đã gửi yêu cầu bổ sung cho chủ thể." in response.text
    [mail] = [m for m in outbox_messages(app) if "bổ sung" in m["Subject"]]
    assert mail["Subject"] == f"Yêu cầu bổ sung hồ sơ OCOP {dossier.receipt_code}"
    body = mail.get_content()
    assert "Giỏ đay Hiếu Lâm" in body and "Thiếu chữ ký của giám đốc" in body
    assert "Bổ sung trong 5 ngày" in body

    producer = login(kim_son.producer)
    workspace = producer.get(f"/dossiers/{dossier.id}/edit").text
    assert "Thiếu chữ ký của giám đốc" in workspace
    refused = producer.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": "gioi_thieu_to_chuc", "files": [pdf_file("khác.pdf")]},
        content_type="multipart/form-data",
    )
    assert "Không thể tải tệp lên mục này" in producer.get(refused.headers["Location"]).text
    response = producer.post(f"/dossiers/{dossier.id}/resubmit", data={})
    assert "Chưa bổ sung tài liệu cho:" in response.text

    old = next(d for d in dossier.current_documents("phieu_dang_ky"))
    producer.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": "phieu_dang_ky", "files": [pdf_file("Phiếu đăng ký có chữ ký.pdf")]},
        content_type="multipart/form-data",
    )
    producer.post(f"/dossiers/{dossier.id}/documents/{old.id}/remove")
    response = producer.post(
        f"/dossiers/{dossier.id}/resubmit",
        data={"message": "Đã bổ sung chữ ký"},
        follow_redirects=True,
    )
    assert "Đã gửi hồ sơ đã bổ sung." in response.text
    db.session.expire_all()
    assert dossier.state is DossierState.SUPPLEMENTED

    assert producer.get(f"/dossiers/documents/{old.id}").status_code == 403
    with secretary.get(f"/dossiers/documents/{old.id}") as response:
        assert response.status_code == 200
    page = secretary.get(f"/dossiers/{dossier.id}").text
    assert "bản cũ" in page and "Phiếu đăng ký có chữ ký.pdf" in page


def test_refusal_needs_a_reason_and_tells_the_producer(kim_son, login):
    dossier = submitted(kim_son)
    client = login(kim_son.secretary)
    response = client.post(
        f"/dossiers/{dossier.id}/refuse", data={"reason": ""}, follow_redirects=True
    )
    assert "Vui lòng ghi lý do từ chối hồ sơ." in response.text
    client.post(f"/dossiers/{dossier.id}/refuse", data={"reason": "Sản phẩm không thuộc địa bàn"})
    db.session.refresh(dossier)
    assert dossier.state is DossierState.REFUSED
    subjects = [
        n.subject
        for n in db.session.scalars(
            select(Notification).where(Notification.user_id == kim_son.producer.id)
        )
    ]
    assert "Hồ sơ OCOP bị từ chối" in subjects
    assert (
        "Sản phẩm không thuộc địa bàn"
        in login(kim_son.producer).get(f"/dossiers/{dossier.id}").text
    )


def test_under_1489_the_commune_reviews_first(ninh_binh_2025, login):
    scenario = ninh_binh_2025
    dossier = filed_on(date(2026, 5, 21), scenario)
    assert dossier.current_unit == scenario.commune
    secretary = login(scenario.secretary)
    assert secretary.post(f"/dossiers/{dossier.id}/receive").status_code == 403

    officer = login(scenario.commune_officer)
    assert dossier.receipt_code in officer.get("/dossiers/intake").text
    response = officer.post(f"/dossiers/{dossier.id}/pre-review", data={"met-local_origin": "yes"})
    assert "Vui lòng đánh giá đủ các tiêu chí của cấp xã." in response.text
    data = {
        f"met-{code}": "yes"
        for code in ("local_origin", "local_labour", "idea_origin", "local_identity")
    }
    data["note"] = "Sản phẩm truyền thống của xã"
    response = officer.post(f"/dossiers/{dossier.id}/pre-review", data=data, follow_redirects=True)
    assert "chuyển hồ sơ lên cấp trên" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.FORWARDED and dossier.current_unit == scenario.province

    response = secretary.post(f"/dossiers/{dossier.id}/receive", follow_redirects=True)
    assert "Đã tiếp nhận hồ sơ." in response.text
    assert "Sản phẩm truyền thống của xã" in response.text


def test_1489_dossiers_need_no_self_assessment_without_a_sheet(ninh_binh_2025):
    dossier = filed_on(date(2026, 5, 21), ninh_binh_2025)
    assert dossier.sheet_code is None and dossier.state is DossierState.SUBMITTED


def test_from_22_may_2026_a_1489_round_takes_no_new_dossier(ninh_binh_2025):
    """26/2026 Điều 12.2: only dossiers filed before 22/5/2026 finish under 148 and 1489."""
    with pytest.raises(services.DossierError) as refused:
        filed_on(date(2026, 5, 22), ninh_binh_2025)
    assert "Từ ngày 22/05/2026, hồ sơ nộp mới được đánh giá theo 26/2026/QĐ-TTg" in str(
        refused.value
    )


@pytest.mark.parametrize(
    ("kind", "deadline"),
    [(RegistrationType.FIRST_TIME, "21/07/2026"), (RegistrationType.RE_EVALUATION, "21/06/2026")],
)
def test_a_dossier_filed_before_22_may_shows_its_transition_deadline(
    ninh_binh_2025, login, kind, deadline
):
    dossier = filed_on(date(2026, 5, 21), ninh_binh_2025)
    dossier.registration_type = kind
    db.session.commit()
    page = login(ninh_binh_2025.producer).get(f"/dossiers/{dossier.id}").text
    assert f"phải hoàn thành đánh giá, phân hạng trước hết ngày {deadline} (Điều 12.2)" in page


def test_all_remaining_items_pass_in_one_click_keeping_the_flagged_ones(kim_son, login):
    dossier = submitted(kim_son)
    client = login(kim_son.secretary)
    client.post(f"/dossiers/{dossier.id}/receive")
    flagged = kim_son.required[0]
    data = {
        f"verdict-{flagged}": "needs_correction",
        f"reason-{flagged}": "Thiếu chữ ký",
        "all_pass": "1",
    }

    page = client.post(f"/dossiers/{dossier.id}/items", data=data, follow_redirects=True).text

    db.session.refresh(dossier)
    verdicts = {review.item_code: review.verdict.value for review in dossier.item_reviews}
    items = checklist_items(dossier)
    assert verdicts[flagged] == "needs_correction"
    assert all(verdicts[item.code] == "accepted" for item in items if item.code != flagged)
    assert f"Đã đánh dấu Đạt {len(items) - 1} mục chưa kiểm tra." in page


def test_a_required_item_without_a_file_does_not_pass_unseen(kim_son, login):
    dossier = submitted(kim_son)
    missing = kim_son.required[-1]
    for document in dossier.current_documents(missing):
        document.replaced_at = utcnow()  # as if withdrawn: no current file for the item
    db.session.commit()
    client = login(kim_son.secretary)
    client.post(f"/dossiers/{dossier.id}/receive")

    page = client.post(
        f"/dossiers/{dossier.id}/items", data={"all_pass": "1"}, follow_redirects=True
    ).text

    db.session.refresh(dossier)
    assert dossier.review_of(missing) is None
    assert "Mục bắt buộc chưa có tệp, chưa đánh dấu Đạt:" in page


def test_all_states_and_a_search_find_an_accepted_dossier(kim_son, login):
    """The queue opens on the dossiers awaiting the secretariat; "Tất cả trạng thái" and a
    search typed without a state find the accepted ones too."""
    dossier = submitted(kim_son)
    client = login(kim_son.secretary)
    client.post(f"/dossiers/{dossier.id}/receive")
    check_items(client, dossier, accept_all(kim_son))
    client.post(f"/dossiers/{dossier.id}/accept")
    db.session.refresh(dossier)
    assert dossier.state is DossierState.ACCEPTED

    pending = client.get("/dossiers/intake").text
    assert dossier.receipt_code not in pending
    assert "Không có hồ sơ nào đang chờ xử lý." in pending
    assert '<option selected value="pending">Đang chờ xử lý</option>' in pending

    every = client.get("/dossiers/intake?q=&state=").text
    assert dossier.receipt_code in every and "Chờ Hội đồng chấm điểm" in every
    assert '<option selected value="">Tất cả trạng thái</option>' in every

    searched = client.get("/dossiers/intake?q=Giỏ đay").text
    assert dossier.receipt_code in searched
    narrowed = client.get("/dossiers/intake?q=Giỏ đay&state=pending").text
    assert dossier.receipt_code not in narrowed
    assert "Không có hồ sơ nào đang chờ xử lý." in narrowed


def test_a_dossier_whose_group_has_no_criteria_sheet_is_not_accepted(ninh_binh_2025, login):
    """148 + 1489 ship no criteria sheet: accepting would send the council a dossier nobody can
    score ("đã ký 0/0 phiếu"), so the secretary is told why and the dossier stays at intake."""
    scenario = ninh_binh_2025
    dossier = filed_on(date(2026, 5, 21), scenario)
    officer = login(scenario.commune_officer)
    data = {
        f"met-{code}": "yes"
        for code in ("local_origin", "local_labour", "idea_origin", "local_identity")
    }
    officer.post(f"/dossiers/{dossier.id}/pre-review", data=data)
    secretary = login(scenario.secretary)
    secretary.post(f"/dossiers/{dossier.id}/receive")
    check_items(secretary, dossier, {code: ("accepted", "") for code in scenario.required})
    response = secretary.post(f"/dossiers/{dossier.id}/accept", follow_redirects=True)
    assert (
        "chưa có phiếu đánh giá theo 148/QĐ-TTg; 1489/QĐ-TTg: hồ sơ này không thể chấm điểm."
        in (response.text)
    )
    assert "Chưa thể chấp nhận hồ sơ" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.RECEIVED
