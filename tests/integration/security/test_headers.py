"""Private pages are never cached; production asks browsers for HTTPS only (issue 13, item 10)."""

import pytest

from config import ProductionConfig
from evalapp import create_app
from evalapp.auth.models import Role
from evalapp.extensions import db
from tests.factories import (
    make_accepted_dossier,
    make_organisation,
    make_producer,
    make_round,
    make_user,
)
from tests.integration.test_app import production_environment


def test_a_producer_s_dossier_page_is_not_kept_in_any_cache(client, auth, province, commune):
    producer = make_producer(make_organisation(commune))
    dossier = make_accepted_dossier(make_round(province), producer.organisation)
    db.session.commit()
    auth.login(producer)

    response = client.get(f"/dossiers/{dossier.id}")

    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize("path", ["/", "/auth/login", "/no-such-page", "/dossiers/intake"])
def test_every_page_says_no_store(client, auth, province, path):
    auth.login(make_user(Role.SECRETARY, unit=province))
    assert client.get(path).headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")


def test_no_hsts_on_a_development_server(client):
    assert "Strict-Transport-Security" not in client.get("/healthz").headers


def test_production_over_https_asks_for_https_for_a_year(monkeypatch):
    production_environment(monkeypatch, HSTS_SECONDS=None)
    response = create_app(ProductionConfig).test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_production_over_plain_http_sends_no_hsts(monkeypatch):
    production_environment(monkeypatch, PUBLIC_BASE_URL="http://ocop.local", HSTS_SECONDS=None)
    response = create_app(ProductionConfig).test_client().get("/healthz")
    assert "Strict-Transport-Security" not in response.headers


def test_the_operator_sets_the_hsts_age(monkeypatch):
    production_environment(monkeypatch, HSTS_SECONDS="600")
    response = create_app(ProductionConfig).test_client().get("/healthz")
    assert response.headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains"
