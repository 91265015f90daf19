"""`make run` runs `flask serve`: the development server and the job worker in one process, so a
newcomer's batch print finishes (issue 14, item 1: it waited forever without a separate
`flask jobs worker`)."""

import time

import pytest
from huey.storage import SqliteStorage

from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.common import jobs
from evalapp.common.job_workers import last_beat_age
from evalapp.extensions import db
from tests.integration.certificates.conftest import make_issuing
from tests.integration.certificates.test_printing import last_job


@pytest.fixture
def queue(app, tmp_path, monkeypatch):
    """A real queue, as in development: huey's SQLite store (a file of this test), not inline."""
    monkeypatch.setattr(jobs.huey, "_immediate", False)
    monkeypatch.setattr(jobs.huey, "storage", SqliteStorage("evalapp", str(tmp_path / "q.db")))
    return jobs.huey


def print_all_and_wait(client, decision_id: int, seconds: float = 60) -> PrintJob:
    client.post(f"/certificates/decisions/{decision_id}/print")
    job = last_job()
    deadline = time.monotonic() + seconds
    while job.state in (PrintJobState.QUEUED, PrintJobState.RUNNING):
        assert time.monotonic() < deadline, f"the job is still {job.state.label}"
        time.sleep(0.2)
        job = last_job()
    return job


@pytest.fixture
def issued(app):
    from evalapp.certificates import services

    issuing = make_issuing()
    services.issue_certificates(issuing.decision, issuing.secretary)
    db.session.commit()
    return issuing


def test_flask_serve_prints_a_batch_without_a_separate_worker(
    issued, queue, runner, client, auth, monkeypatch
):
    seen = {}

    def server(host, port, app, **options):
        """Instead of serving forever: what the secretary does while `flask serve` runs."""
        seen["address"] = (host, port)
        auth.login(issued.secretary)
        seen["job"] = print_all_and_wait(client, issued.decision.id)

    monkeypatch.setattr("werkzeug.serving.run_simple", server)
    monkeypatch.setenv("PORT", "5101")
    result = runner.invoke(args=["serve"])
    assert result.exit_code == 0, result.output
    assert "1 worker thread(s) in this process" in result.output
    assert seen["address"] == ("127.0.0.1", 5101)
    job = seen["job"]
    assert (job.state, job.done, job.total) == (PrintJobState.DONE, 2, 2)
    assert job.file_id is not None
    assert queue.pending_count() == 0


def test_the_worker_threads_stop_with_the_server(queue):
    consumer = jobs.start_worker_threads()
    threads = [thread for _, thread in consumer.worker_threads] + [consumer.scheduler]
    threads.append(consumer.beat)  # the worker's beat (/readyz shows its age)
    assert all(thread.is_alive() for thread in threads)
    for _ in range(50):
        if last_beat_age() is not None:
            break
        db.session.rollback()  # a fresh snapshot: the beat commits from its own thread
        time.sleep(0.1)
    assert last_beat_age() < 5
    consumer.stop()
    for thread in threads:
        thread.join(5)
    assert not any(thread.is_alive() for thread in threads)


def test_without_a_worker_the_job_waits_in_the_queue(issued, queue, client, auth):
    """What `flask run` alone did: the page now says so after a while (test_print_cancel)."""
    auth.login(issued.secretary)
    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    assert last_job().state is PrintJobState.QUEUED and queue.pending_count() == 1
