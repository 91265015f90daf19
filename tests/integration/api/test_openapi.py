"""The OpenAPI 3.1 document (issue 18, item 3): generated from the views and their schemas,
valid, covering every API route, and true of every real answer, errors included."""

import json

import pytest
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_spec_validator import validate

from tests.integration.api.conftest import bearer


@pytest.fixture
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_api_route_is_in_the_document(app, document):
    undocumented = {
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        and rule.endpoint not in ("api.openapi", "api.docs")
        and not any(path.split("{")[0] == rule.rule.split("<")[0] for path in document["paths"])
    }
    assert undocumented == set()


def checked(document) -> OpenAPI:
    """The document as openapi-core validates with it; problem details are JSON too."""
    config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
    return OpenAPI.from_dict(document, config=config)


def calls(provinces, client) -> list:
    """One call per operation and per kind of answer it documents."""
    token, ministry = bearer(provinces.token), bearer(provinces.ministry_token)
    first = client.get("/api/v1/results?limit=2", headers=ministry)
    etag = first.headers["ETag"]
    register = client.get("/api/v1/certificates?limit=2").get_json()
    public_id = register["items"][0]["public_id"]
    return [
        first,
        client.get(
            f"/api/v1/results?limit=2&cursor={first.get_json()['next_cursor']}", headers=ministry
        ),
        client.get("/api/v1/results?stars=4", headers=token),
        client.get("/api/v1/results?limit=2", headers={**ministry, "If-None-Match": etag}),
        client.get("/api/v1/rounds", headers=ministry),
        client.get("/api/v1/rounds?year=2021&state=open", headers=token),
        client.get("/api/v1/dossiers", headers=ministry),
        client.get(
            "/api/v1/dossiers?state=evaluated&updated_since=2020-01-01T00:00:00Z", headers=token
        ),
        client.get("/api/v1/statistics/years", headers=ministry),
        client.get("/api/v1/statistics/groups?year=2021", headers=token),
        client.get("/api/v1/statistics/communes", headers=token),
        client.get("/api/v1/statistics/statuses", headers=token),
        client.get("/api/v1/statistics/results/groups", headers=token),
        client.get("/api/v1/statistics/results/rounds?year=2021", headers=ministry),
        client.get("/api/v1/certificates?limit=2"),
        client.get(f"/api/v1/certificates?limit=2&cursor={register['next_cursor']}"),
        client.get("/api/v1/certificates?q=gio&stars=4&status=expired"),
        client.get(f"/api/v1/certificates/{public_id}"),
        client.get(f"/api/v1/rounds/{provinces.ninh_binh.round.id}/criteria", headers=token),
        client.get(f"/api/v1/rounds/{provinces.thai_binh.round.id}/criteria", headers=token),
        # errors
        client.get("/api/v1/certificates/khong-co-ma-nay"),
        client.get("/api/v1/certificates?stars=9"),
        client.get("/api/v1/results?limit=500", headers=token),
        client.get("/api/v1/dossiers?cursor=forged", headers=token),
        client.get("/api/v1/rounds"),
        client.get("/api/v1/statistics/years", headers=bearer("evk_wrong")),
    ]


def test_every_real_answer_matches_the_document(client, provinces, document):
    openapi = checked(document)
    statuses = set()
    for response in calls(provinces, client):
        openapi.validate_response(
            WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response)
        )
        statuses.add(response.status_code)
    assert statuses == {200, 304, 400, 401, 404}


def test_a_rate_limited_answer_matches_the_document(app, client, provinces, document):
    app.config["API_PUBLIC_RATE_LIMIT"] = "1 per minute"
    client.get("/api/v1/certificates")
    response = client.get("/api/v1/certificates")
    assert response.status_code == 429
    checked(document).validate_response(
        WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response)
    )
