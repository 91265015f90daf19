"""The JSON API (issue 18, item 3): a unit's token reads its own rounds, dossiers, results and
statistics, page by page; the public register needs none; errors are problem details."""

from decimal import Decimal

from sqlalchemy import func, select

from evalapp.api import tokens
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from evalapp.results import services as result_services
from evalapp.results.models import FinalResult
from tests.integration.api.conftest import bearer
from tests.integration.reports.conftest import build_session


def all_pages(client, url, token, **params):
    """Every item, following `next_cursor`; and the `Link` headers seen."""
    items, links = [], []
    while True:
        body = client.get(url, query_string=params, headers=bearer(token))
        assert body.status_code == 200, body.get_json()
        items += body.get_json()["items"]
        cursor = body.get_json()["next_cursor"]
        if cursor is None:
            assert "Link" not in body.headers
            return items, links
        links.append(body.headers["Link"])
        params = {**params, "cursor": cursor}


def test_a_province_token_reads_only_its_own_rounds_dossiers_and_results(client, provinces):
    token, ninh_binh = provinces.token, provinces.ninh_binh

    rounds = client.get("/api/v1/rounds", headers=bearer(token)).get_json()["items"]
    assert [item["id"] for item in rounds] == [ninh_binh.round.id]
    assert rounds[0]["unit"] == "Tỉnh Ninh Bình" and rounds[0]["state"] == "open"

    dossiers = client.get("/api/v1/dossiers", headers=bearer(token)).get_json()["items"]
    assert len(dossiers) == 4 and {item["round_id"] for item in dossiers} == {ninh_binh.round.id}
    assert {item["product_name"] for item in dossiers} >= {"Giỏ đay Hiếu Lâm", "Chiếu cói Kim Sơn"}

    results = client.get("/api/v1/results", headers=bearer(token)).get_json()["items"]
    by_product = {item["product_name"]: item for item in results}
    assert by_product["Giỏ đay Hiếu Lâm"]["stars"] == 4
    assert by_product["Giỏ đay Hiếu Lâm"]["score"] == "78.50"
    assert by_product["Thảm bèo bồng"]["earns_certificate"] is False
    assert {item["round_id"] for item in results} == {ninh_binh.round.id}

    four_stars = client.get("/api/v1/results?stars=4", headers=bearer(token)).get_json()
    assert [item["product_name"] for item in four_stars["items"]] == ["Giỏ đay Hiếu Lâm"]
    other_round = provinces.thai_binh.round.id
    empty = client.get(f"/api/v1/results?round_id={other_round}", headers=bearer(token))
    assert empty.get_json()["items"] == []


def test_the_ministry_token_reads_every_province(client, provinces):
    token = provinces.ministry_token
    results, _ = all_pages(client, "/api/v1/results", token)
    assert len(results) == 8
    years = client.get("/api/v1/statistics/years", headers=bearer(token)).get_json()
    assert years["total"] == 4  # 3★ and 4★ of each province (5★ is the ministry's to decide)
    assert years["unit"] == "Bộ Nông nghiệp và Môi trường"


def test_statistics_are_the_unit_s_figures(client, provinces):
    token = provinces.token
    subgroups = client.get("/api/v1/statistics/subgroups", headers=bearer(token)).get_json()
    assert [row["total"] for row in subgroups["rows"]] == [2]
    groups = client.get("/api/v1/statistics/groups", headers=bearer(token)).get_json()
    assert groups["total"] == 2
    assert sum(row["total"] for row in groups["rows"]) == 2
    assert all(set(row["counts"]) <= {"3", "4", "5"} for row in groups["rows"])
    year = provinces.ninh_binh.results[4].dossier.round.year
    communes = client.get(
        f"/api/v1/statistics/communes?year={year}", headers=bearer(token)
    ).get_json()
    assert communes["rows"] == [{"label": "Xã Thượng Kiệm", "counts": {"3": 1, "4": 1}, "total": 2}]
    statuses = client.get("/api/v1/statistics/statuses", headers=bearer(token)).get_json()
    counts = {row["status"]: row["count"] for row in statuses["rows"]}
    assert counts == {"valid": 0, "expiring": 0, "expired": 2, "revoked": 0, "superseded": 0}
    evaluated = client.get("/api/v1/statistics/results/groups", headers=bearer(token)).get_json()
    [group] = evaluated["rows"]
    assert (group["evaluated"], group["passed"], group["pass_rate"]) == (4, 3, "75.0")
    assert group["average"] == "69.38" and group["lowest"] == "45.00"


def test_a_client_pages_through_results_by_cursor_and_sees_each_once(client, provinces):
    items, links = all_pages(client, "/api/v1/results", provinces.ministry_token, limit=3)
    ids = [item["id"] for item in items]
    assert ids == sorted(ids) and len(set(ids)) == 8
    assert len(links) == 2 and all(link.endswith('>; rel="next"') for link in links)
    assert "limit=3" in links[0] and "cursor=" in links[0]


def test_a_cursor_is_refused_with_other_filters_or_when_forged(client, provinces):
    token = provinces.ministry_token
    first = client.get("/api/v1/results?limit=1", headers=bearer(token)).get_json()
    cursor = first["next_cursor"]
    moved = client.get(f"/api/v1/results?limit=1&stars=4&cursor={cursor}", headers=bearer(token))
    forged = client.get("/api/v1/results?cursor=eyJhZnRlciI6MX0", headers=bearer(token))
    for response in (moved, forged):
        assert response.status_code == 400
        assert response.mimetype == "application/problem+json"
        assert "cursor" in response.get_json()["errors"]


def test_invalid_parameters_are_named_in_a_problem(client, provinces):
    response = client.get(
        "/api/v1/results?limit=0&stars=9&colour=red", headers=bearer(provinces.token)
    )
    problem = response.get_json()
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert set(problem["errors"]) == {"limit", "stars", "colour"}
    assert problem["status"] == 400 and problem["instance"] == "/api/v1/results"
    assert problem["title"] == "Tham số không hợp lệ"


def test_a_problem_speaks_the_client_s_language(client, provinces):
    headers = {**bearer(provinces.token), "Accept-Language": "en-GB,en;q=0.8"}
    english = client.get("/api/v1/results?stars=9", headers=headers).get_json()
    assert english["title"] == "Invalid parameters"
    vietnamese = client.get("/api/v1/results?stars=9", headers=bearer(provinces.token))
    assert vietnamese.get_json()["title"] == "Tham số không hợp lệ"


def test_without_a_valid_token_the_answer_is_401(client, provinces):
    missing = client.get("/api/v1/dossiers")
    wrong = client.get("/api/v1/dossiers", headers=bearer("evk_not-a-token"))
    basic = client.get("/api/v1/dossiers", headers={"Authorization": "Basic dXNlcjpwYXNz"})
    for response in (missing, wrong, basic):
        assert response.status_code == 401
        assert response.mimetype == "application/problem+json"
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert "Authorization: Bearer" in missing.get_json()["detail"]
    refused = select(func.count()).where(AuditEntry.action == "api.refused")
    assert db.session.scalar(refused) == 1  # the wrong token; a missing one is no attempt


def test_a_revoked_token_is_refused_from_the_next_call(client, provinces):
    assert client.get("/api/v1/rounds", headers=bearer(provinces.token)).status_code == 200
    tokens.revoke(provinces.token_record, by=provinces.admin)
    db.session.commit()
    response = client.get("/api/v1/rounds", headers=bearer(provinces.token))
    assert response.status_code == 401
    assert "thu hồi" in response.get_json()["detail"]


def test_a_signed_in_browser_without_a_token_is_not_a_client(client, auth, provinces):
    auth.login(provinces.ninh_binh.secretary)
    assert client.get("/api/v1/results").status_code == 401


def test_every_call_is_audited_and_the_last_use_shown(client, provinces):
    client.get("/api/v1/results?stars=4", headers=bearer(provinces.token))
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "api.read")).one()
    assert entry.object_type == "ApiToken" and entry.object_id == str(provinces.token_record.id)
    assert entry.note == "GET /api/v1/results?stars=4"
    db.session.refresh(provinces.token_record)
    assert provinces.token_record.last_used_at is not None
    assert provinces.token not in str(entry.note)


def test_the_database_keeps_only_the_token_s_digest(provinces):
    record = provinces.token_record
    assert provinces.token.startswith("evk_") and len(provinces.token) > 40
    assert record.digest == tokens.digest_of(provinces.token)
    assert record.prefix == provinces.token[:12]
    assert tokens.active_token(provinces.token) == record


def test_an_unchanged_answer_is_304_against_its_etag(client, provinces):
    headers = bearer(provinces.token)
    first = client.get("/api/v1/results", headers=headers)
    etag = first.headers["ETag"]
    again = client.get("/api/v1/results", headers={**headers, "If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert "private" in first.headers["Cache-Control"]
    result = db.session.scalars(select(FinalResult)).first()
    result.conclusion = "changed"  # not in the answer: still unchanged
    db.session.commit()
    assert (
        client.get("/api/v1/results", headers={**headers, "If-None-Match": etag}).status_code == 304
    )
    client.application.config["SECRET_KEY"] = "rotated"  # the cursor changes the body
    changed = client.get("/api/v1/results?limit=1", headers={**headers, "If-None-Match": etag})
    assert changed.status_code == 200


def test_each_token_has_its_own_rate_limit(app, client, provinces):
    app.config["API_RATE_LIMIT"] = "2 per minute"
    for _ in range(2):
        assert client.get("/api/v1/rounds", headers=bearer(provinces.token)).status_code == 200
    limited = client.get("/api/v1/rounds", headers=bearer(provinces.token))
    assert limited.status_code == 429
    assert limited.mimetype == "application/problem+json"
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    assert client.get("/api/v1/rounds", headers=bearer(provinces.ministry_token)).status_code == 200


def test_the_public_register_needs_no_token_and_pages_by_cursor(client, provinces):
    first = client.get("/api/v1/certificates?limit=3")
    assert first.status_code == 200
    assert first.headers["Access-Control-Allow-Origin"] == "*"
    body = first.get_json()
    assert len(body["items"]) == 3 and body["next_cursor"]
    rest = client.get(f"/api/v1/certificates?limit=3&cursor={body['next_cursor']}").get_json()
    numbers = [item["number"] for item in body["items"] + rest["items"]]
    assert len(numbers) == len(set(numbers)) == 4 and rest["next_cursor"] is None
    item = body["items"][0]
    assert item["status"] == "expired" and item["stars"] in (3, 4)
    record = client.get(item["url"].removeprefix("http://localhost")).get_json()
    assert record["number"] == item["number"]

    four = client.get("/api/v1/certificates?stars=4&province=Tỉnh Thái Bình").get_json()
    assert [(row["stars"], row["province"]) for row in four["items"]] == [(4, "Tỉnh Thái Bình")]
    refused = client.get(f"/api/v1/certificates?stars=4&cursor={body['next_cursor']}")
    assert refused.status_code == 400 and "cursor" in refused.get_json()["errors"]


def test_an_unknown_api_address_is_a_problem_not_a_page(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["instance"] == "/api/v1/nothing-here"


def test_the_reference_page_lists_every_operation(client):
    page = client.get("/api/v1/docs").text
    for path in ("/api/v1/certificates", "/api/v1/results", "/api/v1/statistics/{table}"):
        assert f'<code class="me-auto">{path}</code>' in page
    assert 'id="schema-ResultPage"' in page and "next_cursor" in page
    assert 'href="/api/v1/openapi.json"' in page


def test_a_round_s_criteria_show_where_its_products_lose_points(client, provinces):
    closed = build_session(level="province")
    result = result_services.finalise_result(closed.item, "Đạt 4 sao.", {}, closed.chair)
    _, token = tokens.issue(closed.round.unit, "Cổng", by=provinces.admin)
    db.session.commit()
    url = f"/api/v1/rounds/{closed.round.id}/criteria"
    body = client.get(url, headers=bearer(token)).get_json()
    criteria = body["criteria"]
    points = sum(Decimal(row["average"]) * row["sheets"] for row in criteria)
    frozen = sum(Decimal(sheet["total"]) for sheet in result.sheets)
    assert abs(points - frozen) <= Decimal("0.01") * len(criteria)  # averages are rounded
    shares = [Decimal(row["share"]) for row in criteria if row["share"] is not None]
    assert shares == sorted(shares) and all(row["sheets"] == 4 for row in criteria)

    other = client.get(url, headers=bearer(provinces.token))  # Ninh Bình's token
    assert other.status_code == 404 and other.mimetype == "application/problem+json"
