"""/readyz reports each dependency (issue 16, item 3): 503 only without the database; Redis, the
stored files and the job worker's beat make it "degraded" (200), each part with its status."""

from datetime import timedelta

from config import TestConfig
from evalapp import create_app
from evalapp.common.job_workers import record_beat
from evalapp.common.storage import EXTENSION_NAME, LocalStorage, S3Storage
from evalapp.common.time import utcnow


def readyz(client):
    response = client.get("/readyz")
    return response.status_code, response.json


def test_everything_answers(client):
    status, body = readyz(client)
    assert status == 200 and body["status"] == "ok"
    assert body["checks"]["database"] == {"status": "ok"}
    assert body["checks"]["storage"] == {"status": "ok"}
    assert body["checks"]["jobs"]["status"] == "ok"  # inline jobs in tests: no worker needed
    assert "redis" not in body["checks"]  # neither rate limits nor jobs use Redis here
    assert body["database"] == "ok"  # the body of earlier versions, for existing probes


def test_an_unreachable_database_is_the_only_503(tmp_path):
    app = create_app(
        TestConfig, SQLALCHEMY_DATABASE_URI=f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"
    )
    status, body = readyz(app.test_client())
    assert status == 503 and body["status"] == "unavailable"
    assert body["checks"]["database"] == {"status": "unavailable"}
    assert body["database"] == "unreachable"


def test_the_job_worker_beat_is_reported(app, client):
    app.config["JOBS_IMMEDIATE"] = False
    status, body = readyz(client)
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["jobs"] == {"status": "degraded", "last_worker_beat_seconds": None}

    record_beat("worker-1", utcnow(), utcnow() - timedelta(seconds=3))
    status, body = readyz(client)
    assert body["status"] == "ok" and body["checks"]["jobs"]["status"] == "ok"
    assert 3 <= body["checks"]["jobs"]["last_worker_beat_seconds"] < 30

    record_beat("worker-1", utcnow(), utcnow() - timedelta(seconds=61))
    status, body = readyz(client)
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["jobs"]["status"] == "degraded"
    assert body["checks"]["jobs"]["last_worker_beat_seconds"] >= 61


def test_unwritable_storage_is_degraded(app, client, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the uploads folder should be")
    app.extensions[EXTENSION_NAME] = LocalStorage(blocker / "uploads")
    status, body = readyz(client)
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["storage"] == {"status": "unavailable"}


def test_redis_stopped_and_started_again(app, client, redis_server):
    app.config["RATELIMIT_STORAGE_URI"] = redis_server.url  # read by the check only
    app.config["JOBS_URL"] = redis_server.url
    app.config["JOBS_IMMEDIATE"] = False
    record_beat("worker-1", utcnow(), utcnow())

    status, body = readyz(client)
    assert status == 200 and body["status"] == "ok"
    assert body["checks"]["redis"] == {"status": "ok", "used_for": ["jobs", "rate_limits"]}

    redis_server.stop()
    status, body = readyz(client)
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["redis"]["status"] == "unavailable"
    assert body["checks"]["database"] == {"status": "ok"}
    assert "127.0.0.1" not in str(body)  # no host named on a public page

    redis_server.start()
    status, body = readyz(client)
    assert status == 200 and body["status"] == "ok"


def test_a_bucket_that_does_not_answer_is_degraded_within_the_timeout(app, client):
    from tests.network import free_port

    app.extensions[EXTENSION_NAME] = S3Storage(
        "evalapp", endpoint_url=f"http://127.0.0.1:{free_port()}", access_key="a", secret_key="b"
    )
    status, body = readyz(client)
    assert status == 200 and body["status"] == "degraded"
    assert body["checks"]["storage"] == {"status": "unavailable"}
