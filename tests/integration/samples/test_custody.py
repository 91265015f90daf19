"""Custody: each sample's holder, from the commune to the secretariat, the advisory group, a lab,
and back to the producer; the sample page (opened from the QR label) shows its history."""

from datetime import timedelta

import pytest

from evalapp.common.time import local_today
from tests.integration.samples.conftest import (
    day,
    pre_review_form,
    receipt_form,
    samples_of,
    submitted,
)

TODAY = local_today


def move_form(samples, holder: str, on=None, **changes) -> dict:
    return {
        "samples": [str(s.id) for s in samples],
        "holder": holder,
        "lab_name": "",
        "moved_on": day(on or TODAY()),
        "note": "",
        **changes,
    }


@pytest.fixture
def forwarded(ninh_binh, login):
    """The basket's 5 samples received at the commune (two days ago), the dossier forwarded."""
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    officer.post(
        f"/samples/dossiers/{dossier.id}/receive",
        data=receipt_form(5, received_on=day(TODAY() - timedelta(days=2))),
    )
    officer.post(f"/dossiers/{dossier.id}/pre-review", data=pre_review_form())
    return dossier, officer


def test_samples_go_to_the_province_the_advisory_group_a_lab_and_back(forwarded, ninh_binh, login):
    dossier, officer = forwarded
    samples = samples_of(dossier)
    response = officer.post(
        f"/samples/dossiers/{dossier.id}/moves",
        data=move_form(samples, "secretariat", TODAY() - timedelta(days=1), note="Gửi kèm hồ sơ"),
        follow_redirects=True,
    )
    assert "Đã ghi nhận việc chuyển 5 mẫu." in response.text
    # The province holds them now: the commune records no more moves.
    response = officer.post(
        f"/samples/dossiers/{dossier.id}/moves", data=move_form(samples[:1], "producer")
    )
    assert "đang do Cơ quan thường trực (cấp tỉnh) giữ: bạn không ghi nhận được" in response.text

    secretary = login(ninh_binh.secretary)
    secretary.post(
        f"/samples/dossiers/{dossier.id}/moves", data=move_form(samples, "advisory_group")
    )
    response = secretary.post(
        f"/samples/{samples[0].label_code}/moves",
        data=move_form(samples[:1], "lab"),
    )
    assert "Vui lòng ghi tên phòng kiểm nghiệm." in response.text
    response = secretary.post(
        f"/samples/{samples[0].label_code}/moves",
        data=move_form(samples[:1], "lab", lab_name="Trung tâm Kiểm nghiệm Ninh Bình"),
        follow_redirects=True,
    )
    assert "Phòng kiểm nghiệm: Trung tâm Kiểm nghiệm Ninh Bình" in response.text
    secretary.post(
        f"/samples/dossiers/{dossier.id}/moves",
        data=move_form(samples[1:], "producer", note="Trả sau phiên họp"),
    )

    page = secretary.get(f"/samples/{samples[0].label_code}").text
    history = page[page.index('id="history"') :]
    holders = ["UBND cấp xã", "Cơ quan thường trực (cấp tỉnh)", "Tổ tư vấn Hội đồng", "Trung tâm"]
    positions = [history.index(holder) for holder in holders]
    assert positions == sorted(positions) and "Gửi kèm hồ sơ" in history
    assert "Lê Văn Xã" in history and "Trần Thị Thu" in history

    page = secretary.get(f"/samples/{samples[1].label_code}").text
    assert f"Đã trả lại chủ thể ngày {day(TODAY())}" in page and "Trả sau phiên họp" in page
    assert 'id="move-form"' not in page  # a returned sample moves no more
    response = secretary.post(
        f"/samples/{samples[1].label_code}/moves", data=move_form(samples[1:2], "commune")
    )
    assert f"Mẫu 2 ({samples[1].label_code}) đã trả lại chủ thể ngày {day(TODAY())}." in (
        response.text
    )
    overview = secretary.get(f"/samples/dossiers/{dossier.id}").text
    assert overview.count("Đã trả lại") == 4 and "Trung tâm Kiểm nghiệm Ninh Bình" in overview


def test_a_move_dated_before_the_last_one_or_to_the_same_holder_is_refused(
    forwarded, ninh_binh, login
):
    dossier, _officer = forwarded
    samples = samples_of(dossier)
    secretary = login(ninh_binh.secretary)
    response = secretary.post(
        f"/samples/dossiers/{dossier.id}/moves",
        data=move_form(samples, "secretariat", TODAY() - timedelta(days=3)),
    )
    received_on = day(TODAY() - timedelta(days=2))
    expected = (
        f"Mẫu 1 ({samples[0].label_code}): ngày chuyển không được trước ngày {received_on} "
        "(lần chuyển trước)."
    )
    assert expected in response.text
    response = secretary.post(
        f"/samples/dossiers/{dossier.id}/moves",
        data=move_form(samples, "secretariat", TODAY() + timedelta(days=1)),
    )
    assert "Ngày chuyển mẫu không được sau hôm nay." in response.text
    secretary.post(
        f"/samples/dossiers/{dossier.id}/moves", data=move_form(samples[:2], "secretariat")
    )
    response = secretary.post(
        f"/samples/dossiers/{dossier.id}/moves", data=move_form(samples[:3], "secretariat")
    )
    assert "đang do Cơ quan thường trực (cấp tỉnh) giữ." in response.text
    # Refused as a whole: the third sample did not move either.
    assert [len(s.moves) for s in samples_of(dossier)] == [2, 2, 1, 1, 1]
    response = secretary.post(f"/samples/dossiers/{dossier.id}/moves", data=move_form([], "lab"))
    assert "Hãy chọn ít nhất một mẫu." in response.text
