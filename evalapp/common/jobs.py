"""Background jobs with huey: batch printing, reminders, expiry.

The queue is chosen by `JOBS_URL` in the environment (read at import, because tasks are declared
at import): a `redis://` URL gives RedisHuey, anything else huey's SQLite store (a file in
instance/ by default). `JOBS_IMMEDIATE` (on in tests) runs every job inline, where it is enqueued.
`flask jobs worker` runs the consumer inside the application, so tasks have its database and
configuration; `flask serve` (what `make run` runs) serves the application with the development
server and runs the consumer as threads of the same process, started and stopped with it; tasks declared with `app_task` run in an app context either way (the application
`init_app` was last called with). The task list (`evalapp.tasks`) is imported by `create_app`:
this shared layer knows no feature. Every worker process beats (`job_workers`), and `submit`
turns an unreachable queue (Redis down, the SQLite file unwritable) into `QueueUnavailable`.
"""

from __future__ import annotations

import functools
import os
import signal
import sqlite3
import sys

import click
from flask import Flask, current_app, has_app_context
from flask.cli import AppGroup, with_appcontext
from huey import RedisHuey, SqliteHuey, crontab
from huey.consumer import Consumer
from redis import ConnectionPool
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from config import Config
from evalapp.common.job_workers import WorkerBeat

__all__ = [
    "QueueUnavailable",
    "app_task",
    "crontab",
    "huey",
    "init_app",
    "jobs_cli",
    "periodic_app_task",
    "serve_command",
    "start_worker_threads",
    "submit",
]

# What an unreachable queue raises while a job is put in it.
QUEUE_ERRORS = (RedisConnectionError, RedisTimeoutError, sqlite3.OperationalError, OSError)


def is_redis_url(url: str | None) -> bool:
    return bool(url) and url.startswith(("redis://", "rediss://", "unix://"))


def make_huey(url: str):
    if is_redis_url(url):
        # Short timeouts: a request putting a job in an unreachable queue is told so in seconds
        # (the consumer's blocking read waits 1 s, well within the read timeout).
        pool = ConnectionPool.from_url(url, socket_connect_timeout=2, socket_timeout=5)
        return RedisHuey("evalapp", connection_pool=pool)
    path = url.removeprefix("sqlite:///")
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    return SqliteHuey("evalapp", filename=path)


huey = make_huey(Config.JOBS_URL)
_app: Flask | None = None


def init_app(app: Flask) -> None:
    global _app
    _app = app
    huey.immediate = bool(app.config.get("JOBS_IMMEDIATE"))


def _in_app_context(function):
    @functools.wraps(function)
    def run(*args, **kwargs):
        if has_app_context():
            return function(*args, **kwargs)
        if _app is None:
            raise RuntimeError("jobs.init_app(app) must run before a task does")
        with _app.app_context():
            return function(*args, **kwargs)

    return run


def app_task(**options):
    """`huey.task` for a function that uses the database (runs in an app context)."""
    return lambda function: huey.task(**options)(_in_app_context(function))


def periodic_app_task(schedule, **options):
    """`huey.periodic_task` for a function that uses the database."""
    return lambda function: huey.periodic_task(schedule, **options)(_in_app_context(function))


class QueueUnavailable(Exception):
    """The job could not be put in the queue; nothing was queued."""


def submit(task, *args, **kwargs):
    """Put `task(*args, **kwargs)` in the queue, or raise `QueueUnavailable` (logged)."""
    try:
        return task(*args, **kwargs)
    except QUEUE_ERRORS as error:
        current_app.logger.error("job queue unavailable, %s not queued: %s", task.name, error)
        raise QueueUnavailable(str(error)) from error


jobs_cli = AppGroup("jobs", help="Background jobs (huey): the worker, and print jobs.")


@jobs_cli.command("worker")
@click.option("--workers", default=2, show_default=True, help="Worker threads.")
def worker(workers: int) -> None:
    """Run the job consumer (batch printing, reminders, expiry) until interrupted."""
    click.echo(f"evalapp jobs: {type(huey.storage).__name__}, {workers} workers")
    beat = WorkerBeat(current_app._get_current_object())
    beat.start()
    try:
        # A queue in a file or database is polled: at most a second between polls (huey's
        # default backs off to 10 s), so a job starts well within its heartbeat timeout.
        Consumer(huey, workers=workers, worker_type="thread", max_delay=1.0).run()
    finally:
        beat.stop()


class ThreadConsumer(Consumer):
    """The consumer as threads of another program (the development server): it leaves the
    signals to that program, which stops it with `stop()`."""

    def _set_signal_handlers(self) -> None:
        pass

    def start(self) -> None:
        super().start()
        self.beat = WorkerBeat(_app or current_app._get_current_object())
        self.beat.start()

    def stop(self, graceful: bool = False) -> None:
        self.beat.stop()
        super().stop(graceful)


def start_worker_threads(workers: int = 1) -> ThreadConsumer:
    """Start a consumer in this process (daemon threads that poll the queue at least every
    second, and the worker's beat) and return it; `stop()` it when done."""
    consumer = ThreadConsumer(huey, workers=workers, worker_type="thread", max_delay=1.0)
    consumer.start()
    return consumer


def _exit_on_sigterm(signum, frame):
    sys.exit(0)  # through the `finally` below: the worker threads stop with the server


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, envvar="PORT", type=int)
@click.option("--workers", default=1, show_default=True, help="Job worker threads.")
@with_appcontext
def serve_command(host: str, port: int, workers: int) -> None:
    """Serve the application (development server) and run the job worker in the same process."""
    from werkzeug.serving import run_simple

    app = current_app._get_current_object()
    consumer = None if huey.immediate else start_worker_threads(workers)
    click.echo(
        f"evalapp jobs: {workers} worker thread(s) in this process"
        if consumer
        else "evalapp jobs: JOBS_IMMEDIATE, jobs run inside the request"
    )
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    try:
        run_simple(host, port, app, threaded=True, use_reloader=False)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if consumer is not None:
            consumer.stop()
