"""A job worker killed in the middle of a batch print (issue 16, item 2), with real processes: a
`flask jobs worker` on a file queue starts the job and is killed with SIGKILL; the job never stays
stuck. A new worker takes it back and prints it as its second attempt; with no worker at all the
page says the print failed, and "In lại" prints once a worker runs again."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from huey.storage import SqliteStorage
from sqlalchemy import select

from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.common import jobs
from evalapp.common.job_workers import JobWorkerBeat
from evalapp.extensions import db
from tests.integration.certificates.test_printing import last_job

ROOT = Path(__file__).resolve().parents[3]
TIMEOUT = 6  # JOBS_HEARTBEAT_TIMEOUT_SECONDS, short for the test (a busy machine starts a
# process in seconds)


@pytest.fixture
def file_queue(app, tmp_path, monkeypatch):
    """The queue in a SQLite file shared with the worker processes."""
    path = tmp_path / "queue.sqlite3"
    monkeypatch.setattr(jobs.huey, "_immediate", False)
    monkeypatch.setattr(jobs.huey, "storage", SqliteStorage("evalapp", str(path)))
    app.config["JOBS_HEARTBEAT_TIMEOUT_SECONDS"] = TIMEOUT
    return path


@pytest.fixture
def start_worker(app, file_queue, tmp_path):
    started = []

    def start(slow_part_seconds: float = 0) -> subprocess.Popen:
        settings = {
            key: app.config[key]
            for key in ("SQLALCHEMY_DATABASE_URI", "STORAGE_LOCAL_DIR", "CERTIFICATE_SIGNING_KEY")
        }
        settings |= {
            "JOBS_HEARTBEAT_TIMEOUT_SECONDS": TIMEOUT,
            "JOBS_WORKER_BEAT_SECONDS": 0.5,
            "CERTIFICATE_PRINT_PROCESSES": 1,
            "slow_part_seconds": slow_part_seconds,
        }
        with (tmp_path / f"worker-{len(started)}.log").open("w") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    str(Path(__file__).with_name("worker_process.py")),
                    json.dumps(settings),
                ],
                cwd=ROOT,
                env=os.environ | {"JOBS_URL": f"sqlite:///{file_queue}", "PYTHONPATH": str(ROOT)},
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        started.append(process)
        return process

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def job_when(job_id: int, predicate, seconds: float = 60) -> PrintJob:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        db.session.expire_all()
        job = db.session.get(PrintJob, job_id)
        if predicate(job):
            return job
        db.session.rollback()
        time.sleep(0.2)
    raise AssertionError(f"print job {job_id} still {job.state} (attempt {job.attempt})")


def kill_mid_job(issued, client, auth, start_worker) -> PrintJob:
    auth.login(issued.secretary)
    first = start_worker(slow_part_seconds=60)
    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    job = job_when(last_job().id, lambda job: job.state is PrintJobState.RUNNING)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    return job


def beating_workers() -> set[int]:
    db.session.expire_all()
    pids = set(db.session.scalars(select(JobWorkerBeat.pid)))
    db.session.rollback()
    return pids


def test_a_new_worker_prints_the_job_the_killed_one_left(issued, client, auth, start_worker):
    """The new worker is already beating when the first one dies (as under systemd's restart),
    so the job's stale attempt is queued again rather than failed, however long a busy machine
    takes to start a Python process."""
    auth.login(issued.secretary)
    first = start_worker(slow_part_seconds=60)
    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    job = job_when(last_job().id, lambda job: job.state is PrintJobState.RUNNING)
    second = start_worker()
    deadline = time.monotonic() + 60
    while second.pid not in beating_workers() and time.monotonic() < deadline:
        time.sleep(0.2)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    job = job_when(job.id, lambda job: job.state.finished)
    assert (job.state, job.attempt, job.done, job.total) == (PrintJobState.DONE, 2, 2, 2)
    page = client.get(f"/certificates/print-jobs/{job.id}").get_data(as_text=True)
    assert "Đã xong" in page and "certificates.pdf" in page


def test_without_a_worker_the_page_says_failed_and_in_lai_prints(
    issued, client, auth, start_worker
):
    job = kill_mid_job(issued, client, auth, start_worker)
    time.sleep(TIMEOUT + 0.5)
    page = client.get(f"/certificates/print-jobs/{job.id}").get_data(as_text=True)
    assert "Không in được" in page and "Không có tiến trình xử lý nền nào đang chạy" in page
    assert 'id="job-again" hidden' not in page

    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    again = last_job()
    assert again.id != job.id
    start_worker()
    again = job_when(again.id, lambda job: job.state.finished)
    assert (again.state, again.attempt) == (PrintJobState.DONE, 1)
