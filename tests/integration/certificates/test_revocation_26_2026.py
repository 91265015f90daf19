"""Revocation under 26/2026 Điều 8: a ground of Điều 8.1, the level of Điều 8.2, the 15 days of
Điều 8.4, the revocation decision sent to the producer and the commune, the public page."""

from dataclasses import dataclass, replace
from datetime import date, timedelta
from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select

from evalapp.auth.models import Role
from evalapp.certificates import services
from evalapp.certificates.models import CertificateRevocation, CertificateStatus, RevocationState
from evalapp.certificates.revocation import RevocationRefused, decision_facts
from evalapp.common.time import local_today, utcnow
from evalapp.councils.models import AgendaItem, Position
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_decision,
    make_final_result,
    make_organisation,
    make_producer,
    make_round,
    make_session,
    make_unit,
    make_user,
)

# A Monday: 15 calendar days later is Tuesday 17/03/2026 (BLDS Điều 147.1: the day of the
# conclusion is not counted).
CONCLUDED = date(2026, 3, 2)
LAST_DAY = date(2026, 3, 17)
FACTS = "Đoàn kiểm tra phát hiện sản phẩm không còn đạt tiêu chí về chất lượng."


@dataclass
class World:
    province: object
    commune: object
    producer: object
    commune_officer: object
    secretary: object
    chair: object
    certificate: object


@pytest.fixture
def world(app):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    commune = make_unit("Xã Gia Viễn", UnitLevel.COMMUNE, parent=province)
    organisation = make_organisation(commune=commune, name="Hợp tác xã Cói Kim Sơn")
    producer = make_producer(organisation, full_name="Phạm Thị Hiếu")
    commune_officer = make_user(Role.COMMUNE_OFFICER, unit=commune, full_name="Cán Bộ Xã")
    secretary = make_user(Role.SECRETARY, unit=province, full_name="Trần Thị Thư Ký")
    chair = make_user(Role.COUNCIL_CHAIR, unit=province, full_name="Lê Văn Chủ Tịch")
    round_ = make_round(province, rulebook_code="26-2026", level_code="province", year=2026)
    session = make_session(make_council(round_, [(chair, Position.CHAIR)]))
    item = AgendaItem(
        dossier=make_accepted_dossier(round_, organisation, "Chiếu cói Kim Sơn"),
        position=1,
        added_at=utcnow(),
    )
    session.agenda.append(item)
    db.session.flush()
    decision = make_decision(
        round_, [make_final_result(item, "80.00", 4)], "12/QĐ-UBND", signed_on=date(2026, 1, 15)
    )
    certificate = services.issue_certificates(decision, secretary)[0]
    db.session.commit()
    return World(province, commune, producer, commune_officer, secretary, chair, certificate)


def ask(world, actor=None, today=LAST_DAY, **fields):
    values = {
        "ground_code": "b",
        "conclusion_reference": "Kết luận kiểm tra số 05/KL-SNN",
        "conclusion_on": CONCLUDED,
        "today": today,
    } | fields
    return services.request_revocation(
        world.certificate, FACTS, date(2026, 3, 20), actor or world.secretary, **values
    )


def revocation_count(world) -> int:
    return db.session.scalar(
        select(func.count(CertificateRevocation.id)).where(
            CertificateRevocation.certificate_id == world.certificate.id
        )
    )


def test_the_grounds_are_the_six_points_of_article_8_1(world, client, auth):
    auth.login(world.secretary)
    page = client.get(f"/certificates/{world.certificate.id}").get_data(as_text=True)
    for point in ("a", "b", "c", "d", "đ", "e"):
        assert f"Điều 8.1.{point} — " in page
    assert "không còn hoạt động sản xuất sản phẩm OCOP" in page
    assert "trong 15 ngày kể từ ngày này" in page


@pytest.mark.parametrize(
    ("ground", "message"),
    [
        ("", "Chọn căn cứ thu hồi: theo 26/2026 Điều 8.1"),
        ("g", "Căn cứ thu hồi “g” không có trong 26/2026 Điều 8.1"),
    ],
)
def test_a_revocation_needs_one_of_the_grounds(world, ground, message):
    with pytest.raises(RevocationRefused, match=message):
        ask(world, ground_code=ground)
    db.session.rollback()
    assert revocation_count(world) == 0


def test_a_revocation_asked_from_a_unit_of_another_level_is_refused(world):
    world.chair.unit = world.commune  # the council's chair, now an officer of the commune
    with pytest.raises(RevocationRefused, match=r"Theo 26/2026 Điều 8\.2\.a, .*4 sao do Chủ tịch"):
        ask(world, actor=world.chair)


def test_a_five_star_certificate_is_revoked_by_the_ministry_not_the_province(world):
    world.certificate.stars = 5  # as if the province held a 5★ certificate
    with pytest.raises(RevocationRefused, match=r"Điều 8\.2\.b.*Bộ trưởng Bộ Nông nghiệp"):
        ask(world)


def test_the_fifteen_days_of_article_8_4_boundary(world):
    assert services.revocation_deadline(ask(world, today=LAST_DAY)) == LAST_DAY
    db.session.rollback()
    with pytest.raises(RevocationRefused, match="chậm nhất ngày 17/03/2026") as refused:
        ask(world, today=LAST_DAY + timedelta(days=1))
    assert "26/2026 Điều 8.4" in str(refused.value)
    db.session.rollback()
    assert revocation_count(world) == 0


def test_a_last_day_on_a_weekend_moves_to_the_next_working_day(world):
    # 06/03/2026 + 15 = Saturday 21/03 → Monday 23/03 (BLDS Điều 148.4).
    revocation = ask(world, conclusion_on=date(2026, 3, 6), today=date(2026, 3, 23))
    assert services.revocation_deadline(revocation) == date(2026, 3, 23)


def test_a_conclusion_is_required(world):
    with pytest.raises(RevocationRefused, match=r"Điều 8\.4"):
        ask(world, conclusion_reference=" ")
    with pytest.raises(RevocationRefused, match=r"Điều 8\.4"):
        ask(world, conclusion_on=None)


def test_an_approval_after_the_deadline_is_refused_and_changes_nothing(world):
    revocation = ask(world, today=LAST_DAY)
    db.session.commit()
    with pytest.raises(RevocationRefused, match="chậm nhất ngày 17/03/2026"):
        services.decide_revocation(revocation, True, world.chair, today=LAST_DAY + timedelta(1))
    db.session.rollback()
    assert revocation.state is RevocationState.REQUESTED
    assert world.certificate.revoked_on is None


def test_approval_issues_the_decision_sent_to_producer_and_commune(world, app):
    revocation = ask(world, ground_code="dd", today=date(2026, 3, 10))
    services.decide_revocation(revocation, True, world.chair, today=date(2026, 3, 12))
    db.session.commit()
    assert revocation.decision_number == "TH-NB-2026-0001"
    assert revocation.decision_on == date(2026, 3, 12)
    assert world.certificate.revoked_on == date(2026, 3, 20)
    for user in (world.producer, world.commune_officer):
        body = db.session.scalars(
            select(Notification.body).where(
                Notification.user_id == user.id,
                Notification.subject == "Quyết định thu hồi Giấy chứng nhận sản phẩm OCOP",
            )
        ).one()
        assert "Quyết định số TH-NB-2026-0001 ngày 12/03/2026" in body
        assert "Điều 8.1.đ" in body


SIGNER = "Trần Song Tùng"


def revoke_through_the_pages(world, client, auth):
    """The secretary asks through the form, the chair approves; returns the certificate URL."""
    today = local_today()
    url = f"/certificates/{world.certificate.id}"
    auth.login(world.secretary)
    form = {
        "ground": "c",
        "conclusion_reference": "Kết luận thanh tra số 09/KL-TTr",
        "conclusion_on": f"{today - timedelta(days=3):%d/%m/%Y}",
        "reason": FACTS,
        "effective_on": f"{today:%d/%m/%Y}",
    }
    page = client.post(f"{url}/revoke", data=form, follow_redirects=True).get_data(as_text=True)
    assert "cần người thứ hai phê duyệt" in page
    deadline = f"{services.revocation_deadline(world.certificate.revocations[0]):%d/%m/%Y}"
    assert f"Thời hạn thu hồi (26/2026 Điều 8.4): chậm nhất ngày {deadline}" in page
    auth.logout()
    auth.login(world.chair)
    revocation = world.certificate.revocations[0]
    page = client.get(url).get_data(as_text=True)
    assert 'id="approval-form"' in page
    refused = client.post(
        f"{url}/revocations/{revocation.id}",
        data={"decision": "approve", "signer_title": "Phó Chủ tịch", "signer_name": " "},
    )
    assert refused.status_code == 400
    assert "Phó Chủ tịch" in refused.get_data(as_text=True)  # what was typed is kept
    assert world.certificate.revoked_on is None
    page = client.post(
        f"{url}/revocations/{revocation.id}",
        data={
            "decision": "approve",
            "signer_title": "Phó Chủ tịch",
            "signer_name": SIGNER,
            "confirmed": "1",
        },
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Đã thu hồi giấy chứng nhận." in page
    assert "26/2026 Điều 8.1.c: Sản phẩm OCOP vi phạm quy định pháp luật" in page
    auth.logout()
    return url


def test_the_pages_the_pdf_and_the_public_page(world, client, auth):
    url = revoke_through_the_pages(world, client, auth)
    db.session.expire_all()
    revocation = world.certificate.revocations[0]
    number = revocation.decision_number
    day = f"{revocation.decision_on:%d/%m/%Y}"

    for user in (world.producer, world.commune_officer):
        auth.login(user)
        response = client.get(f"{url}/revocation-decision.pdf")
        assert response.status_code == 200, user
        text = " ".join(
            (page.extract_text() or "") for page in PdfReader(BytesIO(response.data)).pages
        )
        assert "QUYẾT ĐỊNH" in text and "thu hồi Giấy chứng nhận sản phẩm OCOP" in text
        assert number in text and world.certificate.number in text
        assert "Kết luận thanh tra số 09/KL-TTr" in text
        assert "KT. CHỦ TỊCH" in text and "PHÓ CHỦ TỊCH" in text and SIGNER in text
        auth.logout()

    auth.login(world.producer)
    outcome = client.get(f"/results/dossiers/{world.certificate.dossier_id}").get_data(as_text=True)
    auth.logout()
    assert f"Quyết định thu hồi số {number} ngày {day} (PDF)" in outcome

    stranger = make_user(Role.COMMUNE_OFFICER, unit=make_unit(level=UnitLevel.COMMUNE))
    auth.login(stranger)
    assert client.get(f"{url}/revocation-decision.pdf").status_code == 403
    auth.logout()

    page = client.get(f"/verify/{world.certificate.public_id}").get_data(as_text=True)
    assert "Đã bị thu hồi" in page
    assert "Căn cứ thu hồi: 26/2026 Điều 8.1.c" in page
    assert f"Quyết định thu hồi số {number} ngày {day}" in page
    record = client.get(f"/api/v1/certificates/{world.certificate.public_id}").get_json()
    assert record["status"] == CertificateStatus.REVOKED.value
    assert record["revocation"]["decision_number"] == number
    assert record["revocation"]["ground"].startswith("26/2026 Điều 8.1.c: ")


def test_a_form_without_a_ground_loses_nothing_typed(world, client, auth):
    auth.login(world.secretary)
    response = client.post(
        f"/certificates/{world.certificate.id}/revoke",
        data={
            "ground": "",
            "conclusion_reference": "Kết luận số 1",
            "conclusion_on": f"{local_today():%d/%m/%Y}",
            "reason": FACTS,
            "effective_on": f"{local_today():%d/%m/%Y}",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Chọn căn cứ thu hồi: theo 26/2026 Điều 8.1" in page
    assert FACTS in page and "Kết luận số 1" in page
    assert revocation_count(world) == 0


@pytest.mark.parametrize(
    ("principal", "signer", "deputy"),
    [
        ("CHỦ TỊCH", "Chủ tịch", False),
        ("CHỦ TỊCH", "Phó Chủ tịch", True),
        ("BỘ TRƯỞNG", "Bộ trưởng", False),
        ("BỘ TRƯỞNG", "Thứ trưởng", True),
        ("BỘ TRƯỞNG", "", False),
    ],
)
def test_a_deputy_signs_for_the_chair_or_the_minister(
    world, client, auth, principal, signer, deputy
):
    revoke_through_the_pages(world, client, auth)
    facts = decision_facts(world.certificate.revocations[0])
    assert replace(facts, principal_title=principal, signer_title=signer).deputy_signs is deputy
