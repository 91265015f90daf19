"""The server-side cache (Flask-Caching) and the generations that invalidate it.

Reads that rarely change are kept under a *generation*: a random token per topic, stored in the
cache and replaced after every commit that changed one of the topic's tables (`WATCHED`), from
any request, job or command. A reader that meets a new token misses and reads the database
again, so nothing has to find and delete old entries. The token is replaced only after the
commit: a reader that read the new token also sees the committed rows.

The cache is Redis when `CACHE_URL` (or else the rate limiter's or the job queue's URL) is a
redis:// address, so every instance sees the same generation; otherwise files in instance/cache,
shared by the workers of this machine. A cache that fails is logged and bypassed: pages are then
read from the database, never from an old entry."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from itertools import chain
from pathlib import Path

from flask import Flask, current_app, g, has_app_context
from flask_caching import Cache
from sqlalchemy import event
from sqlalchemy.orm import Session

from config import redis_timeouts
from evalapp.common.jobs import is_redis_url

logger = logging.getLogger(__name__)

cache = Cache()
KEY_PREFIX = "evalapp:cache:"
NEVER = 0  # Flask-Caching: no expiry
READ_SECONDS = 24 * 3600  # an entry nobody invalidated still goes after a day

CERTIFICATES = "certificates"


WATCHED: dict[type, str] = {}  # model → the topic a committed change of it renews


def watch(topic: str, *models: type) -> None:
    """Declare that a committed change of `models` renews `topic`'s generation (each feature
    declares its own models: common never imports a feature)."""
    WATCHED.update(dict.fromkeys(models, topic))


def cache_settings(config) -> dict:
    """Flask-Caching's settings from `CACHE_URL`, or the first redis:// URL the app already uses."""
    url = config.get("CACHE_URL") or next(
        (
            candidate
            for candidate in (config.get("RATELIMIT_STORAGE_URI"), config.get("JOBS_URL"))
            if is_redis_url(candidate)
        ),
        "",
    )
    settings = {"CACHE_KEY_PREFIX": KEY_PREFIX, "CACHE_DEFAULT_TIMEOUT": READ_SECONDS}
    if url == "simple://":
        return settings | {"CACHE_TYPE": "SimpleCache"}
    if url == "null://":  # caching off: every page read and rendered, nothing kept
        return settings | {"CACHE_TYPE": "NullCache"}
    if is_redis_url(url):
        return settings | {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": url,
            "CACHE_OPTIONS": redis_timeouts(url),
        }
    folder = config.get("CACHE_DIR") or str(Path(config["INSTANCE_DIR"]) / "cache")
    return settings | {
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": folder,
        "CACHE_THRESHOLD": 5000,
    }


def init_app(app: Flask) -> None:
    app.config.setdefault("INSTANCE_DIR", app.instance_path)
    cache.init_app(app, config=cache_settings(app.config))


def generation(topic: str) -> str | None:
    """The topic's current token (read once per request), or None when the cache fails."""
    tokens = g.setdefault("cache_generations", {})
    if topic not in tokens:
        tokens[topic] = _read_generation(topic)
    return tokens[topic]


def _read_generation(topic: str) -> str | None:
    key = f"generation:{topic}"
    try:
        token = cache.get(key)
        if token is None:  # first use, or dropped by the cache: a new one misses everything
            cache.add(key, secrets.token_hex(8), timeout=NEVER)
            token = cache.get(key)
        return token
    except Exception:
        logger.exception("cache unavailable: reading %s from the database", topic)
        return None


def renew(topic: str) -> None:
    try:
        cache.set(f"generation:{topic}", secrets.token_hex(8), timeout=NEVER)
    except Exception:
        logger.exception("cache unavailable: could not renew the %s generation", topic)
    if has_app_context():
        g.pop("cache_generations", None)


def remembered(topic: str, name: str, read: Callable, *args):
    """`read(*args)`, kept until the topic's next change."""
    token = generation(topic)
    if token is None:
        return read(*args)
    return kept(f"{topic}:{token}:{name}:" + digest(args), lambda: read(*args))


def fetched(key: str):
    """The value kept under `key`, or None (also when the cache fails)."""
    try:
        return cache.get(key)
    except Exception:
        logger.exception("cache unavailable: %s not read", key)
        return None


def keep(key: str, value, seconds: int | None = None) -> None:
    try:
        cache.set(key, value, timeout=seconds)
    except Exception:
        logger.exception("cache unavailable: %s not kept", key)


def kept(key: str, compute: Callable):
    """The value kept under `key`, or `compute()` (then kept); `compute()` when the cache fails."""
    try:
        value = cache.get(key)
    except Exception:
        logger.exception("cache unavailable: %s computed", key)
        return compute()
    if value is None:
        value = compute()
        try:
            cache.set(key, value)
        except Exception:
            logger.exception("cache unavailable: %s not kept", key)
    return value


def digest(parts) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


# Invalidation: every flush notes the topics it touched, every commit renews them.


@event.listens_for(Session, "after_flush")
def _note_flushed(session, flush_context) -> None:
    topics = WATCHED
    for instance in chain(session.new, session.dirty, session.deleted):
        if (topic := topics.get(type(instance))) is not None:
            session.info.setdefault("stale_topics", set()).add(topic)


@event.listens_for(Session, "do_orm_execute")
def _note_bulk(state) -> None:
    """`update(Certificate)…` and the like change rows without a flush."""
    if state.is_update or state.is_delete or state.is_insert:
        mapper = state.bind_mapper
        if mapper is not None and (topic := WATCHED.get(mapper.class_)) is not None:
            state.session.info.setdefault("stale_topics", set()).add(topic)


@event.listens_for(Session, "after_commit")
def _renew_committed(session) -> None:
    topics = session.info.pop("stale_topics", None)
    if topics and has_app_context() and "cache" in current_app.extensions:
        for topic in topics:
            renew(topic)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session) -> None:
    session.info.pop("stale_topics", None)
