"""Reading a decision published in HTML as a flat list of blocks, in document order: paragraphs
outside tables (``str``) and top-level tables (``Table``: rows of cells, each cell a list of its
paragraphs), every text normalised by ``clean``."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """The text with whitespace normalised to single spaces, trimmed, in NFC."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text.replace("\xa0", " "))).strip()


@dataclass
class Table:
    """A top-level table: ``rows[r][c]`` is the list of non-empty paragraphs of a cell."""

    rows: list[list[list[str]]] = field(default_factory=list)


class _BlockReader(HTMLParser):
    """Collects paragraphs and top-level tables in document order (nested tables are flattened)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | Table] = []
        self._depth = 0
        self._cell: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self._end_paragraph()
            self._depth += 1
            if self._depth == 1:
                self.blocks.append(Table())
        elif tag == "tr" and self._depth == 1:
            self.blocks[-1].rows.append([])
        elif tag == "td" and self._depth == 1:
            self._cell = []
            self.blocks[-1].rows[-1].append(self._cell)
        elif tag == "p":
            self._end_paragraph()
            self._text = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._end_paragraph()
        elif tag == "td" and self._depth == 1:
            self._end_paragraph()
            self._cell = None
        elif tag == "table":
            self._end_paragraph()
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        self._data(data)

    def _data(self, data: str) -> None:
        if self._text is None:
            self._text = []
        self._text.append(data)

    def _end_paragraph(self) -> None:
        text = clean("".join(self._text or ()))
        self._text = None
        if not text:
            return
        if self._cell is not None:
            self._cell.append(text)
        elif self._depth == 0:
            self.blocks.append(text)


def read_blocks(html_text: str) -> list[str | Table]:
    """The document as paragraphs (``str``) and top-level tables, in order."""
    reader = _BlockReader()
    reader.feed(html_text)
    reader.close()
    return reader.blocks
