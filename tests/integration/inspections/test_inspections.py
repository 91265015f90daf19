"""Post-recognition inspection (26/2026 Điều 9): a plan of the unit's valid certificates, a record
per product, and the revocation proposal a finding leads to (Điều 8.1.b, 8.1.d; the 15 days of
Điều 8.4 counted from the record)."""

from dataclasses import dataclass
from datetime import date, timedelta
from io import BytesIO

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from evalapp.auth.models import Role
from evalapp.certificates import services as certificates
from evalapp.certificates.models import CertificateRevocation, RevocationState
from evalapp.certificates.revocation import RevocationRefused
from evalapp.common.time import local_today, utcnow
from evalapp.councils.models import AgendaItem, Position
from evalapp.extensions import db
from evalapp.inspections import services
from evalapp.inspections.models import (
    InspectionConclusion,
    InspectionEvidence,
    InspectionKind,
    InspectionPlan,
    InspectionRecord,
)
from evalapp.inspections.services import InspectionError
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_decision,
    make_final_result,
    make_organisation,
    make_round,
    make_session,
    make_unit,
    make_user,
)
from tests.integration.dossiers.conftest import pdf_file
from tests.integration.faults import is_missing_file_page, lose_stored_file

# A Monday: 15 calendar days later is Tuesday 17/03/2026 (the day of the conclusion not counted).
INSPECTED = date(2026, 3, 2)
LAST_DAY = date(2026, 3, 17)


@dataclass
class World:
    province: object
    secretary: object
    chair: object
    certificate: object
    other_certificate: object  # issued by another province


def issue(province, secretary, chair, product, number):
    commune = make_unit(f"Xã của {product}", UnitLevel.COMMUNE, parent=province)
    organisation = make_organisation(commune=commune, name=f"HTX {product}")
    round_ = make_round(province, rulebook_code="26-2026", level_code="province", year=2026)
    session = make_session(make_council(round_, [(chair, Position.CHAIR)]))
    item = AgendaItem(
        dossier=make_accepted_dossier(round_, organisation, product), position=1, added_at=utcnow()
    )
    session.agenda.append(item)
    db.session.flush()
    decision = make_decision(
        round_, [make_final_result(item, "80.00", 4)], number, signed_on=date(2026, 1, 15)
    )
    return certificates.issue_certificates(decision, secretary)[0]


@pytest.fixture
def world(app):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    secretary = make_user(Role.SECRETARY, unit=province, full_name="Trần Thị Thư Ký")
    chair = make_user(Role.COUNCIL_CHAIR, unit=province, full_name="Lê Văn Chủ Tịch")
    certificate = issue(province, secretary, chair, "Chiếu cói Kim Sơn", "12/QĐ-UBND")
    other = make_unit("Tỉnh Thanh Hóa", code="TH")
    other_secretary = make_user(Role.SECRETARY, unit=other)
    other_chair = make_user(Role.COUNCIL_CHAIR, unit=other)
    other_certificate = issue(other, other_secretary, other_chair, "Nem chua", "3/QĐ-UBND")
    db.session.commit()
    return World(province, secretary, chair, certificate, other_certificate)


def plan_of(world, *certificates_, kind=InspectionKind.PERIODIC, **fields):
    return services.create_plan(
        world.province.id,
        kind,
        fields.pop("title", "Kiểm tra định kỳ năm 2026"),
        [c.id for c in certificates_],
        world.secretary,
        **({"period": "2026"} | fields),
    )


def record_of(world, plan, **fields):
    values = {
        "reference": "05/BB-KT",
        "inspected_on": INSPECTED,
        "inspectors": "Nguyễn Văn Kiểm\nPhạm Thị Tra",
        "criteria": "Phần A, C duy trì; phần B: không còn kiểm nghiệm định kỳ.",
        "mark_used_correctly": True,
        "conclusion": InspectionConclusion.NOT_MAINTAINED,
        "today": LAST_DAY,
    } | fields
    return services.record_inspection(plan.targets[0], world.secretary, **values)


def count(model) -> int:
    return db.session.scalar(select(func.count(model.id)))


def test_the_secretariat_plans_an_inspection_and_sees_its_progress(world, client, auth):
    auth.login(world.secretary)
    page = client.get("/inspections/").get_data(as_text=True)
    assert world.certificate.number in page
    assert world.other_certificate.number not in page  # not the unit's
    response = client.post(
        "/inspections/plans",
        data={
            "kind": "periodic",
            "title": "Kiểm tra định kỳ năm 2026",
            "period": "2026",
            "certificates": [str(world.certificate.id)],
        },
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Đã lập kế hoạch kiểm tra." in page
    assert "Đã kiểm tra 0/1" in page
    assert "Chiếu cói Kim Sơn" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "ad_hoc", "title": "Kiểm tra đột xuất"}, "cần ghi lý do kiểm tra"),
        ({"kind": "periodic", "title": "Kiểm tra"}, "cần ghi kỳ kiểm tra"),
        ({"kind": "ad_hoc", "title": "Kiểm tra", "reason": "Phản ánh"}, "Chọn ít nhất một"),
    ],
)
def test_a_plan_needs_its_period_or_reason_and_certificates(world, client, auth, data, message):
    auth.login(world.secretary)
    response = client.post("/inspections/plans", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert count(InspectionPlan) == 0


def test_a_plan_refuses_a_certificate_of_another_unit(world, client, auth):
    auth.login(world.secretary)
    response = client.post(
        "/inspections/plans",
        data={
            "kind": "ad_hoc",
            "title": "Kiểm tra đột xuất",
            "reason": "Phản ánh của người tiêu dùng",
            "certificates": [str(world.certificate.id), str(world.other_certificate.id)],
        },
    )
    assert response.status_code == 400
    assert "Giấy chứng nhận không do đơn vị của bạn cấp" in response.get_data(as_text=True)
    assert count(InspectionPlan) == 0


def test_a_plan_refuses_a_certificate_no_longer_valid(world):
    world.certificate.revoked_on = date(2026, 2, 1)
    db.session.commit()
    with pytest.raises(InspectionError, match="không còn hiệu lực \\(Đã bị thu hồi\\)"):
        plan_of(world, world.certificate)


def test_a_record_without_a_conclusion_is_refused_and_nothing_saved(world, client, auth):
    plan = plan_of(world, world.certificate)
    db.session.commit()
    auth.login(world.secretary)
    url = f"/inspections/plans/{plan.id}/targets/{plan.targets[0].id}"
    data = {
        "reference": "05/BB-KT",
        "inspected_on": local_today().strftime("%d/%m/%Y"),
        "inspectors": "Nguyễn Văn Kiểm",
        "criteria": "Duy trì đầy đủ",
        "mark_use": "correct",
    }
    response = client.post(url, data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Vui lòng chọn kết luận" in page
    assert "Nguyễn Văn Kiểm" in page  # what was typed is kept
    assert count(InspectionRecord) == 0

    response = client.post(url, data=data | {"conclusion": "maintained"}, follow_redirects=True)
    assert "Đã lưu biên bản kiểm tra." in response.get_data(as_text=True)
    page = client.get(f"/inspections/plans/{plan.id}").get_data(as_text=True)
    assert "Đã kiểm tra 1/1" in page
    history = client.get(f"/certificates/{world.certificate.id}").get_data(as_text=True)
    assert "Biên bản số 05/BB-KT" in history
    assert "Duy trì được tiêu chí" in history


def test_a_misused_mark_must_say_how(world):
    plan = plan_of(world, world.certificate)
    with pytest.raises(InspectionError, match="nhãn hiệu OCOP bị sử dụng sai"):
        record_of(world, plan, mark_used_correctly=False)


def test_no_revocation_proposal_from_a_record_that_found_the_criteria_maintained(
    world, client, auth
):
    plan = plan_of(world, world.certificate)
    record = record_of(
        world,
        plan,
        conclusion=InspectionConclusion.MAINTAINED,
        inspected_on=local_today(),
        today=local_today(),
    )
    db.session.commit()
    auth.login(world.secretary)
    page = client.get(f"/inspections/records/{record.id}").get_data(as_text=True)
    assert "proposal-form" not in page
    response = client.post(
        f"/inspections/records/{record.id}/revocation",
        data={"reason": "Thử", "effective_on": local_today().strftime("%d/%m/%Y")},
    )
    assert response.status_code == 400
    assert "không có căn cứ đề nghị thu hồi (26/2026 Điều 8.1)" in response.get_data(as_text=True)
    assert count(CertificateRevocation) == 0


def test_criteria_not_maintained_leads_to_a_request_on_point_8_1_b(world, client, auth):
    plan = plan_of(world, world.certificate)
    record = record_of(world, plan, inspected_on=local_today(), today=local_today())
    db.session.commit()
    auth.login(world.secretary)
    page = client.get(f"/inspections/records/{record.id}").get_data(as_text=True)
    assert "Điều 8.1.b" in page
    response = client.post(
        f"/inspections/records/{record.id}/revocation",
        data={
            "reason": "Sản phẩm không còn kiểm nghiệm định kỳ.",
            "effective_on": local_today().strftime("%d/%m/%Y"),
        },
        follow_redirects=True,
    )
    assert "Đã gửi đề nghị thu hồi" in response.get_data(as_text=True)
    request = db.session.scalars(select(CertificateRevocation)).one()
    assert request.state is RevocationState.REQUESTED
    assert request.ground_code == "b"
    assert request.conclusion_reference == "Biên bản kiểm tra số 05/BB-KT"
    assert request.conclusion_on == local_today()


def test_a_misused_mark_leads_to_a_request_on_point_8_1_d(world):
    plan = plan_of(world, world.certificate)
    record = record_of(
        world,
        plan,
        conclusion=InspectionConclusion.MAINTAINED,
        mark_used_correctly=False,
        mark_note="Dán nhãn hiệu OCOP lên sản phẩm chưa được công nhận.",
    )
    request = services.propose_revocation(
        record, "Sử dụng nhãn hiệu sai.", date(2026, 3, 20), world.secretary, today=LAST_DAY
    )
    assert request.ground_code == "d"
    assert record.revocation_id == request.id


def test_the_fifteen_days_count_from_the_record(world):
    plan = plan_of(world, world.certificate)
    record = record_of(world, plan)
    with pytest.raises(RevocationRefused, match="chậm nhất ngày 17/03/2026"):
        services.propose_revocation(
            record,
            "Không duy trì.",
            date(2026, 3, 20),
            world.secretary,
            today=LAST_DAY + timedelta(days=1),
        )
    db.session.rollback()
    assert count(CertificateRevocation) == 0


def test_a_second_proposal_from_the_same_record_is_refused(world):
    plan = plan_of(world, world.certificate)
    record = record_of(world, plan)
    services.propose_revocation(
        record, "Không duy trì.", date(2026, 3, 20), world.secretary, today=LAST_DAY
    )
    with pytest.raises(InspectionError, match="Đã đề nghị thu hồi từ biên bản"):
        services.propose_revocation(
            record, "Không duy trì.", date(2026, 3, 20), world.secretary, today=LAST_DAY
        )


def test_another_units_secretary_cannot_open_the_plan(world, client, auth):
    plan = plan_of(world, world.certificate)
    db.session.commit()
    outsider = make_user(Role.SECRETARY, unit=world.other_certificate.unit)
    db.session.commit()
    auth.login(outsider)
    assert client.get(f"/inspections/plans/{plan.id}").status_code == 403


def record_form_data() -> dict:
    return {
        "reference": "07/BB-KT",
        "inspected_on": local_today().strftime("%d/%m/%Y"),
        "inspectors": "Nguyễn Văn Kiểm",
        "criteria": "Phần B: không còn kiểm nghiệm định kỳ",
        "mark_use": "correct",
        "conclusion": "not_maintained",
    }


def test_evidence_is_kept_with_the_record_and_downloaded(world, client, auth):
    plan = plan_of(world, world.certificate)
    db.session.commit()
    auth.login(world.secretary)
    response = client.post(
        f"/inspections/plans/{plan.id}/targets/{plan.targets[0].id}",
        data=record_form_data() | {"evidence": [pdf_file("Phiếu kiểm nghiệm.pdf", "KQ")]},
        content_type="multipart/form-data",
        follow_redirects=True,
    )
    page = response.get_data(as_text=True)
    assert "Phiếu kiểm nghiệm.pdf" in page
    evidence = db.session.scalars(select(InspectionEvidence)).one()
    download = client.get(f"/inspections/evidence/{evidence.id}")
    assert download.status_code == 200
    assert download.data.startswith(b"%PDF")
    download.close()


def test_a_refused_evidence_file_saves_nothing(world, client, auth):
    plan = plan_of(world, world.certificate)
    db.session.commit()
    auth.login(world.secretary)
    bad = FileStorage(BytesIO(b"MZ\x90\x00 not a document"), filename="virus.exe")
    response = client.post(
        f"/inspections/plans/{plan.id}/targets/{plan.targets[0].id}",
        data=record_form_data() | {"evidence": [pdf_file("Ảnh.pdf"), bad]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "virus.exe" in response.get_data(as_text=True)
    assert count(InspectionRecord) == 0
    assert count(InspectionEvidence) == 0


def test_the_certificates_page_leads_to_the_inspections(world, client, auth):
    auth.login(world.secretary)
    page = client.get("/certificates/").get_data(as_text=True)
    assert 'href="/inspections/"' in page


def test_more_evidence_files_than_a_request_may_carry_saves_nothing(world, client, auth):
    plan = plan_of(world, world.certificate)
    db.session.commit()
    auth.login(world.secretary)
    response = client.post(
        f"/inspections/plans/{plan.id}/targets/{plan.targets[0].id}",
        data=record_form_data() | {"evidence": [pdf_file(f"Ảnh {n}.pdf") for n in range(11)]},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Mỗi lần chỉ được tải lên tối đa 10 tệp; bạn đã chọn 11 tệp." in response.text
    assert count(InspectionRecord) == 0
    assert count(InspectionEvidence) == 0


def test_evidence_missing_from_the_storage_is_a_clear_404(world, client, auth):
    """Issue 16: a database restored without its stored files; the plan still opens."""
    plan = plan_of(world, world.certificate)
    db.session.commit()
    auth.login(world.secretary)
    client.post(
        f"/inspections/plans/{plan.id}/targets/{plan.targets[0].id}",
        data=record_form_data() | {"evidence": [pdf_file("Phiếu kiểm nghiệm.pdf", "KQ")]},
        content_type="multipart/form-data",
    )
    evidence = db.session.scalars(select(InspectionEvidence)).one()
    lose_stored_file(evidence.file)

    response = client.get(f"/inspections/evidence/{evidence.id}")

    assert is_missing_file_page(response, "Phiếu kiểm nghiệm.pdf")
    assert client.get(f"/inspections/plans/{plan.id}").status_code == 200
