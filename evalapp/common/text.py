"""Comparing typed text with stored names: Vietnamese without diacritics, case or extra spaces."""

from __future__ import annotations

import re
import unicodedata

COMBINING_MARKS = re.compile("[\u0300-\u036f]")


def fold(text: str | None) -> str:
    """Lower case without diacritics and with single spaces: "Giỏ  Đay" → "gio day"."""
    plain = (text or "").replace("đ", "d").replace("Đ", "D")
    return " ".join(COMBINING_MARKS.sub("", unicodedata.normalize("NFD", plain)).lower().split())


def ascii_name(text: str) -> str:
    """A file name for clients that read only ASCII: "Đơn đăng ký.pdf" → "Don dang ky.pdf"
    (NFKD alone drops "đ", which has no decomposition)."""
    plain = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize("NFKD", plain).encode("ascii", "ignore").decode("ascii")
