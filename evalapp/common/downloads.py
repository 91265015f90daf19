"""Serving a stored file to someone the calling view has already allowed to have it."""

from __future__ import annotations

import os
from io import BytesIO

from flask import Response, send_file

from evalapp.common.storage import ObjectNotFound, Storage, get_storage
from evalapp.common.text import ascii_name
from evalapp.common.uploads import FALLBACK_STEM, display_name

INLINE_MIMETYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})
SANDBOXED = "default-src 'none'; sandbox"
# Chrome and Safari refuse to run their PDF viewer in a sandboxed document ("This page has been
# blocked by Chrome", chromium issue 413851), so an inline PDF gets the same policy without
# `sandbox`; the viewer runs in its own process, away from our origin.
INLINE_PDF = "default-src 'none'"


def send_stored(
    storage: Storage, key: str, *, original_name: str, mimetype: str, inline: bool = False
) -> Response:
    """The object under `key` as a download named `original_name` (RFC 5987 for non-ASCII
    names). Shown in the browser only when `inline` is asked for and the type is PDF, JPEG or
    PNG. The response is never cached and can never run as a page of our site."""
    shown_inline = inline and mimetype in INLINE_MIMETYPES
    stream = storage.open(key)
    name = display_name(original_name) or FALLBACK_STEM
    response = send_file(
        stream,
        mimetype=mimetype,
        as_attachment=not shown_inline,
        download_name=name,
        etag=False,
        max_age=0,
    )
    size = size_of(stream)
    if size is not None:
        response.content_length = size
    return with_download_headers(response, name, shown_inline and mimetype == "application/pdf")


def send_stored_file(stored, *, inline: bool = False) -> Response:
    """A stored file record (`common.files.StoredFile`) served as `send_stored` serves it. An
    object missing from the storage — a database restored without its files — raises
    `StoredFileMissing`, answered by `common.errors` with a 404 page naming the file."""
    try:
        return send_stored(
            get_storage(),
            stored.storage_key,
            original_name=stored.original_name,
            mimetype=stored.mimetype,
            inline=inline,
        )
    except ObjectNotFound as error:
        raise StoredFileMissing(stored) from error


class StoredFileMissing(ObjectNotFound):
    """The storage no longer holds the object of a stored file record; `name` is the name the
    user knows the file by."""

    def __init__(self, stored) -> None:
        super().__init__(f"stored file {stored.id} (key {stored.storage_key})")
        self.name = display_name(stored.original_name) or FALLBACK_STEM


def send_generated(
    data: bytes, name: str, *, mimetype: str = "application/pdf", inline: bool = False
) -> Response:
    """A document made for this request (a PDF, a workbook) as a download named `name` — or
    shown in the browser when `inline` (PDF only) — never cached, never run as a page."""
    shown_inline = inline and mimetype == "application/pdf"
    response = send_file(
        BytesIO(data),
        mimetype=mimetype,
        as_attachment=not shown_inline,
        download_name=name,
        etag=False,
        max_age=0,
    )
    return with_download_headers(response, name, shown_inline)


def with_download_headers(response: Response, name: str, inline_pdf: bool) -> Response:
    headers = response.headers
    disposition = headers.get("Content-Disposition", "")
    if "filename*=" in disposition:
        # Werkzeug's ASCII fallback name drops "đ"; clients that read filename* are unchanged.
        kind, encoded = disposition.split(";")[0], disposition.split("filename*=", 1)[1]
        headers.set("Content-Disposition", kind, filename=ascii_name(name))
        headers["Content-Disposition"] += f"; filename*={encoded}"
    headers["Content-Security-Policy"] = INLINE_PDF if inline_pdf else SANDBOXED
    headers["X-Content-Type-Options"] = "nosniff"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    headers["Cache-Control"] = "private, no-store"
    headers.pop("Expires", None)
    return response


def size_of(stream) -> int | None:
    try:
        return os.fstat(stream.fileno()).st_size
    except (AttributeError, OSError, ValueError):
        return None
