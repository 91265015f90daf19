"""HTTP caching of the public pages whose answer rarely changes: an `ETag` made of what the page
depends on, so a browser that already has the page gets a 304 without it being rendered.

Every page carries the visitor's CSRF token (base.html: the language switch) in the visitor's
language, so a page is the visitor's own: `private` (the browser keeps it, a shared proxy never),
`Vary: Cookie`, and the ETag covers the token, the language, the day (statuses change at
midnight) and the release (templates, code, translations). Signed-in users (their menu and
notifications) and a page with a flash message waiting are not cached: `no-store`, like every
page behind a login."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path

from flask import current_app, g, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from evalapp.common import caching, static_urls
from evalapp.common.i18n import current_language
from evalapp.common.time import local_today

PROJECT_DIR = Path(__file__).resolve().parents[2]
RELEASE_FOLDERS = ("templates", "evalapp")
# The visitor's CSRF token in a kept page (Flask-WTF keeps the request's signed token in `g`).
TOKEN_PLACEHOLDER = "\x00csrf-token\x00"
RELEASE_SUFFIXES = {".py", ".html", ".mo", ".json", ".yaml", ".toml", ".txt"}


def release() -> str:
    """A digest of what shapes a page besides the data: code, templates, translations, rules
    data and the static files' hashes (computed once per process)."""
    return _release(current_app.static_folder)


@cache
def _release(static_folder: str) -> str:
    files = sorted(
        path
        for folder in RELEASE_FOLDERS
        for path in (PROJECT_DIR / folder).rglob("*")
        if path.suffix in RELEASE_SUFFIXES and "__pycache__" not in path.parts
    )
    digest = hashlib.blake2b(repr(static_urls.manifest(static_folder)).encode(), digest_size=16)
    for path in files:
        digest.update(path.relative_to(PROJECT_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def serve(fingerprint, render: Callable, revalidate: bool = False):
    """The page `render()` makes, as a 304 when the browser has it, else from the server-side
    cache when another visitor asked for it in the same language since the last change (the
    visitor's own CSRF token put in), else rendered, kept and sent with its ETag. Only pages
    without a query string are kept (a bounded set: one per certificate, rulebook and sheet)."""
    if fingerprint is None or not cacheable():
        return current_app.make_response(render())
    if (unchanged := not_modified(fingerprint, revalidate)) is not None:
        return unchanged
    if request.query_string or revalidate:
        # A search or a filled sheet (endless URLs), or a page per certificate (/verify/<id>):
        # not kept, so what the server keeps stays a handful of pages (a file cache prunes by
        # reading every entry once it holds more than its threshold, on every write).
        return cached(current_app.make_response(render()), fingerprint, revalidate)
    key = "page:" + caching.digest(page_of(fingerprint))
    if (kept := caching.fetched(key)) is not None:
        body = zlib.decompress(kept).decode().replace(TOKEN_PLACEHOLDER, generate_csrf())
        response = current_app.make_response(body)
    else:
        response = current_app.make_response(render())
        if response.status_code == 200 and cacheable() and (token := g.get(csrf_field())):
            body = response.get_data(as_text=True).replace(token, TOKEN_PLACEHOLDER)
            seconds = current_app.config["CACHE_PAGE_SECONDS"]
            caching.keep(key, zlib.compress(body.encode(), 1), seconds)
    return cached(response, fingerprint, revalidate)


def cacheable() -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not current_user.is_authenticated
        and not session.get("_flashes")
    )


def page_of(fingerprint) -> tuple:
    """What a page's content depends on, the visitor's CSRF token aside."""
    return release(), request.full_path, current_language(), local_today().isoformat(), fingerprint


def csrf_field() -> str:
    return current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")


def etag_of(fingerprint) -> str:
    token = session.get(csrf_field(), "")
    return caching.digest((page_of(fingerprint), hashlib.sha256(token.encode()).hexdigest()))


def cache_control(revalidate: bool) -> str:
    """`no-cache` (ask every time, a 304 when unchanged) where a stale answer would mislead — the
    verification page — and wherever `CACHE_PAGE_MAX_AGE` is 0, the default: a browser that kept
    a page for a minute would show a register or a rulebook without what was just issued,
    revoked or published (the 304 costs the fingerprint, not the rendering)."""
    max_age = current_app.config["CACHE_PAGE_MAX_AGE"]
    if revalidate or max_age <= 0:
        return "private, no-cache"
    return f"private, max-age={max_age}"


def not_modified(fingerprint, revalidate: bool = False):
    """A 304 when the browser's copy (`If-None-Match`) is still the page; else None.
    A None fingerprint (the cache is down, the page is not cacheable) never matches."""
    if fingerprint is None or not cacheable() or not request.if_none_match:
        return None
    etag = etag_of(fingerprint)
    if not request.if_none_match.contains_weak(etag):
        return None
    return mark(current_app.response_class(status=304), etag, revalidate)


def cached(response, fingerprint, revalidate: bool = False):
    """`response` with its ETag and Cache-Control, when it may be kept."""
    if fingerprint is not None and response.status_code == 200 and cacheable():
        mark(response, etag_of(fingerprint), revalidate)
    return response


def mark(response, etag: str, revalidate: bool):
    response.set_etag(etag)
    response.headers["Cache-Control"] = cache_control(revalidate)
    response.vary.add("Cookie")
    return response


def cached_page(fingerprint: Callable[..., object], revalidate: bool = False):
    """A view whose page depends only on the request, the release and `fingerprint(**kwargs)`."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not cacheable():
                return view(*args, **kwargs)
            return serve(fingerprint(*args, **kwargs), lambda: view(*args, **kwargs), revalidate)

        return wrapper

    return decorate
