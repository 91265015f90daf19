"""Print jobs and the queue: handing a job to it, and taking back a job whose worker stopped.

A job shows a sign of life (`heartbeat_at`) when it is queued, started, makes progress, and at
every beat of the worker running it. One with no sign of life for `JOBS_HEARTBEAT_TIMEOUT_SECONDS`
is stale: it is queued again as its next attempt while attempts remain (`JOBS_MAX_ATTEMPTS`) and
some worker beats, otherwise marked FAILED with the reason, so the page offers to print again.
Both changes are UPDATEs conditional on the state and attempt read, so two processes recovering
the same job at once change it once, and the late finisher of the older attempt changes nothing.
Stale jobs are recovered at every worker beat, when the job's page is polled, and before
"In tất cả" looks for a job already waiting (it never returns a stuck one).
"""

from __future__ import annotations

import enum
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from evalapp.certificates import printing
from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.certificates.tasks import print_certificates
from evalapp.common import audit
from evalapp.common.job_workers import every_beat, worker_is_beating
from evalapp.common.jobs import QueueUnavailable, submit
from evalapp.common.time import utcnow
from evalapp.extensions import db


class StaleAction(enum.StrEnum):
    REQUEUE = "requeue"
    FAIL = "fail"


def queue_unavailable_reason() -> str:
    return _(
        "Hàng đợi xử lý nền đang không hoạt động nên chưa in được. Vui lòng thử lại sau ít "
        "phút; nếu vẫn lỗi, hãy báo quản trị viên."
    )


def last_sign_of_life(job: PrintJob) -> datetime:
    return job.heartbeat_at or job.requested_at


def stale_action(
    job: PrintJob, now: datetime, timeout: timedelta, max_attempts: int, worker_beating: bool
) -> StaleAction | None:
    """What to do with `job` at `now`: nothing (finished, or alive within `timeout`), queue it
    again (attempts remain and a worker beats), or fail it."""
    if job.state not in printing.UNFINISHED or now - last_sign_of_life(job) < timeout:
        return None
    if job.attempt < max_attempts and worker_beating:
        return StaleAction.REQUEUE
    return StaleAction.FAIL


def submit_print_job(job: PrintJob) -> bool:
    """Put the job's current attempt in the queue (its sign of life: now). When the queue is
    unavailable the job is FAILED with a message saying so; whether it was queued."""
    db.session.execute(
        update(PrintJob)
        .where(PrintJob.id == job.id, PrintJob.attempt == job.attempt)
        .values(heartbeat_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    try:
        submit(print_certificates, job.id, job.attempt)
    except QueueUnavailable:
        printing.fail(job.id, job.attempt, queue_unavailable_reason())
        return False
    finally:
        db.session.refresh(job)
    return True


def never_queued(job: PrintJob) -> bool:
    return job.state is PrintJobState.QUEUED and job.heartbeat_at is None


def stale_jobs(now: datetime, timeout: timedelta, **filters) -> list[PrintJob]:
    sign_of_life = func.coalesce(PrintJob.heartbeat_at, PrintJob.requested_at)
    query = select(PrintJob).where(
        PrintJob.state.in_(printing.UNFINISHED), sign_of_life < now - timeout
    )
    for column, value in filters.items():
        query = query.where(getattr(PrintJob, column) == value)
    return list(db.session.scalars(query.order_by(PrintJob.id)))


def recover_stale_print_jobs(now: datetime | None = None, **filters) -> list[PrintJob]:
    """Queue again or fail every stale job (those of `filters`, e.g. `decision_id=…`), committing
    each change; the jobs changed here."""
    now = now or utcnow()
    config = current_app.config
    timeout = timedelta(seconds=config["JOBS_HEARTBEAT_TIMEOUT_SECONDS"])
    stale = stale_jobs(now, timeout, **filters)
    beating = worker_is_beating(now) if stale else False
    handle = {
        StaleAction.REQUEUE: lambda job: requeue(job, now),
        StaleAction.FAIL: lambda job: fail_stale(job, beating),
    }
    changed = []
    for job in stale:
        action = stale_action(job, now, timeout, config["JOBS_MAX_ATTEMPTS"], beating)
        if action is not None and handle[action](job):
            changed.append(job)
    return changed


def requeue(job: PrintJob, now: datetime, actor=None) -> bool:
    """Take the job back from its current attempt and queue the next one."""
    attempt = job.attempt
    taken = db.session.execute(
        update(PrintJob)
        .where(PrintJob.id == job.id, PrintJob.state == job.state, PrintJob.attempt == attempt)
        .values(state=PrintJobState.QUEUED, attempt=attempt + 1, done=0, error="", heartbeat_at=now)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        db.session.rollback()
        return False
    audit.record("certificates.print_requeued", job, actor=actor, after={"attempt": attempt + 1})
    db.session.commit()
    db.session.refresh(job)
    current_app.logger.warning("print job %s queued again as attempt %s", job.id, job.attempt)
    submit_print_job(job)
    return True


def fail_stale(job: PrintJob, worker_beating: bool) -> bool:
    if worker_beating:
        reason = _(
            "Tiến trình xử lý nền đã dừng giữa chừng %(attempts)d lần nên lần in này bị dừng. "
            "Vui lòng bấm “In lại”; nếu vẫn lỗi, hãy báo quản trị viên.",
            attempts=job.attempt,
        )
    else:
        reason = _(
            "Không có tiến trình xử lý nền nào đang chạy để in (lệnh “flask jobs worker”). "
            "Hãy báo quản trị viên, rồi bấm “In lại”."
        )
    failed = printing.fail(job.id, job.attempt, reason)
    db.session.refresh(job)
    if failed:
        current_app.logger.warning("print job %s failed: no sign of life", job.id)
    return failed


@every_beat
def beat_for_running_jobs(now: datetime) -> None:
    """At each beat of a worker: the jobs it runs show a sign of life; stale ones are taken back."""
    for job_id, attempt in printing.running_jobs.here():
        db.session.execute(
            update(PrintJob)
            .where(
                PrintJob.id == job_id,
                PrintJob.attempt == attempt,
                PrintJob.state == PrintJobState.RUNNING,
            )
            .values(heartbeat_at=now)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    recover_stale_print_jobs(now)


def request_print(decision, actor) -> PrintJob:
    """The decision's job for "In tất cả": its stale jobs recovered first, then the one
    waiting or running, or a new one (see `printing.start_print_job`)."""
    recover_stale_print_jobs(decision_id=decision.id)
    return printing.start_print_job(decision, actor)
