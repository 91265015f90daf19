"""The job worker's beat: proof, in the database, that some worker process is alive.

Every worker process (`flask jobs worker`, and `flask serve` with its embedded worker) runs a
`WorkerBeat` thread that writes its row of `job_worker_beats` every `JOBS_WORKER_BEAT_SECONDS`
and then runs the tasks features registered with `every_beat` (the certificates feature refreshes
the heartbeat of the print jobs this process runs and takes back those a stopped worker left).
/readyz reports the age of the last beat; a job is only queued again while a worker beats.
"""

from __future__ import annotations

import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from flask import Flask, current_app
from sqlalchemy import String, delete, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from evalapp.common.time import UTCDateTime, utcnow
from evalapp.extensions import db

__all__ = [
    "JobWorkerBeat",
    "RunningJobs",
    "WorkerBeat",
    "every_beat",
    "last_beat_age",
    "worker_is_beating",
]

FORGET_AFTER = timedelta(days=1)  # rows of workers gone for this long are removed


class JobWorkerBeat(db.Model):
    """One row per worker process, its `beat_at` renewed while it runs."""

    __tablename__ = "job_worker_beats"

    worker_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    hostname: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int]
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


_beat_tasks: list[Callable[[datetime], None]] = []


def every_beat(task: Callable[[datetime], None]) -> Callable[[datetime], None]:
    """Register `task(now)` to run (in an app context, then committed) after each beat of every
    worker process."""
    _beat_tasks.append(task)
    return task


def last_beat_age(now: datetime | None = None) -> float | None:
    """Seconds since the most recent beat of any worker; None if none ever beat."""
    last = db.session.scalar(select(func.max(JobWorkerBeat.beat_at)))
    if last is None:
        return None
    return max(0.0, ((now or utcnow()) - last).total_seconds())


def worker_is_beating(now: datetime | None = None) -> bool:
    """Some worker beat within `JOBS_HEARTBEAT_TIMEOUT_SECONDS`."""
    age = last_beat_age(now)
    return age is not None and age < current_app.config["JOBS_HEARTBEAT_TIMEOUT_SECONDS"]


def record_beat(worker_id: str, started_at: datetime, now: datetime) -> None:
    renewed = db.session.execute(
        update(JobWorkerBeat).where(JobWorkerBeat.worker_id == worker_id).values(beat_at=now)
    )
    if renewed.rowcount == 0:
        db.session.add(
            JobWorkerBeat(
                worker_id=worker_id,
                hostname=socket.gethostname()[:255],
                pid=os.getpid(),
                started_at=started_at,
                beat_at=now,
            )
        )
    db.session.execute(delete(JobWorkerBeat).where(JobWorkerBeat.beat_at < now - FORGET_AFTER))
    db.session.commit()


class RunningJobs:
    """The (job id, attempt) pairs of one kind of job this process is running, so that the
    worker's beat keeps their heartbeat fresh however long one step of the job takes."""

    def __init__(self) -> None:
        self._pairs: set[tuple[int, int]] = set()
        self._lock = threading.Lock()

    @contextmanager
    def beating_for(self, job_id: int, attempt: int) -> Iterator[None]:
        with self._lock:
            self._pairs.add((job_id, attempt))
        try:
            yield
        finally:
            with self._lock:
                self._pairs.discard((job_id, attempt))

    def here(self) -> list[tuple[int, int]]:
        with self._lock:
            return sorted(self._pairs)


class WorkerBeat(threading.Thread):
    """A daemon thread beating for this process until `stop()`; a failed beat (the database
    restarting) is logged and tried again at the next one."""

    def __init__(self, app: Flask, interval: float | None = None):
        super().__init__(name="evalapp-worker-beat", daemon=True)
        self.app = app
        self.interval = interval or app.config["JOBS_WORKER_BEAT_SECONDS"]
        self.worker_id = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"[:120]
        self.started_at = utcnow()
        self.stopping = threading.Event()

    def run(self) -> None:
        while not self.stopping.is_set():
            self.beat()
            self.stopping.wait(self.interval)

    def beat(self) -> None:
        with self.app.app_context():
            try:
                record_beat(self.worker_id, self.started_at, utcnow())
                for task in _beat_tasks:
                    task(utcnow())
                    db.session.commit()
            except Exception:
                db.session.rollback()
                self.app.logger.exception("job worker beat failed; trying again")
            finally:
                db.session.remove()

    def stop(self) -> None:
        self.stopping.set()
