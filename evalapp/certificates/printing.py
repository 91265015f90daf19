"""Batch printing: every certificate of a decision as one PDF, built by a background job."""

from __future__ import annotations

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select, update

from evalapp.certificates.document import batch_pdf, printed_facts
from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.certificates.queries import certificates_of_decision
from evalapp.certificates.services import CertificateError
from evalapp.common import audit
from evalapp.common.files import StoredFile
from evalapp.common.job_workers import RunningJobs, worker_is_beating
from evalapp.common.storage import get_storage
from evalapp.common.time import utcnow
from evalapp.extensions import db
from evalapp.results.models import ResultDecision

UNFINISHED = (PrintJobState.QUEUED, PrintJobState.RUNNING)


class PrintCancelled(Exception):
    """Raised in the worker between two parts of a job the user has cancelled (or that was
    taken back from this attempt because its worker had stopped beating)."""


def start_print_job(decision: ResultDecision, actor) -> PrintJob:
    """A queued job for the decision's certificates (the one already waiting or running, if
    any: pressing the button twice prints once)."""
    waiting = db.session.scalar(
        select(PrintJob).where(PrintJob.decision_id == decision.id, PrintJob.state.in_(UNFINISHED))
    )
    if waiting is not None:
        return waiting
    total = len(certificates_of_decision(decision.id))
    if total == 0:
        raise CertificateError(_("Quyết định này chưa có giấy chứng nhận nào để in."))
    job = PrintJob(
        decision=decision,
        state=PrintJobState.QUEUED,
        total=total,
        done=0,
        requested_by_id=getattr(actor, "id", None),  # None: the operator's `flask jobs retry`
        requested_at=utcnow(),
    )
    db.session.add(job)
    db.session.flush()
    audit.record("certificates.print_requested", job, actor=actor, after={"total": total})
    return job


def file_name(decision: ResultDecision) -> str:
    number = (decision.number or str(decision.id)).replace("/", "-")
    return f"Giấy chứng nhận OCOP - QĐ {number}.pdf"


def cancel_print_job(job: PrintJob, actor=None) -> None:
    """Cancel a job still waiting or running (issue 16's `flask jobs cancel` passes no actor).
    A waiting job is never started; a running one stops before its next part. The state is
    changed by one conditional UPDATE, so a worker finishing at that moment cannot be undone."""
    cancelled = db.session.execute(
        update(PrintJob)
        .where(PrintJob.id == job.id, PrintJob.state.in_(UNFINISHED))
        .values(state=PrintJobState.CANCELLED, finished_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(job)
    if cancelled.rowcount != 1:
        raise CertificateError(
            _("Lần in này đã kết thúc (%(state)s), không thể hủy.", state=job.state.label)
        )
    audit.record("certificates.print_cancelled", job, actor=actor, after={"done": job.done})


def waiting_too_long(job: PrintJob, now=None) -> bool:
    """No worker has picked the job up `JOBS_STALE_AFTER_SECONDS` after it was requested and
    none beats (the page then says that the job worker may not be running)."""
    now = now or utcnow()
    delay = timedelta(seconds=current_app.config["JOBS_STALE_AFTER_SECONDS"])
    waiting = job.state is PrintJobState.QUEUED and now - job.requested_at >= delay
    return waiting and not worker_is_beating(now)


def run_print_job(job_id: int, attempt: int | None = None) -> None:
    """Render, store and mark the job DONE, committing the progress as it goes; on any error
    the job is FAILED with a message for the page (never a crash the user sees). A cancelled
    job is never started, and one cancelled while running stops before its next part.

    `attempt` is the run the queued task was made for (None: the job's current one). Every
    change is conditional on the job still holding that attempt, so a task of an attempt that
    was taken back (its worker stopped beating) changes nothing. Printing issues nothing: the
    certificates are already numbered and signed, so a second run yields the same pages."""
    job = db.session.get(PrintJob, job_id)
    if job is None or job.state not in UNFINISHED:
        return
    attempt = job.attempt if attempt is None else attempt
    try:
        facts = [printed_facts(c) for c in certificates_of_decision(job.decision_id)]
        running = dict(state=PrintJobState.RUNNING, total=len(facts), done=0, heartbeat_at=utcnow())
        if not move(job, attempt, PrintJobState.QUEUED, **running):
            return
        with running_jobs.beating_for(job.id, attempt):
            pdf = batch_pdf(
                facts,
                job.decision.number or "",
                progress=lambda n: record_progress(job, attempt, n),
            )
            store_result(job, attempt, pdf)
        db.session.commit()
    except PrintCancelled:
        db.session.rollback()
        current_app.logger.info("certificate print job %s (attempt %s) stopped", job_id, attempt)
    except Exception:
        current_app.logger.exception("certificate print job %s failed", job_id)
        db.session.rollback()
        fail(job_id, attempt)


def move(job: PrintJob, attempt: int, from_state: PrintJobState, /, **values) -> bool:
    """Change the job's row only if it is still in `from_state` and at `attempt` (a cancellation
    or a retry may have come in between) and commit; else roll back. Whether it was changed."""
    moved = (
        db.session.execute(
            update(PrintJob)
            .where(
                PrintJob.id == job.id,
                PrintJob.state == from_state,
                PrintJob.attempt == attempt,
            )
            .values(**values)
            .execution_options(synchronize_session=False)
        ).rowcount
        == 1
    )
    if moved:
        db.session.commit()
    else:
        db.session.rollback()
    db.session.refresh(job)
    return moved


def record_progress(job: PrintJob, attempt: int, done: int) -> None:
    if not move(job, attempt, PrintJobState.RUNNING, done=done, heartbeat_at=utcnow()):
        raise PrintCancelled(job.id)


def store_result(job: PrintJob, attempt: int, pdf: bytes) -> None:
    stored = get_storage().save(pdf)
    file = StoredFile(
        storage_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
        format="pdf",
        mimetype="application/pdf",
        original_name=file_name(job.decision),
        uploaded_by_id=job.requested_by_id,
        uploaded_at=utcnow(),
    )
    db.session.add(file)
    db.session.flush()
    finished = dict(state=PrintJobState.DONE, done=job.total, finished_at=utcnow())
    if not move(job, attempt, PrintJobState.RUNNING, file_id=file.id, **finished):
        get_storage().delete(stored.key)  # the file row was rolled back: no orphan left
        raise PrintCancelled(job.id)
    audit.record("certificates.printed", job, after={"total": job.total, "sha256": stored.sha256})


def fail(job_id: int, attempt: int, reason: str | None = None) -> bool:
    """Mark the job FAILED with `reason` (by default: the PDF could not be made) if it is still
    waiting or running at `attempt`, and commit. Whether it was marked."""
    reason = reason or _(
        "Không tạo được tệp PDF. Vui lòng thử in lại; nếu vẫn lỗi, hãy báo quản trị viên."
    )
    failed = db.session.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id, PrintJob.state.in_(UNFINISHED), PrintJob.attempt == attempt)
        .values(state=PrintJobState.FAILED, finished_at=utcnow(), error=reason)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return failed.rowcount == 1


# The print jobs this process runs: the worker's beat keeps their heartbeat fresh however long
# one part of the PDF takes (see print_queue.beat_for_running_jobs).
running_jobs = RunningJobs()
