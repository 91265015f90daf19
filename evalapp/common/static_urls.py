"""Long-lived static URLs: `url_for('static', filename=…)` adds `?v=<hash of the file>`, and a
request carrying the current hash is answered `immutable` for a year. A new release changes the
hash, hence the URL, of every file that changed; the others stay cached.

The hashes are computed once per process, at start; a file edited while the server runs keeps
its old hash (and so its old URL) until a restart, which every release does anyway."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Flask, current_app, request

IMMUTABLE = "public, max-age=31536000, immutable"
HASH_LENGTH = 12


@cache
def manifest(static_folder: str) -> dict[str, str]:
    """Each file under `static_folder` (a path relative to it, with /) → its short hash."""
    root = Path(static_folder)
    return {
        path.relative_to(root).as_posix(): hashlib.blake2b(
            path.read_bytes(), digest_size=16
        ).hexdigest()[:HASH_LENGTH]
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def add_version(endpoint: str | None, values: dict) -> None:
    if endpoint == "static" and "v" not in values:
        version = manifest(current_app.static_folder).get(values.get("filename", ""))
        if version:
            values["v"] = version


def is_current_version() -> bool:
    """This static request names the file's current hash (`?v=`)."""
    filename = (request.view_args or {}).get("filename", "")
    version = manifest(current_app.static_folder).get(filename)
    return bool(version) and request.args.get("v") == version


def init_app(app: Flask) -> None:
    manifest(app.static_folder)  # at start, not on the first request
    app.url_defaults(add_version)
