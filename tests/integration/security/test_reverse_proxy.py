"""Through a real nginx in front of a real gunicorn serving the app with PROXY_HOPS=1 (issue 16,
item 1): clients on different addresses get separate login allowances, an X-Forwarded-For a
client writes itself changes nothing, and the audit log records each client's own address.

The clients connect from different loopback addresses (127.0.0.2, 127.0.0.3, …), so nginx sees
each one as a separate machine. The nginx configuration is the test's own, written to its
temporary folder (deploy/nginx/ holds the one to deploy)."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD
from tests.factories import make_user
from tests.network import free_port, wait_for_port

NGINX = shutil.which("nginx") or shutil.which("/usr/sbin/nginx")
GUNICORN = Path(sys.executable).with_name("gunicorn")
PROJECT_DIR = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.skipif(not NGINX, reason="nginx is not installed (apt install nginx)")

NGINX_CONF = """
daemon off;
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log {folder}/access.log;
    client_body_temp_path {folder}/client_body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://127.0.0.1:{app_port};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
        }}
    }}
}}
"""

SERVED_APP = """
import json, os
from config import TestConfig
from evalapp import create_app
app = create_app(TestConfig, **json.loads(os.environ["EVALAPP_TEST_SETTINGS"]))
"""


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture
def site(app, tmp_path):
    """gunicorn serving the test's database with PROXY_HOPS=1, behind nginx; yields nginx's port."""
    folder = tmp_path / "proxy"
    folder.mkdir()
    settings = {
        name: app.config[name]
        for name in (
            "SQLALCHEMY_DATABASE_URI",
            "MAIL_OUTBOX_DIR",
            "STORAGE_LOCAL_DIR",
            "CERTIFICATE_SIGNING_KEY",
        )
    }
    settings.update(PROXY_HOPS=1, LOGIN_ADDRESS_RATE_LIMIT="3 per minute")
    (folder / "served_app.py").write_text(SERVED_APP)
    app_port, port = free_port(), free_port()
    (folder / "nginx.conf").write_text(
        NGINX_CONF.format(folder=folder, port=port, app_port=app_port)
    )
    with (folder / "gunicorn.log").open("w") as log:
        gunicorn = subprocess.Popen(
            [
                str(GUNICORN),
                "--bind",
                f"127.0.0.1:{app_port}",
                "--workers",
                "1",
                "--no-control-socket",
                "--pythonpath",
                f"{folder},{PROJECT_DIR}",
                "served_app:app",
            ],
            cwd=PROJECT_DIR,
            env={**os.environ, "EVALAPP_TEST_SETTINGS": json.dumps(settings)},
            stderr=log,
        )
        nginx = subprocess.Popen(
            [
                NGINX,
                "-p",
                str(folder),
                "-e",
                str(folder / "error.log"),
                "-c",
                str(folder / "nginx.conf"),
            ],
            stderr=log,
        )
        try:
            wait_for_port(app_port, process=gunicorn, what="gunicorn")
            wait_for_port(port, process=nginx, what="nginx")
            yield port
        finally:
            stop(nginx)
            stop(gunicorn)


def log_in(port: int, client_address: str, email: str, password="sai-mật-khẩu", headers=None):
    """POST the login form from `client_address` (a loopback address of its own) through nginx."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=30, source_address=(client_address, 0)
    )
    body = urlencode({"email": email, "password": password})
    connection.request(
        "POST",
        "/auth/login",
        body=body,
        headers={"Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
    )
    status = connection.getresponse().status
    connection.close()
    return status


def test_clients_behind_nginx_have_their_own_login_allowance(site):
    first = [log_in(site, "127.0.0.2", f"a{n}@vi-du.vn") for n in range(4)]
    assert first == [200, 200, 200, 429]

    assert log_in(site, "127.0.0.3", "b@vi-du.vn") == 200


def test_a_forwarded_address_the_client_forged_is_not_believed(site):
    for n in range(3):
        assert (
            log_in(
                site, "127.0.0.2", f"a{n}@vi-du.vn", headers={"X-Forwarded-For": f"198.51.100.{n}"}
            )
            == 200
        )

    forged = {"X-Forwarded-For": "198.51.100.99, 127.0.0.9"}
    assert log_in(site, "127.0.0.2", "x@vi-du.vn", headers=forged) == 429


def test_the_audit_log_records_the_clients_address_not_nginxs(site):
    member = make_user(Role.COUNCIL_MEMBER)
    db.session.commit()

    assert log_in(site, "127.0.0.4", member.email, TEST_PASSWORD) == 302

    db.session.expire_all()
    entry = db.session.scalars(select(AuditEntry).filter_by(action="auth.login")).one()
    assert entry.ip_address == "127.0.0.4"
