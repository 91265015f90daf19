"""Background jobs with huey: batch printing, reminders, expiry.

The queue is chosen by `JOBS_URL` in the environment (read at import, because tasks are declared
at import): a `redis://` URL gives RedisHuey, anything else huey's SQLite store (a file in
instance/ by default). `JOBS_IMMEDIATE` (on in tests) runs every job inline, where it is enqueued.
`flask jobs worker` runs the consumer inside the application, so tasks have its database and
configuration; tasks declared with `app_task` run in an app context either way (the application
`init_app` was last called with). The task list (`evalapp.tasks`) is imported by `create_app`:
this shared layer knows no feature.
"""

from __future__ import annotations

import functools
import os

import click
from flask import Flask, has_app_context
from flask.cli import AppGroup
from huey import RedisHuey, SqliteHuey, crontab

from config import Config

__all__ = ["app_task", "crontab", "huey", "init_app", "jobs_cli", "periodic_app_task"]


def make_huey(url: str):
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("evalapp", url=url)
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


jobs_cli = AppGroup("jobs", help="Background jobs (huey).")


@jobs_cli.command("worker")
@click.option("--workers", default=2, show_default=True, help="Worker threads.")
def worker(workers: int) -> None:
    """Run the job consumer (batch printing, reminders, expiry) until interrupted."""
    from huey.consumer import Consumer

    click.echo(f"evalapp jobs: {type(huey.storage).__name__}, {workers} workers")
    Consumer(huey, workers=workers, worker_type="thread").run()
