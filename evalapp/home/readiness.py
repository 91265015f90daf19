"""Readiness (/readyz): each dependency checked with a short timeout, one status per part.

The body is `{"status": …, "checks": {"database": …, "redis": …, "storage": …, "jobs": …}}`:
"ok" when every part is; "unavailable" (HTTP 503) only when the database does not answer, since
nothing works without it; "degraded" (HTTP 200) when Redis, the storage or the job worker is not
well: sign-in and saving still work, rate limits fall back to memory, printing waits or fails
with a message. Redis is checked only when rate limits or jobs use it. Failures are logged with
their cause; the public body names no host and no error.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as CheckTimeout
from pathlib import Path

from flask import current_app
from sqlalchemy import text

from evalapp.common.job_workers import last_beat_age
from evalapp.common.jobs import is_redis_url
from evalapp.common.storage import LocalStorage, S3Storage, get_storage
from evalapp.extensions import db

OK, DEGRADED, UNAVAILABLE = "ok", "degraded", "unavailable"

_checks_pool = ThreadPoolExecutor(max_workers=4, thread_name_prefix="evalapp-readyz")


def readiness() -> tuple[dict, int]:
    """The /readyz body and its HTTP status."""
    checks = {"database": database_check()}
    if redis := redis_check():
        checks["redis"] = redis
    checks["storage"] = storage_check()
    checks["jobs"] = jobs_check(database_up=checks["database"]["status"] == OK)
    if checks["database"]["status"] != OK:
        return {"status": UNAVAILABLE, "checks": checks, "database": "unreachable"}, 503
    degraded = any(check["status"] != OK for check in checks.values())
    return {"status": DEGRADED if degraded else OK, "checks": checks, "database": "ok"}, 200


def failed(part: str, error: BaseException) -> dict:
    current_app.logger.warning("readiness: %s unavailable: %r", part, error)
    return {"status": UNAVAILABLE}


def database_check() -> dict:
    try:
        if db.session.get_bind().dialect.name == "postgresql":  # a hung server counts as down
            milliseconds = int(current_app.config["READINESS_TIMEOUT_SECONDS"] * 1000)
            db.session.execute(text(f"SET LOCAL statement_timeout = {milliseconds}"))
        db.session.execute(text("SELECT 1"))
    except Exception as error:  # any failure means "not ready", never a 500
        db.session.rollback()
        return failed("database", error)
    return {"status": OK}


def redis_urls() -> dict[str, list[str]]:
    """The Redis URLs in use, with what each is used for."""
    config = current_app.config
    uses = {"rate_limits": config.get("RATELIMIT_STORAGE_URI")}
    if not config.get("JOBS_IMMEDIATE"):
        uses["jobs"] = config.get("JOBS_URL")
    by_url: dict[str, list[str]] = {}
    for use, url in uses.items():
        if is_redis_url(url):
            by_url.setdefault(url, []).append(use)
    return by_url


def redis_check() -> dict | None:
    """Each Redis in use answers PING; None when none is used."""
    import redis

    by_url = redis_urls()
    if not by_url:
        return None
    seconds = current_app.config["READINESS_TIMEOUT_SECONDS"]
    used_for = sorted(use for uses in by_url.values() for use in uses)
    for url in by_url:
        client = redis.Redis.from_url(url, socket_connect_timeout=seconds, socket_timeout=seconds)
        try:
            client.ping()
        except Exception as error:
            return failed("redis", error) | {"used_for": used_for}
        finally:
            client.close()
    return {"status": OK, "used_for": used_for}


def storage_check() -> dict:
    """The stored files can be written (a local folder) or the bucket answers (S3)."""
    storage = get_storage()
    try:
        if isinstance(storage, LocalStorage):
            writable = local_folder_writable(storage.root)
        elif isinstance(storage, S3Storage):
            writable = within(lambda: storage.client.head_bucket(Bucket=storage.bucket))
        else:
            writable = True
    except Exception as error:
        return failed("storage", error)
    return {"status": OK} if writable else {"status": UNAVAILABLE}


def local_folder_writable(root: Path) -> bool:
    root.mkdir(parents=True, exist_ok=True)
    return os.access(root, os.W_OK | os.X_OK)


def within(check) -> bool:
    """Run `check()` for at most READINESS_TIMEOUT_SECONDS (a slow service counts as down)."""
    future = _checks_pool.submit(check)
    try:
        future.result(timeout=current_app.config["READINESS_TIMEOUT_SECONDS"])
    except CheckTimeout as error:
        raise TimeoutError("no answer in time") from error
    return True


def jobs_check(database_up: bool) -> dict:
    """How long ago a job worker last beat; degraded when none did within the heartbeat timeout
    (jobs then wait, and print jobs fail with a message). Inline jobs need no worker."""
    if current_app.config.get("JOBS_IMMEDIATE"):
        return {"status": OK, "inline": True, "last_worker_beat_seconds": None}
    if not database_up:
        return {"status": UNAVAILABLE, "last_worker_beat_seconds": None}
    try:
        age = last_beat_age()
    except Exception as error:
        db.session.rollback()
        return failed("jobs", error) | {"last_worker_beat_seconds": None}
    timeout = current_app.config["JOBS_HEARTBEAT_TIMEOUT_SECONDS"]
    beating = age is not None and age < timeout
    seconds = None if age is None else round(age, 1)
    return {"status": OK if beating else DEGRADED, "last_worker_beat_seconds": seconds}
