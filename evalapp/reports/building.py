"""Building a session's documents once per state of its data, off the request when large.

A request for a document first looks for the one built for the session's current stamp
(`reports.stamps`) and serves it from the file storage. Otherwise a `BuiltDocument` job is
made (pressing twice while it runs builds once): a session of at most the `sync_limit` setting
of dossiers is built inside the request, a larger one by a background job whose page shows its
progress, then offers the download. A failed build says why on that page and offers to build it
again. Like the certificates' print jobs, every change of a job is an UPDATE conditional on its
state and attempt, so a late or taken-back run changes nothing; a job with no sign of life for
`JOBS_HEARTBEAT_TIMEOUT_SECONDS` is marked failed with the reason. Once a newer build of the same
document is stored, the older ones and their files are removed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from evalapp.common.files import StoredFile
from evalapp.common.job_workers import RunningJobs, every_beat, worker_is_beating
from evalapp.common.jobs import QueueUnavailable, submit
from evalapp.common.storage import ObjectNotFound, get_storage
from evalapp.common.time import utcnow
from evalapp.councils.models import CouncilSession
from evalapp.extensions import db
from evalapp.reports import documents
from evalapp.reports.models import BuiltDocument, DocumentJobState
from evalapp.reports.services import require_closed
from evalapp.reports.session_report import load_session, session_facts
from evalapp.reports.stamps import session_stamp

UNFINISHED = (DocumentJobState.QUEUED, DocumentJobState.RUNNING)
# The steps a build reports: the facts read, the document made, the file stored.
STEPS = 3


@dataclass(frozen=True)
class Kind:
    code: str
    title: object  # lazy string: "Biên bản họp hội đồng"
    file_name: str  # with {id}, the session's
    mimetype: str
    make: Callable  # SessionFacts -> bytes
    sync_limit: str  # the setting: at most this many dossiers are built inside the request
    with_names: bool = False
    extension: str = "pdf"


def _minutes(with_names: bool):
    return lambda facts: documents.minutes_pdf(facts, with_names)


def _score_table(facts) -> bytes:
    return documents.score_table_xlsx(facts)


KINDS = {
    kind.code: kind
    for kind in (
        Kind(
            "minutes",
            _l("Biên bản họp hội đồng"),
            "bien-ban-hop-hoi-dong-phien-{id}.pdf",
            "application/pdf",
            _minutes(False),
            "DOCUMENTS_PDF_SYNC_MAX_DOSSIERS",
        ),
        Kind(
            "minutes-names",
            _l("Biên bản họp hội đồng (ghi họ tên thành viên)"),
            "bien-ban-hop-hoi-dong-phien-{id}.pdf",
            "application/pdf",
            _minutes(True),
            "DOCUMENTS_PDF_SYNC_MAX_DOSSIERS",
            with_names=True,
        ),
        Kind(
            "scores",
            _l("Bảng tổng hợp điểm"),
            "bang-diem-phien-{id}.xlsx",
            documents.XLSX,
            _score_table,
            "DOCUMENTS_XLSX_SYNC_MAX_DOSSIERS",
            extension="xlsx",
        ),
    )
}


class BuildTakenBack(Exception):
    """The job left this attempt while it was being built (failed as stale, meanwhile)."""


def kind_of(job: BuiltDocument) -> Kind:
    return KINDS[job.kind]


def built_now(session: CouncilSession, kind: Kind) -> bool:
    """Small sessions are built inside the request (they take well under the 2 s target)."""
    return len(session.agenda) <= current_app.config[kind.sync_limit]


def current_document(session: CouncilSession, kind: Kind, stamp: str) -> BuiltDocument | None:
    """The build for `stamp`: the one done (the cache), else the one waiting or running."""
    query = select(BuiltDocument).where(
        BuiltDocument.session_id == session.id,
        BuiltDocument.kind == kind.code,
        BuiltDocument.stamp == stamp,
        BuiltDocument.state.in_((DocumentJobState.DONE, *UNFINISHED)),
    )
    found = list(db.session.scalars(query.order_by(BuiltDocument.id.desc())))
    done = [job for job in found if job.state is DocumentJobState.DONE and job.file_id]
    for job in found if not done else ():
        recover_stale(job)
    return next(iter(done), None) or next((j for j in found if j.state in UNFINISHED), None)


def request_document(session: CouncilSession, kind: Kind, actor) -> BuiltDocument:
    """The session's document `kind` as built for its data now, or the job building it (a new
    one, QUEUED, if none is); refused (`ReportsError`) while the session is not closed."""
    require_closed(session)
    stamp = session_stamp(session.id)
    job = current_document(session, kind, stamp)
    if job is not None:
        return job
    job = BuiltDocument(
        session_id=session.id,
        kind=kind.code,
        stamp=stamp,
        state=DocumentJobState.QUEUED,
        total=STEPS,
        done=0,
        requested_by_id=getattr(actor, "id", None),
        requested_at=utcnow(),
    )
    db.session.add(job)
    db.session.flush()
    return job


def document_bytes(session: CouncilSession, kind: Kind) -> bytes:
    """The document as built for the session's data now: the stored build when there is one,
    else made here (for readers outside the session's unit, such as the ministry reading a 5★
    bundle, who have no job page). Refused (`ReportsError`) while the session is not closed."""
    require_closed(session)
    job = current_document(session, kind, session_stamp(session.id))
    if job is not None and job.state is DocumentJobState.DONE and job.file is not None:
        try:
            return get_storage().read(job.file.storage_key)
        except ObjectNotFound:
            forget_lost(job)
    return kind.make(session_facts(load_session(session.id), kind.with_names))


def never_queued(job: BuiltDocument) -> bool:
    return job.state is DocumentJobState.QUEUED and job.heartbeat_at is None


def queue_unavailable_reason() -> str:
    return _(
        "Hàng đợi xử lý nền đang không hoạt động nên chưa lập được tài liệu. Vui lòng thử lại "
        "sau ít phút; nếu vẫn lỗi, hãy báo quản trị viên."
    )


def submit_job(job: BuiltDocument) -> bool:
    """Put the job in the queue (its sign of life: now); FAILED with a message saying so when
    the queue is unavailable. Whether it was queued."""
    from evalapp.reports.tasks import build_session_document

    move(job, job.attempt, DocumentJobState.QUEUED, heartbeat_at=utcnow())
    try:
        submit(build_session_document, job.id, job.attempt)
    except QueueUnavailable:
        fail(job.id, job.attempt, queue_unavailable_reason())
        return False
    finally:
        db.session.refresh(job)
    return True


def run_document_job(job_id: int, attempt: int | None = None) -> None:
    """Build, store and mark the job DONE, committing its progress; on any error the job is
    FAILED with a message for its page. Runs in the job worker, or in the request for a small
    session."""
    job = db.session.get(BuiltDocument, job_id)
    if job is None or job.state is not DocumentJobState.QUEUED:
        return
    attempt = job.attempt if attempt is None else attempt
    try:
        running = dict(state=DocumentJobState.RUNNING, done=0, heartbeat_at=utcnow())
        if not move(job, attempt, DocumentJobState.QUEUED, **running):
            return
        with running_jobs.beating_for(job.id, attempt):
            stamp, data = build(job, lambda done: record_progress(job, attempt, done))
            store_result(job, attempt, stamp, data)
        db.session.commit()
    except BuildTakenBack:
        db.session.rollback()
    except Exception:
        current_app.logger.exception("session document job %s failed", job_id)
        db.session.rollback()
        fail(job_id, attempt)
    forget_older(job)


def build(job: BuiltDocument, progress: Callable[[int], None]) -> tuple[str, bytes]:
    """The session's stamp now and the document's bytes for it (a change since the request is
    in the document, which is kept under the new stamp)."""
    kind = kind_of(job)
    stamp = session_stamp(job.session_id)
    facts = session_facts(load_session(job.session_id), kind.with_names)
    progress(1)
    data = kind.make(facts)
    progress(2)
    return stamp, data


def move(job: BuiltDocument, attempt: int, from_state: DocumentJobState, /, **values) -> bool:
    """Change the job's row only if it is still in `from_state` at `attempt`, and commit (else
    roll back). Whether it was changed."""
    moved = db.session.execute(
        update(BuiltDocument)
        .where(
            BuiltDocument.id == job.id,
            BuiltDocument.state == from_state,
            BuiltDocument.attempt == attempt,
        )
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    if moved == 1:
        db.session.commit()
    else:
        db.session.rollback()
    db.session.refresh(job)
    return moved == 1


def record_progress(job: BuiltDocument, attempt: int, done: int) -> None:
    if not move(job, attempt, DocumentJobState.RUNNING, done=done, heartbeat_at=utcnow()):
        raise BuildTakenBack(job.id)


def store_result(job: BuiltDocument, attempt: int, stamp: str, data: bytes) -> None:
    kind = kind_of(job)
    stored = get_storage().save(data)
    file = StoredFile(
        storage_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
        format=kind.extension,
        mimetype=kind.mimetype,
        original_name=kind.file_name.format(id=job.session_id),
        uploaded_by_id=job.requested_by_id,
        uploaded_at=utcnow(),
    )
    db.session.add(file)
    db.session.flush()
    finished = dict(
        state=DocumentJobState.DONE,
        done=STEPS,
        finished_at=utcnow(),
        stamp=stamp,
        file_id=file.id,
    )
    if not move(job, attempt, DocumentJobState.RUNNING, **finished):
        get_storage().delete(stored.key)  # the file row was rolled back: no orphan left
        raise BuildTakenBack(job.id)


def failure_reason() -> str:
    return _("Không lập được tài liệu. Vui lòng bấm “Lập lại”; nếu vẫn lỗi, hãy báo quản trị viên.")


def fail(job_id: int, attempt: int, reason: str | None = None) -> bool:
    """Mark the job FAILED with `reason` if it is still waiting or running at `attempt`, and
    commit. Whether it was marked."""
    failed = db.session.execute(
        update(BuiltDocument)
        .where(
            BuiltDocument.id == job_id,
            BuiltDocument.state.in_(UNFINISHED),
            BuiltDocument.attempt == attempt,
        )
        .values(
            state=DocumentJobState.FAILED, finished_at=utcnow(), error=reason or failure_reason()
        )
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return failed.rowcount == 1


def forget_older(job: BuiltDocument) -> None:
    """Once `job` is done, the session's older builds of the same document go, with their
    files (never one waiting or running)."""
    if job.state is not DocumentJobState.DONE:
        return
    older = list(
        db.session.scalars(
            select(BuiltDocument).where(
                BuiltDocument.session_id == job.session_id,
                BuiltDocument.kind == job.kind,
                BuiltDocument.id < job.id,
                BuiltDocument.state.not_in(UNFINISHED),
            )
        )
    )
    files = [old.file for old in older if old.file is not None]
    for old in older:
        db.session.delete(old)
    db.session.flush()
    for file in files:
        db.session.delete(file)
    db.session.commit()
    for file in files:
        get_storage().delete(file.storage_key)


def forget_lost(job: BuiltDocument) -> None:
    """A done build whose file the storage no longer holds stops counting as the cache."""
    db.session.execute(
        update(BuiltDocument)
        .where(BuiltDocument.id == job.id)
        .values(state=DocumentJobState.FAILED, error=failure_reason())
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


# --- signs of life ------------------------------------------------------------------------------


def last_sign_of_life(job: BuiltDocument) -> datetime:
    return job.heartbeat_at or job.requested_at


def recover_stale(job: BuiltDocument, now: datetime | None = None) -> bool:
    """Fail a job waiting or running with no sign of life for the heartbeat timeout (its worker
    stopped, or none runs), saying which; whether it was failed."""
    now = now or utcnow()
    timeout = timedelta(seconds=current_app.config["JOBS_HEARTBEAT_TIMEOUT_SECONDS"])
    if job.state not in UNFINISHED or now - last_sign_of_life(job) < timeout:
        return False
    if worker_is_beating(now):
        reason = _(
            "Tiến trình xử lý nền đã dừng giữa chừng nên tài liệu chưa lập xong. Vui lòng bấm "
            "“Lập lại”; nếu vẫn lỗi, hãy báo quản trị viên."
        )
    else:
        reason = _(
            "Không có tiến trình xử lý nền nào đang chạy để lập tài liệu (lệnh “flask jobs "
            "worker”). Hãy báo quản trị viên, rồi bấm “Lập lại”."
        )
    failed = fail(job.id, job.attempt, reason)
    db.session.refresh(job)
    return failed


def waiting_too_long(job: BuiltDocument, now: datetime | None = None) -> bool:
    """No worker has picked the job up `JOBS_STALE_AFTER_SECONDS` after it was requested and
    none beats."""
    now = now or utcnow()
    delay = timedelta(seconds=current_app.config["JOBS_STALE_AFTER_SECONDS"])
    waiting = job.state is DocumentJobState.QUEUED and now - job.requested_at >= delay
    return waiting and not worker_is_beating(now)


running_jobs = RunningJobs()


@every_beat
def beat_for_running_documents(now: datetime) -> None:
    """At each beat of a worker: the document jobs it runs show a sign of life."""
    for job_id, attempt in running_jobs.here():
        db.session.execute(
            update(BuiltDocument)
            .where(
                BuiltDocument.id == job_id,
                BuiltDocument.attempt == attempt,
                BuiltDocument.state == DocumentJobState.RUNNING,
            )
            .values(heartbeat_at=now)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
