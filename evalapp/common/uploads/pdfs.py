"""Looking into a PDF with a real parser (pypdf), never with a byte search: a name is compared
after the parser has decoded it, so `/Encr#79pt` is `/Encrypt` and `/Java#53cript` is
`/JavaScript`, while the same words in a comment or a text string are only text.

Refused:
- a file pypdf cannot read (no cross-reference it can find or rebuild, no document catalog,
  random bytes between `%PDF-` and `%%EOF`): staff could not open it either;
- an encrypted file (a password to open, or only to print or copy): staff must open, print and
  archive every document without a password, and an encrypted file cannot be looked into;
- JavaScript anywhere (an action `/S /JavaScript`, a `/JS` key, the `/JavaScript` name tree, an
  XFA form, which carries its own scripts);
- actions that open something outside the document: `/Launch` (a program or a file),
  `/GoToR` (another file, a UNC path leaks the reader's Windows credentials), `/ImportData`;
- files inside the PDF: the `/EmbeddedFiles` name tree, `/EmbeddedFile` streams, `/EF`
  file specifications, file-attachment annotations, `/GoToE` actions and rich media.
Link actions to a web address (`/URI`) are ordinary and pass.

Every object pypdf can find is looked at: those reachable from the trailer and every object of
the cross-reference, so an action is found wherever it hides, object streams and incremental
updates included. The walk is iterative (no recursion to exhaust) and stops at
`MAX_PDF_OBJECTS`; pypdf itself caps every decompressed stream (75 MB).
"""

from __future__ import annotations

import io
import logging
import warnings

from flask_babel import gettext as _
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

from evalapp.common.uploads.formats import UploadRejected, corrupt

PDF_TAIL = 2048
MAX_PDF_OBJECTS = 100_000
SCRIPT_ACTIONS = frozenset({"/JavaScript"})
SCRIPT_KEYS = frozenset({"/JS", "/JavaScript", "/XFA"})
OUTSIDE_ACTIONS = frozenset({"/Launch", "/GoToR", "/ImportData"})
EMBEDDING_ACTIONS = frozenset({"/GoToE"})
EMBEDDING_KEYS = frozenset({"/EmbeddedFiles", "/EF"})
EMBEDDING_TYPES = frozenset({"/EmbeddedFile", "/FileAttachment", "/RichMedia"})


class Unreadable(Exception):
    """pypdf could not read the file, or it holds more objects than we look at."""


def checked_pdf(data: bytes, name: str) -> bytes:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-PDF_TAIL:]:
        raise corrupt(name)
    try:
        finding = inspected(data)
    except Unreadable:
        raise unreadable(name) from None
    if finding is not None:
        raise refusal(finding, name)
    return data


def inspected(data: bytes) -> str | None:
    """What is wrong with the PDF ("encrypted", "javascript", "launch", "attachment"), or None.
    Raises `Unreadable` when pypdf cannot read it."""
    with warnings.catch_warnings(), quiet_pypdf():
        warnings.simplefilter("ignore")  # pypdf warns about what it repairs: not our concern
        try:
            reader = PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                return "encrypted"
            if "/Root" not in reader.trailer or not isinstance(
                reader.trailer["/Root"].get_object(), DictionaryObject
            ):
                raise Unreadable
            return first_finding(reader)
        except Unreadable:
            raise
        except Exception as error:  # any failure of the parser on hostile bytes means unreadable
            raise Unreadable from error


class quiet_pypdf:
    """pypdf logs every repair of a damaged file; an upload check is not the place for that."""

    def __enter__(self):
        self.logger = logging.getLogger("pypdf")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc):
        self.logger.setLevel(self.level)


def first_finding(reader: PdfReader) -> str | None:
    pending: list = [reader.trailer]
    for generation, numbers in reader.xref.items():
        pending.extend(IndirectObject(number, generation, reader) for number in numbers)
    pending.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    looked_at = 0
    while pending:
        item = pending.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        looked_at += 1
        if looked_at > MAX_PDF_OBJECTS:
            raise Unreadable
        if isinstance(item, DictionaryObject):
            finding = dictionary_finding(item)
            if finding:
                return finding
            pending.extend(item.values())
        elif isinstance(item, ArrayObject):
            pending.extend(item)
    return None


def dictionary_finding(dictionary: DictionaryObject) -> str | None:
    keys = set(dictionary.keys())
    action = name_of(dictionary, "/S")
    kinds = {name_of(dictionary, "/Type"), name_of(dictionary, "/Subtype")}
    if keys & SCRIPT_KEYS or action in SCRIPT_ACTIONS:
        return "javascript"
    if action in OUTSIDE_ACTIONS:
        return "launch"
    if keys & EMBEDDING_KEYS or action in EMBEDDING_ACTIONS or kinds & EMBEDDING_TYPES:
        return "attachment"
    return None


def name_of(dictionary: DictionaryObject, key: str) -> str | None:
    """The name under `key`, followed when it is a reference (`/S 9 0 R` names an action too)."""
    value = dictionary.get(key)
    if isinstance(value, IndirectObject):
        value = value.get_object()
    return str(value) if isinstance(value, str) else None


def unreadable(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Tệp PDF “%(name)s” bị hỏng hoặc không đọc được cấu trúc PDF; hãy xuất lại tệp "
            "rồi tải lên.",
            name=name,
        ),
        "corrupt",
    )


def refusal(finding: str, name: str) -> UploadRejected:
    if finding == "encrypted":
        message = _(
            "Tệp PDF “%(name)s” được đặt mật khẩu hoặc mã hoá; hãy tải lên bản không khoá.",
            name=name,
        )
    elif finding == "javascript":
        message = _(
            "Tệp PDF “%(name)s” chứa mã lệnh JavaScript nên không được nhận; hãy xuất lại "
            "thành PDF thường (In → Lưu dưới dạng PDF) rồi tải lên.",
            name=name,
        )
    elif finding == "launch":
        message = _(
            "Tệp PDF “%(name)s” chứa lệnh mở chương trình hoặc tệp bên ngoài nên không được "
            "nhận; hãy xuất lại thành PDF thường (In → Lưu dưới dạng PDF) rồi tải lên.",
            name=name,
        )
    else:
        message = _(
            "Tệp PDF “%(name)s” có tệp đính kèm bên trong nên không được nhận; hãy nộp từng "
            "tài liệu thành một tệp riêng.",
            name=name,
        )
    return UploadRejected(message, finding)
