"""What an upload may be: the formats accepted, the refusal and what a passed check returns."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from evalapp.common.refusals import Refusal

MB = 1024 * 1024


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


def corrupt(name: str) -> UploadRejected:
    return UploadRejected(_("Tệp “%(name)s” bị hỏng hoặc không đọc được.", name=name), "corrupt")
