"""Checking an uploaded file before anything keeps it.

`check_upload` reads at most the size limit, tells the type from the content (never from the
name or the browser's type), checks that the name's extension agrees, and looks inside: ZIP
structure for DOCX/XLSX, pixel count and a full decode for images, header, end marker and
encryption for PDF. Images are re-encoded, which drops EXIF/GPS metadata and anything appended.

Decisions:
- Encrypted PDFs are refused: staff must be able to open, print and archive every document
  without a password, and an encrypted file cannot be looked into.
- DOCX/XLSX with macros (`vbaProject.bin`) or with archives inside them are refused, except the
  Office packages Word and Excel embed for charts (`word/embeddings/*.xlsx`, …): those are
  checked with the same limits, one level deep, and may hold no archive themselves.
- The pixel limit is checked here rather than by lowering Pillow's global `MAX_IMAGE_PIXELS`,
  which would also change WeasyPrint's behaviour; Pillow's own bomb errors are caught too.
"""

from __future__ import annotations

import hashlib
import io
import re
import stat
import struct
import unicodedata
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

import filetype
from flask_babel import gettext as _
from PIL import Image, ImageOps

from evalapp.common.refusals import Refusal

MB = 1024 * 1024
READ_CHUNK = 64 * 1024
MAX_NAME_LENGTH = 200
FALLBACK_STEM = "tệp"
NAME_DROPPED_CHARACTERS = set("\"'`“”‘’")

MAX_IMAGE_PIXELS = 40_000_000
JPEG_QUALITY = 90

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
PDF_TAIL = 2048
# What Pillow raises on damaged or hostile input (UnidentifiedImageError is an OSError).
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error)


@dataclass(frozen=True)
class FileFormat:
    name: str
    mimetype: str
    extensions: tuple[str, ...]
    label: str


FORMATS = {
    f.name: f
    for f in (
        FileFormat("pdf", "application/pdf", ("pdf",), "PDF"),
        FileFormat("jpg", "image/jpeg", ("jpg", "jpeg"), "JPEG"),
        FileFormat("png", "image/png", ("png",), "PNG"),
        FileFormat(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
            "Word (DOCX)",
        ),
        FileFormat(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
            "Excel (XLSX)",
        ),
    )
}


class UploadRejected(Refusal):
    """An upload refused with a message for the user (in their language) and a `reason` code
    for logs and tests: too_large, empty, type, extension, corrupt, archive, macro, pixels,
    encrypted."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.message = message
        self.reason = reason

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class CheckedUpload:
    data: bytes
    format: str
    mimetype: str
    size: int
    original_name: str
    sha256: str


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


# Names


def display_name(raw: str | None) -> str:
    """The user's file name made safe to show and to send back in Content-Disposition: NFC,
    without directories (`/` or `\\`), control or format characters and quotes, at most
    `MAX_NAME_LENGTH` characters with the extension kept. Vietnamese letters are preserved.
    Returns "" when nothing is left."""
    name = unicodedata.normalize("NFC", raw or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(ch for ch in name if not unwanted(ch))
    name = " ".join(name.split())
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem = stem.strip(" .")
    if not stem and not extension:
        return ""
    return shortened(stem or FALLBACK_STEM, extension)


def unwanted(character: str) -> bool:
    return unicodedata.category(character).startswith("C") or character in NAME_DROPPED_CHARACTERS


def shortened(stem: str, extension: str) -> str:
    suffix = f".{extension}" if extension else ""
    if len(suffix) > MAX_NAME_LENGTH // 2:
        return (stem + suffix)[:MAX_NAME_LENGTH].rstrip(" .")
    return stem[: MAX_NAME_LENGTH - len(suffix)].rstrip(" .") + suffix


def extension_of(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def check_extension(name: str, detected: FileFormat) -> None:
    extension = extension_of(name)
    if extension in detected.extensions:
        return
    if not extension:
        message = _(
            "Tên tệp “%(name)s” thiếu phần mở rộng; nội dung của tệp là %(kind)s (.%(expected)s).",
            name=name,
            kind=detected.label,
            expected=detected.extensions[0],
        )
    else:
        message = _(
            "Tệp “%(name)s” có phần mở rộng “.%(extension)s” nhưng nội dung thực là %(kind)s.",
            name=name,
            extension=extension,
            kind=detected.label,
        )
    raise UploadRejected(message, "extension")


def check_allowed(name: str, detected: FileFormat, allowed: frozenset[str]) -> None:
    if detected.name not in allowed:
        raise not_allowed(name, allowed)


def not_allowed(name: str, allowed: frozenset[str]) -> UploadRejected:
    labels = ", ".join(FORMATS[f].label for f in FORMATS if f in allowed)
    return UploadRejected(
        _(
            "Tệp “%(name)s” không thuộc loại được phép. Chỉ nhận: %(allowed)s.",
            name=name,
            allowed=labels,
        ),
        "type",
    )


# Type by content


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


def corrupt(name: str) -> UploadRejected:
    return UploadRejected(_("Tệp “%(name)s” bị hỏng hoặc không đọc được.", name=name), "corrupt")


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


# Content checks per format


def checked_pdf(data: bytes, name: str) -> bytes:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-PDF_TAIL:]:
        raise corrupt(name)
    if re.search(rb"/Encrypt\b", data):
        raise UploadRejected(
            _(
                "Tệp PDF “%(name)s” được đặt mật khẩu hoặc mã hoá; hãy tải lên bản không khoá.",
                name=name,
            ),
            "encrypted",
        )
    return data


def checked_office(data: bytes, name: str) -> bytes:
    return data


def reencoded_jpeg(data: bytes, name: str) -> bytes:
    return reencoded_image(data, name, "JPEG")


def reencoded_png(data: bytes, name: str) -> bytes:
    return reencoded_image(data, name, "PNG")


def reencoded_image(data: bytes, name: str, pillow_format: str) -> bytes:
    """The image decoded in full and written anew, upright, without metadata or trailing bytes."""
    try:
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as probe:
            check_pixels(probe.size, name)
            probe.verify()
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            image.load()
            return encoded(ImageOps.exif_transpose(image), pillow_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels(name) from None
    except DECODING_ERRORS:
        raise corrupt(name) from None


def check_pixels(size: tuple[int, int], name: str) -> None:
    if size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise too_many_pixels(name)


def too_many_pixels(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Ảnh “%(name)s” có độ phân giải quá lớn (tối đa %(megapixels)d megapixel).",
            name=name,
            megapixels=MAX_IMAGE_PIXELS // 1_000_000,
        ),
        "pixels",
    )


def encoded(image: Image.Image, pillow_format: str) -> bytes:
    output = io.BytesIO()
    icc_profile = image.info.get("icc_profile")
    if pillow_format == "JPEG":
        if image.mode not in {"RGB", "L"}:
            image, icc_profile = image.convert("RGB"), None
        image.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, icc_profile=icc_profile)
    else:
        image.save(output, "PNG", optimize=True, icc_profile=icc_profile)
    return output.getvalue()


CONTENT_CHECKS = {
    "pdf": checked_pdf,
    "jpg": reencoded_jpeg,
    "png": reencoded_png,
    "docx": checked_office,
    "xlsx": checked_office,
}
