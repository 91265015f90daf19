"""Print jobs that cannot hang (issue 16, item 2): a job with no sign of life for the heartbeat
timeout is queued again as its next attempt while attempts remain and a worker beats, otherwise
failed with the reason; the late finisher of an older attempt changes nothing; the page then
offers to print again and "In tất cả" starts a new job. Times are given (a fake clock)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from huey.storage import MemoryStorage
from sqlalchemy import func, select

from evalapp.certificates import print_queue, printing
from evalapp.certificates.models import Certificate, PrintJob, PrintJobState
from evalapp.certificates.print_queue import StaleAction, stale_action
from evalapp.common import jobs
from evalapp.common.job_workers import JobWorkerBeat, WorkerBeat, record_beat
from evalapp.common.time import utcnow
from evalapp.extensions import db
from tests.conftest import run_queued
from tests.integration.certificates.test_printing import last_job

NOW = utcnow()
TIMEOUT = timedelta(seconds=60)
NO_WORKER = "Không có tiến trình xử lý nền nào đang chạy để in"
STOPPED_TWICE = "Tiến trình xử lý nền đã dừng giữa chừng 2 lần"


def a_job(state=PrintJobState.RUNNING, attempt=1, silent_for=61, heartbeat=True):
    sign = NOW - timedelta(seconds=silent_for)
    return SimpleNamespace(
        state=state,
        attempt=attempt,
        heartbeat_at=sign if heartbeat else None,
        requested_at=sign if not heartbeat else NOW - timedelta(hours=1),
    )


@pytest.mark.parametrize(
    ("job", "worker_beating", "action"),
    [
        (a_job(silent_for=59), True, None),
        (a_job(silent_for=60), True, StaleAction.REQUEUE),
        (a_job(), False, StaleAction.FAIL),
        (a_job(attempt=2), True, StaleAction.FAIL),
        (a_job(state=PrintJobState.QUEUED), True, StaleAction.REQUEUE),
        (a_job(state=PrintJobState.QUEUED, heartbeat=False), True, StaleAction.REQUEUE),
        (a_job(state=PrintJobState.QUEUED, heartbeat=False, silent_for=10), True, None),
        (a_job(state=PrintJobState.DONE, silent_for=3600), True, None),
        (a_job(state=PrintJobState.FAILED, silent_for=3600), False, None),
        (a_job(state=PrintJobState.CANCELLED, silent_for=3600), True, None),
    ],
)
def test_the_stale_job_rules(job, worker_beating, action):
    assert stale_action(job, NOW, TIMEOUT, 2, worker_beating) is action


@pytest.fixture
def queue(monkeypatch):
    """Jobs queued, not run inline, so that a test decides when a worker runs them."""
    monkeypatch.setattr(jobs.huey, "_immediate", False)
    monkeypatch.setattr(jobs.huey, "storage", MemoryStorage("evalapp-test"))
    return jobs.huey


def stuck_job(issued, silent_for=61, attempt=1, state=PrintJobState.RUNNING) -> PrintJob:
    """A job whose worker died: running (or waiting), no sign of life for `silent_for` seconds."""
    job = printing.start_print_job(issued.decision, issued.secretary)
    job.state, job.attempt = state, attempt
    job.heartbeat_at = utcnow() - timedelta(seconds=silent_for)
    db.session.commit()
    return job


def worker_beats(seconds_ago=0):
    record_beat("worker-test", utcnow(), utcnow() - timedelta(seconds=seconds_ago))


def test_a_stuck_job_is_queued_again_and_printed_by_a_beating_worker(issued, queue):
    job = stuck_job(issued)
    worker_beats()
    assert print_queue.recover_stale_print_jobs() == [job]
    assert (job.state, job.attempt, job.done) == (PrintJobState.QUEUED, 2, 0)
    run_queued(queue)
    db.session.refresh(job)
    assert (job.state, job.attempt, job.done, job.total) == (PrintJobState.DONE, 2, 2, 2)


def test_a_job_alive_within_the_timeout_is_left_alone(issued, queue):
    job = stuck_job(issued, silent_for=50)
    worker_beats()
    assert print_queue.recover_stale_print_jobs() == []
    assert job.state is PrintJobState.RUNNING and job.attempt == 1


def test_without_a_beating_worker_the_job_fails_and_says_why(issued, queue):
    job = stuck_job(issued)
    worker_beats(seconds_ago=120)
    print_queue.recover_stale_print_jobs()
    assert job.state is PrintJobState.FAILED and NO_WORKER in job.error


def test_after_the_last_attempt_the_job_fails_and_says_why(issued, queue):
    job = stuck_job(issued, attempt=2)
    worker_beats()
    print_queue.recover_stale_print_jobs()
    assert job.state is PrintJobState.FAILED and STOPPED_TWICE in job.error


def test_the_late_finisher_of_an_older_attempt_changes_nothing(issued, queue):
    job = stuck_job(issued)
    worker_beats()
    print_queue.recover_stale_print_jobs()  # attempt 2 queued
    with pytest.raises(printing.PrintCancelled):
        printing.record_progress(job, 1, 1)  # the first worker wakes up
    printing.run_print_job(job.id, 1)  # its task, delivered late
    db.session.refresh(job)
    assert (job.state, job.attempt, job.done, job.file_id) == (PrintJobState.QUEUED, 2, 0, None)
    run_queued(queue)
    db.session.refresh(job)
    assert job.state is PrintJobState.DONE and job.attempt == 2


def test_two_recoveries_at_once_change_the_job_once(issued, queue):
    job = stuck_job(issued)
    worker_beats()
    seen_by_the_other = SimpleNamespace(id=job.id, state=job.state, attempt=job.attempt)
    assert print_queue.requeue(job, utcnow())
    assert not print_queue.requeue(seen_by_the_other, utcnow())
    db.session.refresh(job)
    assert job.attempt == 2 and queue.pending_count() == 1


def test_printing_again_issues_nothing(issued, queue):
    numbers = db.session.scalars(select(Certificate.number).order_by(Certificate.id)).all()
    job = stuck_job(issued)
    worker_beats()
    print_queue.recover_stale_print_jobs()
    run_queued(queue)
    db.session.refresh(job)
    assert job.state is PrintJobState.DONE
    after = db.session.scalars(select(Certificate.number).order_by(Certificate.id)).all()
    assert after == numbers and db.session.scalar(select(func.count(Certificate.id))) == 2


def test_the_page_shows_the_failure_and_print_all_starts_a_new_job(issued, client, auth, queue):
    stuck = stuck_job(issued)
    auth.login(issued.secretary)
    page = client.get(f"/certificates/print-jobs/{stuck.id}").get_data(as_text=True)
    assert NO_WORKER in page and "Không in được" in page
    assert 'id="job-again" hidden' not in page
    status = client.get(f"/certificates/print-jobs/{stuck.id}?format=json").json
    assert status["state"] == "failed" and status["finished"] is True

    response = client.post(f"/certificates/decisions/{issued.decision.id}/print")
    new = last_job()
    assert new.id != stuck.id and new.state is PrintJobState.QUEUED
    assert response.headers["Location"].endswith(f"/certificates/print-jobs/{new.id}")
    assert queue.pending_count() == 1


def test_print_all_never_returns_a_stuck_job(issued, client, auth, queue):
    stuck = stuck_job(issued, state=PrintJobState.QUEUED, silent_for=3600)
    auth.login(issued.secretary)
    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    db.session.refresh(stuck)
    assert stuck.state is PrintJobState.FAILED  # no worker beats
    assert last_job().id != stuck.id


def test_the_worker_beat_keeps_a_long_running_job_alive(app, issued, queue):
    job = stuck_job(issued, silent_for=50)
    beat = WorkerBeat(app)
    with printing.running_jobs.beating_for(job.id, job.attempt):
        beat.beat()
    db.session.expire_all()
    job = db.session.get(PrintJob, job.id)
    assert (utcnow() - job.heartbeat_at).total_seconds() < 5
    assert job.state is PrintJobState.RUNNING
    row = db.session.get(JobWorkerBeat, beat.worker_id)
    assert row is not None and (utcnow() - row.beat_at).total_seconds() < 5
