"""Proposing a district product to the province (1048: from 50 points, inclusive)."""

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.files import StoredFile
from evalapp.dossiers.claims import part_three_rows
from evalapp.dossiers.models import Dossier, DossierDocument, DossierState, SelfAssessmentClaim
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.results.forwarding import forward_result
from evalapp.results.models import Forwarding
from evalapp.results.services import ResultsError
from evalapp.rounds.models import RoundState
from tests.factories import (
    make_decision,
    make_final_result,
    make_producer,
    make_round,
    make_unit,
    make_user,
)


@pytest.fixture
def province(meeting):
    return meeting.council.round.unit.parent


def forward(client, result, confirmed="1", **data):
    data = {**data, "confirmed": confirmed} if confirmed else data
    return client.post(f"/results/{result.id}/forward", data=data, follow_redirects=True)


def test_an_unconfirmed_forwarding_files_nothing_and_says_where_and_who_is_told(
    meeting, province, client, auth
):
    target = make_round(province, level_code="province")
    receiver = make_user(Role.SECRETARY, unit=province)
    producer = make_producer(meeting.item.dossier.organisation)
    result = make_final_result(meeting.item, "50.00", 3)
    db.session.commit()

    auth.login(meeting.secretary.user)
    response = forward(client, result, confirmed=None, round_id=str(target.id))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirmation"' in page
    product = meeting.item.dossier.product.name
    assert f"Sản phẩm {product} của" in page and "(50,00 điểm)" in page
    assert f"được đề xuất lên Tỉnh Ninh Bình, đợt {target.name}" in page
    assert "Không thể rút lại việc đề xuất" in page
    assert f"Thư ký Tỉnh Ninh Bình: {receiver.full_name}" in page
    assert f"Nhà sản xuất: {producer.full_name}" in page
    assert f'name="round_id" value="{target.id}"' in page
    assert 'name="confirmed" value="1"' in page
    assert db.session.scalars(select(Forwarding)).all() == []
    assert db.session.scalars(select(Notification)).all() == []

    confirmed = forward(client, result, round_id=str(target.id))
    assert "Đã đề xuất sản phẩm lên Tỉnh Ninh Bình" in confirmed.get_data(as_text=True)
    assert db.session.scalars(select(Forwarding)).one().to_round_id == target.id


def test_an_unconfirmed_forwarding_that_would_be_refused_says_why_at_once(
    meeting, province, client, auth
):
    target = make_round(province, level_code="province")
    result = make_final_result(meeting.item, "49.99", None)
    db.session.commit()
    auth.login(meeting.secretary.user)
    page = forward(client, result, confirmed=None, round_id=str(target.id)).get_data(as_text=True)
    assert "chưa đạt mức đề xuất lên cấp trên" in page and 'id="confirmation"' not in page


def test_a_product_at_50_points_goes_to_the_provinces_intake_queue(meeting, province, client, auth):
    target = make_round(province, level_code="province")
    receiver = make_user(Role.SECRETARY, unit=province)
    other = make_unit("Tỉnh Thanh Hóa", code="TH")
    make_round(other, level_code="province")
    stranger = make_user(Role.SECRETARY, unit=other)
    producer = make_producer(meeting.item.dossier.organisation)
    result = make_final_result(meeting.item, "50.00", 3)
    db.session.commit()

    auth.login(meeting.secretary.user)
    page = client.get(f"/results/items/{meeting.item.id}").get_data(as_text=True)
    assert target.name in page
    response = forward(client, result, round_id=str(target.id))
    assert "Đã đề xuất sản phẩm lên Tỉnh Ninh Bình" in response.get_data(as_text=True)

    forwarded = db.session.scalars(select(Forwarding)).one()
    dossier = forwarded.dossier
    origin = meeting.item.dossier
    assert (dossier.round_id, dossier.state, dossier.current_unit_id) == (
        target.id,
        DossierState.FORWARDED,
        province.id,
    )
    assert (dossier.product_id, dossier.organisation_id, dossier.sheet_code) == (
        origin.product_id,
        origin.organisation_id,
        origin.sheet_code,
    )
    assert [e.action for e in dossier.events] == ["forwarded_up"]
    assert origin.events[-1].action == "forwarded_up"
    assert db.session.scalars(select(Notification).where(Notification.user_id == receiver.id)).one()
    to_producer = db.session.scalars(
        select(Notification).where(Notification.user_id == producer.id)
    ).one()
    assert "Tỉnh Ninh Bình" in to_producer.body and "50" not in to_producer.body

    auth.logout()
    auth.login(receiver)
    queue = client.get("/dossiers/intake").get_data(as_text=True)
    assert dossier.receipt_code in queue
    assert "Đề xuất từ Huyện Kim Sơn: 50,00 điểm, 3 sao" in queue
    origin_page = client.get(f"/results/items/{meeting.item.id}")
    assert origin_page.status_code == 200
    text = origin_page.get_data(as_text=True)
    assert 'id="frozen-sheets"' in text and "finalise-form" not in text
    assert "Đề nghị mở lại" not in text

    auth.logout()
    auth.login(stranger)
    assert dossier.receipt_code not in client.get("/dossiers/intake").get_data(as_text=True)
    assert client.get(f"/results/items/{meeting.item.id}").status_code == 403


def test_the_current_documents_travel_with_the_dossier(meeting, province):
    origin = meeting.item.dossier
    stored = StoredFile(
        storage_key="ab/cd",
        sha256="0" * 64,
        size=10,
        format="pdf",
        mimetype="application/pdf",
        original_name="Phiếu đăng ký.pdf",
        uploaded_by_id=meeting.secretary.user_id,
    )
    origin.documents.append(DossierDocument(item_code="phieu_dang_ky", file=stored))
    db.session.flush()
    target = make_round(province, level_code="province")
    result = make_final_result(meeting.item, "72.50", 4)
    forwarded = forward_result(result, target, meeting.secretary.user)
    [copy] = forwarded.dossier.documents
    assert (copy.item_code, copy.file_id) == ("phieu_dang_ky", stored.id)


def test_the_self_assessment_travels_with_its_evidence(meeting, province):
    """Mẫu 02 Phần III goes up with the dossier, each claim citing the copy of its file."""
    origin = meeting.item.dossier
    stored = StoredFile(
        storage_key="ab/ce",
        sha256="1" * 64,
        size=10,
        format="pdf",
        mimetype="application/pdf",
        original_name="Giấy xác nhận nguồn cói.pdf",
        uploaded_by_id=meeting.secretary.user_id,
    )
    document = DossierDocument(item_code="phuong_an_kinh_doanh", file=stored)
    origin.documents.append(document)
    origin.self_assessment = {"1.1": "4"}
    origin.claims.append(
        SelfAssessmentClaim(
            criterion_code="1.1", description="Cói của Kim Sơn.", documents=[document]
        )
    )
    db.session.flush()
    target = make_round(province, level_code="province")
    result = make_final_result(meeting.item, "72.50", 4)
    dossier = forward_result(result, target, meeting.secretary.user).dossier
    db.session.commit()
    [row] = [row for row in part_three_rows(dossier) if not row.is_blank]
    assert (row.code, row.level_code, row.description) == ("1.1", "4", "Cói của Kim Sơn.")
    [copy] = dossier.documents
    assert [e.document_id for e in row.evidence] == [copy.id] and copy.id != document.id
    assert row.evidence_names == ("Giấy xác nhận nguồn cói.pdf",)


def test_below_50_points_is_not_forwarded(meeting, province, client, auth):
    target = make_round(province, level_code="province")
    result = make_final_result(meeting.item, "49.99", None)
    db.session.commit()
    auth.login(meeting.secretary.user)
    response = forward(client, result, round_id=str(target.id))
    assert "Điểm 49,99 chưa đạt mức đề xuất lên cấp trên (từ 50,00 điểm)" in response.get_data(
        as_text=True
    )
    assert db.session.scalars(select(Forwarding)).all() == []


def test_without_an_open_provincial_round_the_secretary_is_told(meeting, province):
    make_round(province, level_code="province", state=RoundState.CLOSED)
    make_round(province, level_code="province", rulebook_code="148-2023")
    result = make_final_result(meeting.item, "72.50", 4)
    with pytest.raises(ResultsError, match="Tỉnh Ninh Bình chưa mở đợt đánh giá"):
        forward_result(result, None, meeting.secretary.user)


def test_several_open_rounds_need_a_choice_and_forwarding_happens_once(meeting, province):
    first = make_round(province, level_code="province")
    make_round(province, level_code="province")
    result = make_final_result(meeting.item, "72.50", 4)
    with pytest.raises(ResultsError, match="chọn đợt đánh giá"):
        forward_result(result, None, meeting.secretary.user)
    forward_result(result, first, meeting.secretary.user)
    with pytest.raises(ResultsError, match="đã được đề xuất lên Tỉnh Ninh Bình"):
        forward_result(result, first, meeting.secretary.user)
    assert db.session.scalars(select(Dossier).where(Dossier.round_id == first.id)).one()


def test_an_excluded_product_is_never_forwarded(meeting, province):
    make_round(province, level_code="province")
    result = make_final_result(meeting.item, "80.00", None, outcome="excluded")
    with pytest.raises(ResultsError, match="bị loại"):
        forward_result(result, None, meeting.secretary.user)


def test_only_the_rounds_secretariat_forwards(meeting, province, client, auth):
    target = make_round(province, level_code="province")
    result = make_final_result(meeting.item, "72.50", 4)
    db.session.commit()
    auth.login(make_user(Role.SECRETARY, unit=province))
    assert forward(client, result, round_id=str(target.id)).status_code == 403


def test_a_published_result_is_still_forwarded(meeting, province):
    make_round(province, level_code="province")
    result = make_final_result(meeting.item, "72.50", 4)
    make_decision(meeting.council.round, [result])
    assert forward_result(result, None, meeting.secretary.user).to_unit_id == province.id


def test_a_product_already_filed_in_the_target_round_is_not_filed_twice(meeting, province):
    from tests.factories import make_accepted_dossier

    target = make_round(province, level_code="province")
    origin = meeting.item.dossier
    existing = make_accepted_dossier(target, origin.organisation)
    existing.product_id = origin.product_id
    result = make_final_result(meeting.item, "72.50", 4)
    with pytest.raises(ResultsError, match="đã có hồ sơ"):
        forward_result(result, target, meeting.secretary.user)
