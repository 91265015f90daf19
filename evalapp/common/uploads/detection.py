"""The type told from the content, never from the name or the browser's type; DOCX and XLSX are
ZIP packages, looked into (and refused when they hide a bomb, a macro or an archive) before
their parts tell them apart."""

from __future__ import annotations

import io
import re
import stat
import zipfile

import filetype
from flask_babel import gettext as _

from evalapp.common.uploads.formats import (
    FORMATS,
    MB,
    FileFormat,
    UploadRejected,
    corrupt,
    not_allowed,
)

MAX_ZIP_ENTRIES = 1000
MAX_UNPACKED_SIZE = 100 * MB
MAX_COMPRESSION_RATIO = 100
RATIO_FLOOR = 1 * MB
ARCHIVE_SUFFIXES = (
    *(".zip", ".7z", ".rar", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".cab", ".jar"),
    *(".docx", ".docm", ".xlsx", ".xlsm", ".pptx", ".pptm", ".odt", ".ods", ".odp"),
)
ARCHIVE_MAGIC = (b"PK\x03\x04", b"7z\xbc\xaf\x27\x1c", b"Rar!", b"\x1f\x8b", b"MSCF")
EMBEDDED_PACKAGE = re.compile(r"(word|xl)/embeddings/[^/]+\.(docx|xlsx|pptx)", re.IGNORECASE)
MAX_EMBEDDED_SIZE = 10 * MB


def detect_format(data: bytes, name: str, allowed: frozenset[str]) -> FileFormat:
    if data.startswith(b"PK\x03\x04"):
        return FORMATS[office_format(data, name, allowed)]
    kind = filetype.guess(data)
    extension = {"apng": "png"}.get(kind.extension, kind.extension) if kind else None
    if extension in {"pdf", "jpg", "png"}:
        return FORMATS[extension]
    raise not_allowed(name, allowed)


def office_format(data: bytes, name: str, allowed: frozenset[str]) -> str:
    """`docx` or `xlsx`, told apart by the package parts, after the archive has been checked."""
    archive = opened_zip(data, name)
    with archive:
        check_archive(archive, name)
        names = archive.namelist()
    if "[Content_Types].xml" in names:
        has_word = any(n.startswith("word/") for n in names)
        has_excel = any(n.startswith("xl/") for n in names)
        if has_word != has_excel:
            return "docx" if has_word else "xlsx"
    raise not_allowed(name, allowed)


def opened_zip(data: bytes, name: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, EOFError, OSError):
        raise corrupt(name) from None


def unsafe_archive(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Tệp “%(name)s” có cấu trúc bất thường (quá nhiều thành phần, dung lượng giải nén "
            "quá lớn hoặc chứa tệp nén bên trong) nên không được nhận.",
            name=name,
        ),
        "archive",
    )


def check_archive(archive: zipfile.ZipFile, name: str, *, outermost: bool = True) -> None:
    """Refuse zip bombs and odd archives from the central directory, before any part is read:
    too many entries, too much declared unpacked data, an entry compressed more than
    `MAX_COMPRESSION_RATIO`:1 (above `RATIO_FLOOR`), absolute or `..` names, symbolic links,
    macros, and nested archives other than an outermost package's embedded Office files."""
    entries = archive.infolist()
    if len(entries) > MAX_ZIP_ENTRIES:
        raise unsafe_archive(name)
    if sum(entry.file_size for entry in entries) > MAX_UNPACKED_SIZE:
        raise unsafe_archive(name)
    for entry in entries:
        if suspicious_entry(entry):
            raise unsafe_archive(name)
        if entry.filename.lower().endswith("vbaproject.bin"):
            raise UploadRejected(
                _(
                    "Tệp “%(name)s” chứa macro; chỉ nhận tệp Word, Excel không có macro.",
                    name=name,
                ),
                "macro",
            )
    for entry in entries:
        if outermost and EMBEDDED_PACKAGE.fullmatch(entry.filename):
            check_embedded(archive, entry, name)
        elif is_nested_archive(archive, entry):
            raise unsafe_archive(name)


def check_embedded(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> None:
    if entry.file_size > MAX_EMBEDDED_SIZE:
        raise unsafe_archive(name)
    try:
        data = archive.read(entry)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
        raise corrupt(name) from None
    with opened_zip(data, name) as inner:
        check_archive(inner, name, outermost=False)


def suspicious_entry(entry: zipfile.ZipInfo) -> bool:
    filename = entry.filename.replace("\\", "/")
    ratio = entry.file_size / max(entry.compress_size, 1)
    return (
        (entry.file_size > RATIO_FLOOR and ratio > MAX_COMPRESSION_RATIO)
        or filename.startswith("/")
        or re.match(r"[A-Za-z]:", filename) is not None
        or ".." in filename.split("/")
        or stat.S_ISLNK(entry.external_attr >> 16)
    )


def is_nested_archive(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bool:
    if entry.is_dir():
        return False
    if entry.filename.lower().endswith(ARCHIVE_SUFFIXES):
        return True
    try:
        with archive.open(entry) as part:
            head = part.read(8)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError):
        return True
    return head.startswith(ARCHIVE_MAGIC)
