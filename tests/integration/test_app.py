import logging
import re

import pytest
from sqlalchemy.exc import OperationalError

import config
from config import ProductionConfig, TestConfig
from evalapp import create_app


def test_production_refuses_to_start_without_secret_key_and_database(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY, DATABASE_URL"):
        create_app(ProductionConfig)


def production_environment(monkeypatch, **values):
    settings = {
        "SECRET_KEY": "x" * 64,
        "DATABASE_URL": "postgresql://evalapp@db.example/evalapp",
        "PUBLIC_BASE_URL": "https://ocop.ninhbinh.gov.vn",
        **values,
    }
    for name, value in settings.items():
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)


def test_production_refuses_to_start_without_public_base_url(monkeypatch):
    production_environment(monkeypatch, PUBLIC_BASE_URL=None)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL"):
        create_app(ProductionConfig)


@pytest.mark.parametrize(
    "url", ["ocop.ninhbinh.gov.vn", "ftp://ocop.ninhbinh.gov.vn", "javascript:alert(1)", "https://"]
)
def test_production_refuses_a_public_base_url_that_is_not_http(monkeypatch, url):
    production_environment(monkeypatch, PUBLIC_BASE_URL=url)
    with pytest.raises(RuntimeError, match="PUBLIC_BASE_URL must be an http"):
        create_app(ProductionConfig)


@pytest.mark.parametrize("key", ["abc", "x" * 31])
def test_production_refuses_a_short_secret_key(monkeypatch, key):
    production_environment(monkeypatch, SECRET_KEY=key)
    with pytest.raises(RuntimeError, match="SECRET_KEY must be at least 32 characters"):
        create_app(ProductionConfig)


def test_production_reads_its_settings_from_the_environment(monkeypatch):
    production_environment(monkeypatch)
    app = create_app(ProductionConfig)
    assert app.config["PUBLIC_BASE_URL"] == "https://ocop.ninhbinh.gov.vn"
    assert (
        app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://evalapp@db.example/evalapp"
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["PASSWORD_HASH_METHOD"] == "scrypt:131072:8:1"


def test_unknown_environment_name_is_refused(monkeypatch):
    monkeypatch.setenv("EVALAPP_ENV", "staging")
    with pytest.raises(RuntimeError, match="EVALAPP_ENV"):
        config.config_from_environment()


def test_default_database_is_a_sqlite_file_in_instance():
    assert config.Config.SQLALCHEMY_DATABASE_URI.startswith("sqlite:///")
    assert config.Config.SQLALCHEMY_DATABASE_URI.endswith("evalapp.sqlite3")


def test_sqlite_runs_with_foreign_keys_and_wal(app):
    from sqlalchemy import text

    from evalapp.extensions import db

    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite only")
    assert db.session.execute(text("PRAGMA foreign_keys")).scalar() == 1
    assert db.session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_healthz_answers_without_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_security_headers_on_pages_and_error_pages(client):
    for path in ("/", "/auth/login", "/no-such-page"):
        headers = client.get(path).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "DENY"


def test_404_page_is_in_vietnamese_by_default_and_english_on_request(client):
    response = client.get("/khong-co-trang-nay")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.text
    client.post("/language", data={"lang": "en"})
    assert "Page not found" in client.get("/khong-co-trang-nay").text


def test_unexpected_error_shows_an_incident_id_that_is_in_the_log(app, client, caplog):
    @app.route("/boom")
    def boom():
        raise RuntimeError("kaboom")

    boom.access_rule = __import__("evalapp.common.access", fromlist=["PUBLIC"]).PUBLIC
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Đã xảy ra lỗi" in response.text
    incident = re.search(r'class="incident-id">([0-9A-F]{12})<', response.text).group(1)
    assert any(incident in record.getMessage() for record in caplog.records)
    assert "kaboom" not in response.text


def test_database_outage_gets_a_friendly_503(app, client):
    @app.route("/db-down")
    def db_down():
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    db_down.access_rule = __import__("evalapp.common.access", fromlist=["PUBLIC"]).PUBLIC
    response = client.get("/db-down")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "Không kết nối được cơ sở dữ liệu" in response.text


def test_oversized_request_gets_a_friendly_413(app, client):
    app.config["MAX_CONTENT_LENGTH"] = 1024
    response = client.post("/auth/login", data={"email": "a@b.vn", "password": "x" * 4096})
    assert response.status_code == 413
    assert "Tệp quá lớn" in response.text
    assert "Vui lòng chọn tệp nhỏ hơn" in response.text


def test_csrf_is_required_on_state_changing_requests(template_database, tmp_path):
    app = create_app(
        TestConfig, WTF_CSRF_ENABLED=True, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/x.sqlite3"
    )
    response = app.test_client().post("/auth/login", data={"email": "a@b.vn", "password": "x"})
    assert response.status_code == 400
    assert "Phiên làm việc của biểu mẫu đã hết hạn" in response.text


def test_pages_load_nothing_from_other_sites(client, project_root):
    page = client.get("/auth/login").text
    for url in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert url.startswith(("/", "#")), url
    for path in [
        *project_root.joinpath("templates").rglob("*.html"),
        *project_root.joinpath("static", "css").rglob("*.css"),
    ]:
        assert not re.search(r"(?:src|href|url)\(?=?[\"']?https?://", path.read_text()), path


def test_vietnamese_font_is_shipped(client, project_root):
    with client.get("/static/fonts/fonts.css") as response:
        css = response.text
    assert "Be Vietnam Pro" in css
    vietnamese_faces = re.findall(r"url\((be-vietnam-pro-vietnamese-[^)]+\.woff2)\)", css)
    assert vietnamese_faces
    for name in vietnamese_faces:
        with client.get(f"/static/fonts/{name}") as response:
            assert response.status_code == 200
            assert response.mimetype == "font/woff2"


def test_a_concurrent_change_gets_a_409_page_not_a_500(app, client):
    from sqlalchemy.orm.exc import StaleDataError

    from evalapp.common.access import PUBLIC

    @app.route("/stale")
    def stale():
        raise StaleDataError("UPDATE dossiers ... matched 0 rows")

    stale.access_rule = PUBLIC
    response = client.get("/stale")
    assert response.status_code == 409
    assert "Thay đổi của bạn chưa được lưu" in response.text


def development_config(monkeypatch, **environment) -> config.DevelopmentConfig:
    monkeypatch.setattr(config.DevelopmentConfig, "SECRET_KEY", "k" * 64)  # no instance/ file
    for name in ("PORT", "PUBLIC_BASE_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return config.DevelopmentConfig()


def test_qr_codes_in_development_point_at_the_port_make_run_serves(monkeypatch):
    """`make run PORT=5101` printed QR codes to :5000, where nothing answered (issue 14)."""
    assert development_config(monkeypatch).PUBLIC_BASE_URL == "http://127.0.0.1:5000"
    settings = development_config(monkeypatch, PORT="5101")
    assert settings.PUBLIC_BASE_URL == "http://127.0.0.1:5101"
    app = create_app(config.DevelopmentConfig, SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context():
        from evalapp.certificates.document import verification_url

        assert verification_url("abc") == "http://127.0.0.1:5101/verify/abc"


def test_an_explicit_public_base_url_wins_over_the_port(monkeypatch):
    settings = development_config(
        monkeypatch, PORT="5101", PUBLIC_BASE_URL="https://ocop.ninhbinh.gov.vn"
    )
    assert settings.PUBLIC_BASE_URL == "https://ocop.ninhbinh.gov.vn"
