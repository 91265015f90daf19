"""Checking an uploaded file before anything keeps it.

`check_upload` reads at most the size limit, tells the type from the content (never from the
name or the browser's type), checks that the name's extension agrees, and looks inside: ZIP
structure, macros, embedded objects, external relationships and XML declarations for DOCX/XLSX
(`packages`), the pixel count from the header before a full decode for images (`content`),
the parsed structure, encryption, scripts, launch actions and attachments for PDF (`pdfs`).
Images are re-encoded, which drops EXIF/GPS metadata and anything appended. `chosen_files`
counts the files of a request before any is read.

Decisions:
- Encrypted PDFs are refused: staff must be able to open, print and archive every document
  without a password, and an encrypted file cannot be looked into (see `pdfs`).
- A request carries at most `UPLOAD_MAX_FILES_PER_REQUEST` files (config, 10 by default): more
  and none is read, so one request cannot make the server decode a hundred images.
- DOCX/XLSX with macros (`vbaProject.bin`) or with archives inside them are refused, except the
  Office packages Word and Excel embed for charts (`word/embeddings/*.xlsx`, …): those are
  checked with the same limits, one level deep, and may hold no archive themselves.
- The pixel limit (25 MP, justified in `content`) is checked here rather than by lowering
  Pillow's global `MAX_IMAGE_PIXELS`, which would also change WeasyPrint's behaviour; Pillow's
  own bomb errors are caught too.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from flask import current_app
from flask_babel import gettext as _

from evalapp.common.uploads.content import CONTENT_CHECKS
from evalapp.common.uploads.detection import detect_format
from evalapp.common.uploads.formats import FORMATS, MB, CheckedUpload, FileFormat, UploadRejected
from evalapp.common.uploads.names import (
    FALLBACK_STEM,
    check_allowed,
    check_extension,
    display_name,
)

__all__ = [
    "FALLBACK_STEM",
    "FORMATS",
    "CheckedUpload",
    "FileFormat",
    "UploadRejected",
    "check_upload",
    "chosen_files",
    "display_name",
]

READ_CHUNK = 64 * 1024


def check_upload(file, allowed_formats: Iterable[str], max_size_mb: int) -> CheckedUpload:
    """Check a werkzeug `FileStorage` and return what may be stored, or raise `UploadRejected`.

    `allowed_formats` are names from `FORMATS`. The returned data is the re-encoded image for
    JPEG/PNG and the uploaded bytes otherwise."""
    allowed = allowed_set(allowed_formats)
    name = display_name(file.filename)
    shown = name or FALLBACK_STEM
    data = read_limited(file.stream, max_size_mb * MB)
    if len(data) > max_size_mb * MB:
        raise UploadRejected(
            _("Tệp “%(name)s” vượt quá dung lượng tối đa %(mb)d MB.", name=shown, mb=max_size_mb),
            "too_large",
        )
    if not data:
        raise UploadRejected(_("Tệp “%(name)s” không có nội dung.", name=shown), "empty")
    detected = detect_format(data, shown, allowed)
    name = name or f"{FALLBACK_STEM}.{detected.extensions[0]}"
    check_extension(name, detected)
    check_allowed(name, detected, allowed)
    data = CONTENT_CHECKS[detected.name](data, name)
    return CheckedUpload(
        data=data,
        format=detected.name,
        mimetype=detected.mimetype,
        size=len(data),
        original_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def chosen_files(files, limit: int | None = None) -> list:
    """The files a person chose (empty file inputs dropped), or `UploadRejected` (reason
    "count") when there are more than `limit` (default: the `UPLOAD_MAX_FILES_PER_REQUEST`
    setting); counted before any file is read, so a refused request costs nothing."""
    chosen = [file for file in files or [] if file and file.filename]
    limit = current_app.config["UPLOAD_MAX_FILES_PER_REQUEST"] if limit is None else limit
    if len(chosen) > limit:
        raise UploadRejected(
            _(
                "Mỗi lần chỉ được tải lên tối đa %(max)d tệp; bạn đã chọn %(count)d tệp. Chưa "
                "tệp nào được lưu: hãy chia thành nhiều lần tải lên.",
                max=limit,
                count=len(chosen),
            ),
            "count",
        )
    return chosen


def allowed_set(allowed_formats: Iterable[str]) -> frozenset[str]:
    allowed = frozenset(allowed_formats)
    unknown = allowed - FORMATS.keys()
    if unknown or not allowed:
        raise ValueError(f"allowed_formats must be among {sorted(FORMATS)}, not {sorted(allowed)}")
    return allowed


def read_limited(stream, limit: int) -> bytes:
    """At most `limit` + 1 bytes: enough to tell that a file is too big without reading it all."""
    buffer = bytearray()
    while len(buffer) <= limit:
        chunk = stream.read(min(READ_CHUNK, limit + 1 - len(buffer)))
        if not chunk:
            break
        buffer += chunk
    return bytes(buffer)
