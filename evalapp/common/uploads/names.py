"""The user's file name: made safe to show and send back, and its extension checked against
the type the content shows."""

from __future__ import annotations

import re
import unicodedata

from flask_babel import gettext as _

from evalapp.common.uploads.formats import FileFormat, UploadRejected, not_allowed

MAX_NAME_LENGTH = 200
FALLBACK_STEM = "tệp"
NAME_DROPPED_CHARACTERS = set("\"'`“”‘’")


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
