"""The commune receives the samples with the dossier: exactly 5 under 26/2026 Điều 6.2.d, none
for community tourism, once, and only while the dossier is on its desk."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from evalapp.common.audit import AuditEntry
from evalapp.common.time import local_today
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.samples.models import SampleMove, SampleReceipt
from tests.integration.samples.conftest import (
    pre_review_form,
    receipt_form,
    samples_of,
    submitted,
)


def wrong_count(count: int) -> str:
    return (
        "Hồ sơ phải kèm đúng 5 sản phẩm mẫu (Điều 6.2.d, 7.2.b Quyết định 26/2026/QĐ-TTg); "
        f"số đã nhập: {count}."
    )


def test_the_commune_records_five_samples_each_with_its_own_label(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    page = officer.get(f"/samples/dossiers/{dossier.id}").text
    assert "0/5 mẫu" in page and "Ghi nhận sản phẩm mẫu nhận kèm hồ sơ" in page

    response = officer.post(
        f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5), follow_redirects=True
    )
    assert "Đã ghi nhận 5 sản phẩm mẫu." in response.text
    samples = samples_of(dossier)
    assert [s.number for s in samples] == [1, 2, 3, 4, 5]
    codes = [s.label_code for s in samples]
    assert len(set(codes)) == 5 and all(len(code) == 8 and code[0] == "M" for code in codes)
    for sample in samples:
        assert f"Mẫu {sample.number}/5" in response.text and sample.label_code in response.text
        assert [move.holder.value for move in sample.moves] == ["commune"]
    assert "5/5 mẫu" in response.text and "Hộp giấy kraft, lô 12/2026" in response.text
    assert "Ghi nhận sản phẩm mẫu nhận kèm hồ sơ" not in response.text  # no second receipt
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "samples.received"))
    assert entry.one().after["codes"] == codes


@pytest.mark.parametrize("count", [4, 6, 0])
def test_a_count_other_than_five_is_refused_and_nothing_is_saved(ninh_binh, login, count):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    response = officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(count))
    assert wrong_count(count) in response.text
    assert "Hộp giấy kraft, lô 12/2026" in response.text  # the form keeps what was typed
    assert samples_of(dossier) == []
    assert db.session.scalar(select(func.count(SampleReceipt.id))) == 0
    assert db.session.scalar(select(func.count(SampleMove.id))) == 0


def test_community_tourism_sends_no_sample_and_recording_one_is_refused(ninh_binh, login):
    """26/2026 Điều 6.2.d: "trừ nhóm sản phẩm Dịch vụ du lịch cộng đồng, du lịch sinh thái và
    điểm du lịch"."""
    dossier = submitted(ninh_binh, ninh_binh.homestay)
    officer = login(ninh_binh.commune_officer)
    page = officer.get(f"/samples/dossiers/{dossier.id}").text
    exempt = (
        "Nhóm sản phẩm “Sản phẩm dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch” "
        "không nộp sản phẩm mẫu (Điều 6.2.d, 7.2.b Quyết định 26/2026/QĐ-TTg)."
    )
    assert exempt in page and "receive-form" not in page
    for count in (1, 5, 0):
        response = officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(count))
        assert exempt in response.text
    assert samples_of(dossier) == []
    assert "Không nộp sản phẩm mẫu" in officer.get(f"/dossiers/{dossier.id}").text


def test_samples_are_received_once(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    response = officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    assert "Hồ sơ đã có 5 sản phẩm mẫu được ghi nhận." in response.text
    assert len(samples_of(dossier)) == 5


def test_two_officers_recording_at_the_same_moment_get_one_receipt_and_a_message(
    ninh_binh, login, monkeypatch
):
    """The second of two simultaneous recordings passes the check before the first commits;
    the database's one-receipt-a-dossier rule then refuses it with a message, not a 500."""
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    monkeypatch.setattr("evalapp.samples.services.recorded_count", lambda dossier: 0)
    response = officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    assert response.status_code == 200
    assert "vừa được người khác ghi nhận" in response.text
    assert len(samples_of(dossier)) == 5


def test_a_receipt_dated_tomorrow_is_refused(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    tomorrow = (local_today() + timedelta(days=1)).strftime("%d/%m/%Y")
    response = officer.post(
        f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5, received_on=tomorrow)
    )
    assert "Ngày nhận mẫu không được sau hôm nay." in response.text
    assert samples_of(dossier) == []
    today = local_today().strftime("%d/%m/%Y")
    officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5, received_on=today))
    assert len(samples_of(dossier)) == 5


def test_samples_are_recorded_only_at_the_desk_holding_the_dossier(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    not_here = "Chỉ ghi nhận sản phẩm mẫu khi hồ sơ đang ở bộ phận tiếp nhận của đơn vị bạn"
    # Filed with the commune: the province's secretariat does not record its samples.
    secretary = login(ninh_binh.secretary)
    response = secretary.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    assert not_here in response.text and "trạng thái “Chờ tiếp nhận”" in response.text
    assert samples_of(dossier) == []
    # Forwarded: the commune records nothing more.
    officer = login(ninh_binh.commune_officer)
    officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    officer.post(f"/dossiers/{dossier.id}/pre-review", data=pre_review_form())
    response = officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    assert not_here in response.text and "trạng thái “Đã chuyển cấp trên”" in response.text
    assert len(samples_of(dossier)) == 5


def test_the_secretariat_records_the_samples_of_a_dossier_that_reached_it_without(ninh_binh, login):
    """A dossier on the province's desk with no sample recorded (forwarded before the check
    existed): the secretariat records them as they come in; the commune no longer can."""
    dossier = submitted(ninh_binh, ninh_binh.basket)
    dossier.state, dossier.current_unit = DossierState.FORWARDED, ninh_binh.province
    db.session.commit()
    secretary = login(ninh_binh.secretary)
    assert "0/5 mẫu" in secretary.get("/dossiers/intake").text
    response = secretary.post(
        f"/samples/dossiers/{dossier.id}/receive",
        data=receipt_form(5, received_by_name="Trần Thị Thu"),
        follow_redirects=True,
    )
    assert "Đã ghi nhận 5 sản phẩm mẫu." in response.text and "Tỉnh Ninh Bình" in response.text
    samples = samples_of(dossier)
    assert [s.current.holder.value for s in samples] == ["secretariat"] * 5
    assert "5/5 mẫu" in secretary.get("/dossiers/intake").text
