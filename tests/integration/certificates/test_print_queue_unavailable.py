"""Printing while the job queue is unreachable (issue 16, item 3): never a 500; the job is marked
failed with a message saying the queue is unavailable, and "In lại" prints once it is back."""

from huey.storage import SqliteStorage

from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.common import jobs
from evalapp.extensions import db
from tests.conftest import run_queued
from tests.integration.certificates.test_printing import last_job

UNAVAILABLE = "Hàng đợi xử lý nền đang không hoạt động nên chưa in được."


def print_all(client, issued):
    return client.post(f"/certificates/decisions/{issued.decision.id}/print", follow_redirects=True)


def test_with_redis_stopped_it_says_so_and_prints_again_once_it_is_back(
    issued, client, auth, redis_queue, redis_server
):
    auth.login(issued.secretary)
    redis_server.stop()
    response = print_all(client, issued)
    assert response.status_code == 200
    assert UNAVAILABLE in response.text and "In lại (lần in mới)" in response.text
    failed = last_job()
    assert failed.state is PrintJobState.FAILED and UNAVAILABLE in failed.error

    redis_server.start()
    print_all(client, issued)
    job = last_job()
    assert job.id != failed.id and job.state is PrintJobState.QUEUED
    assert redis_queue.pending_count() == 1
    run_queued(redis_queue)
    db.session.expire_all()
    assert db.session.get(PrintJob, job.id).state is PrintJobState.DONE


def test_an_unwritable_sqlite_queue_is_the_same(issued, client, auth, tmp_path, monkeypatch):
    storage = SqliteStorage("evalapp", str(tmp_path / "queue.sqlite3"))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the queue's folder should be")
    storage.filename = str(blocker / "queue.sqlite3")
    storage.close()
    monkeypatch.setattr(jobs.huey, "_immediate", False)
    monkeypatch.setattr(jobs.huey, "storage", storage)
    auth.login(issued.secretary)
    response = print_all(client, issued)
    assert response.status_code == 200 and UNAVAILABLE in response.text
    assert last_job().state is PrintJobState.FAILED
