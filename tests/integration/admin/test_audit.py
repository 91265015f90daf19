"""The audit log screen (issue 14, item 6): administrators only, newest first, filtered by user,
object, action and date with the filters kept in the URL, paged, objects linked to their page."""

import re
from datetime import UTC, datetime, timedelta

import pytest

from evalapp.auth.models import Role
from evalapp.certificates import services
from evalapp.common import audit
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.factories import make_accepted_dossier, make_organisation, make_round, make_unit
from tests.integration.certificates.conftest import certificate_of, make_issuing


def entry(action, when, actor=None, obj_type=None, obj_id=None, **fields) -> AuditEntry:
    row = AuditEntry(
        action=action,
        created_at=when,
        actor_id=getattr(actor, "id", None),
        actor_email=getattr(actor, "email", None),
        object_type=obj_type,
        object_id=None if obj_id is None else str(obj_id),
        **fields,
    )
    db.session.add(row)
    return row


def actions_on(page: str) -> list[str]:
    return re.findall(r"<td[^>]*><code>([^<]+)</code></td>", page)


@pytest.fixture
def admin(make_user, auth):
    user = make_user(Role.ADMIN, full_name="Nguyễn Văn Quản")
    db.session.commit()
    auth.login(user)
    return user


def test_the_log_shows_who_did_what_newest_first_with_readable_changes(admin, make_user, client):
    secretary = make_user(Role.SECRETARY, full_name="Trần Thị Thu", email="thu@vi-du.vn")
    start = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)
    entry("auth.login", start, secretary)
    entry(
        "auth.account_updated",
        start + timedelta(hours=1),
        admin,
        "User",
        secretary.id,
        before={"roles": ["secretary"], "is_active": True},
        after={"roles": ["secretary", "council_chair"], "is_active": False},
    )
    db.session.commit()

    page = client.get("/admin/audit?until=01/12/2026").get_data(as_text=True)
    assert actions_on(page) == ["auth.account_updated", "auth.login"]
    assert "01/12/2026 10:00" in page  # 03:00 UTC in Vietnam time
    assert f'<a href="/admin/users/{admin.id}">Nguyễn Văn Quản</a>' in page
    assert f'<a href="/admin/users/{secretary.id}">Tài khoản #{secretary.id}</a>' in page
    assert "<del>secretary</del> → <ins" in page
    assert "secretary, council_chair</ins>" in page and "<del>✓</del> → " in page
    assert "Nhật ký" in client.get("/").get_data(as_text=True)


def test_filters_by_user_action_object_and_local_day_stay_in_the_url(admin, make_user, client):
    thu = make_user(Role.SECRETARY, full_name="Trần Thị Thu", email="thu@vi-du.vn")
    lan = make_user(Role.SECRETARY, full_name="Lê Thị Lan", email="lan@vi-du.vn")
    late_on_the_2nd = datetime(2030, 12, 2, 16, 30, tzinfo=UTC)  # 23:30 on 02/12 in Vietnam
    entry("dossiers.accepted", late_on_the_2nd, thu, "Dossier", 7)
    entry("dossiers.refused", late_on_the_2nd + timedelta(hours=1), lan, "Dossier", 8)
    entry("certificates.issued", late_on_the_2nd - timedelta(days=1), thu, "Certificate", 3)
    db.session.commit()

    def actions(query: str) -> list[str]:
        return actions_on(client.get(f"/admin/audit?{query}").get_data(as_text=True))

    assert actions("user=Trần Thị") == [
        "dossiers.accepted",
        "certificates.issued",
    ]
    assert actions("user=lan@vi") == ["dossiers.refused"]
    assert actions("action=dossiers.") == ["dossiers.refused", "dossiers.accepted"]
    assert actions("object_type=Dossier&object_id=7") == ["dossiers.accepted"]
    assert actions("since=02/12/2030&until=02/12/2030") == ["dossiers.accepted"]
    assert actions("since=03/12/2030") == ["dossiers.refused"]

    page = client.get("/admin/audit?until=31/02/2030&object_type=Nope").get_data(as_text=True)
    assert len(actions_on(page)) > 3  # both filters ignored, and the page says so
    assert "Bộ lọc “Đến ngày” có giá trị không hợp lệ nên đã được bỏ qua." in page
    assert "Bộ lọc “Loại đối tượng” có giá trị không hợp lệ" in page


def test_the_log_is_paged_and_the_pages_keep_the_filters(admin, client):
    start = datetime(2026, 11, 1, tzinfo=UTC)
    for n in range(55):
        entry(f"dossiers.step_{n:02d}", start + timedelta(minutes=n))
    entry("auth.login", start)
    db.session.commit()

    first = client.get("/admin/audit?action=dossiers.").get_data(as_text=True)
    assert len(actions_on(first)) == 50 and actions_on(first)[0] == "dossiers.step_54"
    assert "Tổng cộng: 55 ghi nhận" in first
    assert 'href="/admin/audit?page=2&amp;action=dossiers."' in first
    second = client.get("/admin/audit?action=dossiers.&page=2").get_data(as_text=True)
    assert actions_on(second) == [f"dossiers.step_{n:02d}" for n in range(4, -1, -1)]
    assert client.get("/admin/audit?page=9999999").status_code == 404


def test_certificates_link_to_their_public_page_and_dossiers_only_for_who_may_open_them(
    admin, make_user, client, auth
):
    issuing = make_issuing()
    services.issue_certificates(issuing.decision, issuing.secretary)
    certificate = certificate_of(issuing, 4)
    province = make_unit("Tỉnh Thử", code="TT")
    dossier = make_accepted_dossier(make_round(province), make_organisation())
    audit.record("dossiers.accepted", dossier, actor=admin)
    db.session.commit()

    page = client.get("/admin/audit").get_data(as_text=True)
    assert (
        f'<a href="/verify/{certificate.public_id}">Giấy chứng nhận #{certificate.id}</a>' in page
    )
    assert f"Hồ sơ #{dossier.id}" in page and f'href="/dossiers/{dossier.id}"' not in page
    assert client.get(f"/verify/{certificate.public_id}").status_code == 200

    secretary_admin = make_user(Role.ADMIN, Role.SECRETARY, unit=province)
    db.session.commit()
    auth.logout()
    auth.login(secretary_admin)
    page = client.get("/admin/audit").get_data(as_text=True)
    assert f'<a href="/dossiers/{dossier.id}">Hồ sơ #{dossier.id}</a>' in page
    assert client.get(f"/dossiers/{dossier.id}").status_code == 200


def test_only_administrators_read_the_log(make_user, client, auth):
    entry("auth.login", datetime(2026, 12, 1, tzinfo=UTC), ip_address="10.0.0.1")
    db.session.commit()
    for role in (Role.SECRETARY, Role.PRODUCER, Role.COUNCIL_CHAIR):
        auth.login(make_user(role))
        assert client.get("/admin/audit").status_code == 403
        auth.logout()
    assert client.get("/admin/audit").status_code == 302
