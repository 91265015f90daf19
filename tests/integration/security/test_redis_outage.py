"""Rate limits kept in Redis (README: several workers share them) while Redis goes away and
comes back (issue 16, item 3): logins and uploads keep working, counted in each process's
memory meanwhile, and the counts return to Redis once it answers again. The test runs its own
redis-server on a free port, never the shared one."""

from __future__ import annotations

import shutil
import time

import pytest

from evalapp.auth.models import Role
from evalapp.extensions import db, limiter
from tests.conftest import TEST_PASSWORD, app_on_copy, release_database
from tests.factories import make_user
from tests.integration.dossiers.conftest import kim_son, pdf_file, start  # noqa: F401 - fixture

REDIS_SERVER = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(not REDIS_SERVER, reason="redis-server is not installed")


@pytest.fixture
def app(template_database, tmp_path, redis_server):
    """The test app with its rate limits in the test's own Redis."""
    app = app_on_copy(template_database, tmp_path, RATELIMIT_STORAGE_URI=redis_server.url)
    with app.app_context():
        yield app
        release_database()
    limiter._storage_dead = False  # the limiter is shared by the apps of later tests


def log_in(client, user, password=TEST_PASSWORD):
    return client.post("/auth/login", data={"email": user.email, "password": password})


def wait_for_redis_to_count(app, redis_server, seconds=45) -> None:
    """The limiter tries a dead Redis again after 1, 2, 4 … 32 seconds."""
    deadline = time.monotonic() + seconds
    attempt = 0
    while not redis_server.keys():
        assert time.monotonic() < deadline, "the limits never went back to Redis"
        time.sleep(0.5)
        attempt += 1
        form = {"email": f"thu{attempt}@vi-du.vn", "password": "x"}
        assert app.test_client().post("/auth/login", data=form).status_code == 200


def test_logins_keep_working_while_redis_is_down_and_limits_go_back_to_it(
    app, redis_server, caplog
):
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    member, other = make_user(Role.COUNCIL_MEMBER), make_user(Role.COUNCIL_MEMBER)
    assert log_in(app.test_client(), member).status_code == 302
    assert redis_server.keys()

    redis_server.stop()
    assert log_in(app.test_client(), other).status_code == 302
    assert "falling back to in-memory storage" in caplog.text
    # still limited, in memory: a guesser gets three tries at one account
    codes = [log_in(app.test_client(), other, "đoán-thử").status_code for _ in range(3)]
    assert codes == [200, 200, 429]

    redis_server.start()  # empty: nothing was saved
    wait_for_redis_to_count(app, redis_server)
    assert log_in(app.test_client(), member).status_code == 302


def test_an_upload_while_redis_is_down_is_kept(app, kim_son, redis_server):  # noqa: F811
    dossier = start(kim_son)
    client = app.test_client()
    assert log_in(client, kim_son.producer).status_code == 302

    redis_server.stop()
    response = client.post(
        f"/dossiers/{dossier.id}/documents",
        data={"item": "chung_tu_ke_toan", "files": [pdf_file("Sổ kế toán.pdf")]},
        content_type="multipart/form-data",
    )

    assert response.status_code == 302
    db.session.expire_all()
    assert "Sổ kế toán.pdf" in [d.file.original_name for d in dossier.current_documents()]
    redis_server.start()
    wait_for_redis_to_count(app, redis_server)
