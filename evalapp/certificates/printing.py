"""Batch printing: every certificate of a decision as one PDF, built by a background job."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.certificates.document import batch_pdf, printed_facts
from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.certificates.queries import certificates_of_decision
from evalapp.certificates.services import CertificateError
from evalapp.common import audit
from evalapp.common.files import StoredFile
from evalapp.common.storage import get_storage
from evalapp.common.time import utcnow
from evalapp.extensions import db
from evalapp.results.models import ResultDecision

UNFINISHED = (PrintJobState.QUEUED, PrintJobState.RUNNING)


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
        requested_by_id=actor.id,
        requested_at=utcnow(),
    )
    db.session.add(job)
    db.session.flush()
    audit.record("certificates.print_requested", job, actor=actor, after={"total": total})
    return job


def file_name(decision: ResultDecision) -> str:
    number = (decision.number or str(decision.id)).replace("/", "-")
    return f"Giấy chứng nhận OCOP - QĐ {number}.pdf"


def run_print_job(job_id: int) -> None:
    """Render, store and mark the job DONE, committing the progress as it goes; on any error
    the job is FAILED with a message for the page (never a crash the user sees)."""
    job = db.session.get(PrintJob, job_id)
    if job is None or job.state not in UNFINISHED:
        return
    try:
        facts = [printed_facts(c) for c in certificates_of_decision(job.decision_id)]
        job.state, job.total, job.done = PrintJobState.RUNNING, len(facts), 0
        db.session.commit()
        pdf = batch_pdf(
            facts, job.decision.number or "", progress=lambda n: record_progress(job, n)
        )
        store_result(job, pdf)
        db.session.commit()
    except Exception:
        current_app.logger.exception("certificate print job %s failed", job_id)
        db.session.rollback()
        fail(job_id)


def record_progress(job: PrintJob, done: int) -> None:
    job.done = done
    db.session.commit()


def store_result(job: PrintJob, pdf: bytes) -> None:
    stored = get_storage().save(pdf)
    job.file = StoredFile(
        storage_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
        format="pdf",
        mimetype="application/pdf",
        original_name=file_name(job.decision),
        uploaded_by_id=job.requested_by_id,
        uploaded_at=utcnow(),
    )
    job.state, job.done, job.finished_at = PrintJobState.DONE, job.total, utcnow()
    audit.record("certificates.printed", job, after={"total": job.total, "sha256": stored.sha256})


def fail(job_id: int) -> None:
    job = db.session.get(PrintJob, job_id)
    job.state, job.finished_at = PrintJobState.FAILED, utcnow()
    job.error = _(
        "Không tạo được tệp PDF. Vui lòng thử in lại; nếu vẫn lỗi, hãy báo quản trị viên."
    )
    db.session.commit()
