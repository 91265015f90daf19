"""`flask jobs list|retry|cancel`: the operator sees print jobs with their state, attempt and
heartbeat age, prints again a failed or stuck one, and cancels one waiting or running."""

from datetime import timedelta

from evalapp.certificates.models import PrintJobState
from evalapp.common.job_workers import record_beat
from evalapp.common.time import utcnow
from evalapp.extensions import db
from tests.integration.certificates.test_print_recovery import queue, stuck_job
from tests.integration.certificates.test_printing import last_job

__all__ = ["queue"]  # the fixture


def test_list_shows_waiting_and_running_jobs_and_the_worker_beat(issued, runner, queue):
    job = stuck_job(issued, silent_for=75)
    record_beat("worker-test", utcnow(), utcnow() - timedelta(seconds=4))
    result = runner.invoke(args=["jobs", "list"])
    assert result.exit_code == 0
    assert "job worker: last beat 4s ago" in result.output
    assert f"{job.id:>6}  running" in result.output
    assert "attempt 1" in result.output and "heartbeat 75s ago" in result.output
    assert "decision 123/QĐ-UBND" in result.output

    job.state = PrintJobState.DONE
    db.session.commit()
    assert "no print job waiting or running" in runner.invoke(args=["jobs", "list"]).output
    assert f"{job.id:>6}  done" in runner.invoke(args=["jobs", "list", "--all"]).output


def test_retry_takes_back_a_stuck_job_as_its_next_attempt(issued, runner, queue):
    job = stuck_job(issued, silent_for=5)  # alive a moment ago: the operator knows better
    result = runner.invoke(args=["jobs", "retry", str(job.id)])
    assert result.exit_code == 0, result.output
    assert f"print job {job.id}: queued again as attempt 2 (queued)" in result.output
    db.session.refresh(job)
    assert (job.state, job.attempt) == (PrintJobState.QUEUED, 2)
    assert queue.pending_count() == 1


def test_retry_prints_a_failed_job_again_as_a_new_job(issued, runner, queue):
    failed = stuck_job(issued)
    failed.state = PrintJobState.FAILED
    db.session.commit()
    result = runner.invoke(args=["jobs", "retry", str(failed.id)])
    assert result.exit_code == 0, result.output
    new = last_job()
    assert new.id != failed.id and new.state is PrintJobState.QUEUED
    assert f"print job {new.id} for decision 123/QĐ-UBND: queued" in result.output
    assert queue.pending_count() == 1


def test_retry_refuses_a_done_job_and_an_unknown_one(issued, runner, queue):
    job = stuck_job(issued)
    job.state = PrintJobState.DONE
    db.session.commit()
    result = runner.invoke(args=["jobs", "retry", str(job.id)])
    assert result.exit_code == 1 and "is done: nothing to retry" in result.output
    result = runner.invoke(args=["jobs", "retry", "9999"])
    assert result.exit_code == 1 and "no print job 9999" in result.output


def test_cancel_stops_a_running_job_once(issued, runner, queue):
    job = stuck_job(issued, silent_for=5)
    result = runner.invoke(args=["jobs", "cancel", str(job.id)])
    assert result.exit_code == 0 and f"print job {job.id} cancelled" in result.output
    db.session.refresh(job)
    assert job.state is PrintJobState.CANCELLED
    again = runner.invoke(args=["jobs", "cancel", str(job.id)])
    assert again.exit_code == 1 and "không thể hủy" in again.output
