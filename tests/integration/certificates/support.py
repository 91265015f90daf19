"""Reading certificate PDFs in tests."""

import re
from io import BytesIO

from pypdf import PdfReader


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)


def flat(text: str) -> str:
    """Whitespace collapsed: a long name may wrap onto two lines."""
    return re.sub(r"\s+", " ", text)


def page_count(pdf: bytes) -> int:
    return len(PdfReader(BytesIO(pdf)).pages)


def compact(text: str) -> str:
    """Whitespace removed: a long name without spaces may wrap anywhere (after "file:///")."""
    return re.sub(r"\s+", "", text)
