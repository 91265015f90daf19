from datetime import date, timedelta

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.certificates import services
from evalapp.certificates.models import CertificateStatus, RevocationState, certificate_status
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.factories import make_user
from tests.integration.certificates.conftest import certificate_of

EFFECTIVE = date(2023, 6, 1)


@pytest.fixture
def certificate(issued):
    return certificate_of(issued, 4)


def test_revocation_takes_effect_only_when_the_other_side_approves(issued, certificate):
    revocation = services.request_revocation(
        certificate, "Không tham gia đánh giá lại theo 148", EFFECTIVE, issued.secretary
    )
    db.session.commit()
    assert certificate.revoked_on is None
    assert certificate_status(certificate, EFFECTIVE) is CertificateStatus.VALID

    services.decide_revocation(revocation, True, issued.chair)
    db.session.commit()
    assert revocation.state is RevocationState.APPROVED
    assert certificate.revoked_on == EFFECTIVE
    assert certificate.revoked_reason == "Không tham gia đánh giá lại theo 148"


def test_revoked_from_the_effective_date_valid_the_day_before(issued, certificate):
    revocation = services.request_revocation(certificate, "Vi phạm", EFFECTIVE, issued.chair)
    services.decide_revocation(revocation, True, issued.secretary)
    assert certificate_status(certificate, EFFECTIVE - timedelta(days=1)) is CertificateStatus.VALID
    assert certificate_status(certificate, EFFECTIVE) is CertificateStatus.REVOKED


def test_nobody_approves_their_own_request(issued, certificate):
    revocation = services.request_revocation(certificate, "Vi phạm", EFFECTIVE, issued.secretary)
    with pytest.raises(services.CertificateError, match="hai người"):
        services.decide_revocation(revocation, True, issued.secretary)
    assert certificate.revoked_on is None


def test_two_secretaries_are_not_two_sides(issued, certificate):
    colleague = make_user(Role.SECRETARY, unit=issued.province)
    revocation = services.request_revocation(certificate, "Vi phạm", EFFECTIVE, issued.secretary)
    with pytest.raises(services.CertificateError, match="chủ tịch hội đồng"):
        services.decide_revocation(revocation, True, colleague)


def test_a_chair_of_another_council_has_no_say(issued, certificate):
    stranger = make_user(Role.COUNCIL_CHAIR, unit=issued.province)
    with pytest.raises(services.CertificateError):
        services.request_revocation(certificate, "Vi phạm", EFFECTIVE, stranger)
    revocation = services.request_revocation(certificate, "Vi phạm", EFFECTIVE, issued.secretary)
    with pytest.raises(services.CertificateError):
        services.decide_revocation(revocation, True, stranger)


def test_a_reason_is_required_and_one_request_at_a_time(issued, certificate):
    with pytest.raises(services.CertificateError, match="lý do"):
        services.request_revocation(certificate, "  ", EFFECTIVE, issued.secretary)
    with pytest.raises(services.CertificateError, match="trước ngày cấp"):
        services.request_revocation(certificate, "Vi phạm", date(2021, 1, 1), issued.secretary)
    services.request_revocation(certificate, "Vi phạm", EFFECTIVE, issued.secretary)
    with pytest.raises(services.CertificateError, match="đang chờ"):
        services.request_revocation(certificate, "Lần nữa", EFFECTIVE, issued.chair)


def test_a_withdrawn_request_changes_nothing(issued, certificate):
    revocation = services.request_revocation(certificate, "Nhầm", EFFECTIVE, issued.secretary)
    services.decide_revocation(revocation, False, issued.secretary)
    assert revocation.state is RevocationState.WITHDRAWN
    assert certificate.revoked_on is None
    with pytest.raises(services.CertificateError, match="đã được xử lý"):
        services.decide_revocation(revocation, True, issued.chair)


def test_the_pages_carry_the_two_steps_audit_and_notify(issued, certificate, client, auth):
    auth.login(issued.secretary)
    url = f"/certificates/{certificate.id}"
    page = client.post(f"{url}/revoke", data={"reason": "", "effective_on": "01/06/2023"}).get_data(
        as_text=True
    )
    assert "Vui lòng nhập trường này." in page

    page = client.post(
        f"{url}/revoke",
        data={"reason": "Không đánh giá lại sau 36 tháng", "effective_on": "01/06/2023"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "cần người thứ hai phê duyệt" in page
    assert "Phê duyệt thu hồi" not in page  # not for the one who asked
    revocation = certificate.revocations[0]

    auth.logout()
    auth.login(issued.chair)
    page = client.get(url).get_data(as_text=True)
    assert "Phê duyệt thu hồi" in page and "Không đánh giá lại sau 36 tháng" in page
    asked = client.post(f"{url}/revocations/{revocation.id}", data={"decision": "approve"})
    page = asked.get_data(as_text=True)  # issue 14: first what it does, and who is told
    assert asked.status_code == 200 and "Không thể huỷ việc thu hồi sau khi phê duyệt." in page
    assert "bị thu hồi từ ngày 01/06/2023" in page and "Không đánh giá lại sau 36 tháng" in page
    assert f"Nhà sản xuất: {issued.producer.full_name}" in page
    db.session.expire_all()
    assert certificate.revoked_on is None
    page = client.post(
        f"{url}/revocations/{revocation.id}",
        data={"decision": "approve", "confirmed": "1"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "Đã thu hồi giấy chứng nhận." in page and "Đã bị thu hồi" in page

    db.session.expire_all()
    assert certificate.revoked_on == date(2023, 6, 1)
    actions = db.session.scalars(
        select(AuditEntry.action).where(AuditEntry.object_id == str(certificate.id))
    ).all()
    assert {"certificate.revocation_requested", "certificate.revoked"} <= set(actions)
    notes = db.session.scalars(
        select(Notification.body).where(Notification.user_id == issued.producer.id)
    ).all()
    assert any("bị thu hồi từ ngày 01/06/2023" in body for body in notes)


def test_under_an_older_rulebook_the_free_text_reason_is_all(issued, certificate, client, auth):
    """1048/2019 does not regulate revocation: no ground, no conclusion, no deadline, no
    revocation decision (26/2026 Điều 8 applies to 26/2026 certificates only)."""
    auth.login(issued.secretary)
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert 'name="reason"' in page
    assert 'name="ground"' not in page and 'name="conclusion_on"' not in page
    revocation = services.request_revocation(certificate, "Vi phạm", EFFECTIVE, issued.secretary)
    services.decide_revocation(revocation, True, issued.chair)
    db.session.commit()
    assert revocation.ground_code == "" and revocation.decision_number == ""
    assert client.get(f"/certificates/{certificate.id}/revocation-decision.pdf").status_code == 404
