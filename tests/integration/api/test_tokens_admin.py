"""API tokens (issue 18, item 3): an administrator creates one for a unit, hands it to the
client once, and revokes it; the client pages through the unit's results with it."""

import re

from sqlalchemy import select

from evalapp.api.models import ApiToken
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.integration.api.conftest import bearer


def created_token(page: str) -> str:
    return re.search(r'id="new-token-value">(evk_[\w-]+)</pre>', page).group(1)


def test_an_administrator_creates_a_token_and_a_client_pages_through_results(
    client, auth, provinces
):
    auth.login(provinces.admin)
    form = client.get("/admin/api-tokens/").text
    assert "Tỉnh Ninh Bình" in form and "Bộ Nông nghiệp và Môi trường" in form
    assert "Xã Thượng Kiệm" not in form.split('id="unit"', 1)[1]  # provinces and the ministry

    response = client.post(
        "/admin/api-tokens/",
        data={"name": "Cổng OCOP Thái Bình", "unit": provinces.thai_binh.province.id},
    )
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    plain = created_token(response.text)
    assert "sẽ không hiển thị lại" in response.text
    assert plain not in client.get("/admin/api-tokens/").text  # shown once
    record = db.session.scalars(
        select(ApiToken).where(ApiToken.name == "Cổng OCOP Thái Bình")
    ).one()
    assert record.unit == provinces.thai_binh.province and record.digest != plain

    auth.logout()
    seen, cursor = [], None
    while True:
        query = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/results", query_string=query, headers=bearer(plain)).get_json()
        seen += [(item["product_name"], item["stars"]) for item in page["items"]]
        if not (cursor := page["next_cursor"]):
            break
    assert sorted(seen, key=lambda pair: pair[0]) == [
        ("Chiếu cói Kim Sơn", 5),
        ("Cơm cháy Cung Đình", 3),
        ("Giỏ đay Hiếu Lâm", 4),
        ("Thảm bèo bồng", 2),
    ]


def test_revoking_asks_first_then_the_token_stops_working(client, auth, provinces):
    auth.login(provinces.admin)
    record = provinces.token_record
    asked = client.post(f"/admin/api-tokens/{record.id}/revoke")
    assert "Thu hồi mã truy cập “Cổng OCOP Ninh Bình”?" in asked.text
    assert client.get("/api/v1/rounds", headers=bearer(provinces.token)).status_code == 200

    done = client.post(
        f"/admin/api-tokens/{record.id}/revoke", data={"confirmed": "1"}, follow_redirects=True
    )
    assert "Đã thu hồi mã truy cập “Cổng OCOP Ninh Bình”." in done.text
    assert client.get("/api/v1/rounds", headers=bearer(provinces.token)).status_code == 401
    actions = set(db.session.scalars(select(AuditEntry.action)))
    assert {"api_token.created", "api_token.revoked"} <= actions
    again = client.post(
        f"/admin/api-tokens/{record.id}/revoke", data={"confirmed": "1"}, follow_redirects=True
    )
    assert "đã được thu hồi trước đó" in again.text


def test_a_token_without_a_name_is_not_created_and_says_why(client, auth, provinces):
    auth.login(provinces.admin)
    before = db.session.scalar(select(db.func.count(ApiToken.id)))
    response = client.post("/admin/api-tokens/", data={"name": "  ", "unit": provinces.ministry.id})
    assert response.status_code == 400
    assert "is-invalid" in response.text and 'id="new-token"' not in response.text
    commune = provinces.ninh_binh.organisation.commune
    wrong_unit = client.post("/admin/api-tokens/", data={"name": "Xã", "unit": commune.id})
    assert wrong_unit.status_code == 400
    assert db.session.scalar(select(db.func.count(ApiToken.id))) == before
