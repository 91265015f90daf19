"""Looking into a DOCX or XLSX package once its ZIP structure has passed (`detection`): what Word
or Excel would run, embed or fetch when staff open it.

Refused:
- macros: a part whose declared content type is macro-enabled, a VBA project or an Excel 4.0
  macro sheet (the `vbaProject.bin` name is refused earlier, in `detection.check_archive`);
- embedded objects: OLE objects and ActiveX controls (any part under `embeddings/` other than
  the Office packages Word and Excel keep for charts, any `activeX/` part, any part in the OLE2
  compound format, any part declared as an OLE object or ActiveX control);
- external relationships: a relationship whose target Word or Excel fetches by itself when the
  file is opened (`TargetMode="External"`, or a target written as a URL or a network path) —
  a remote template (`attachedTemplate`), a linked image, frame, sub-document or external
  workbook. Hyperlinks to a web or mail address stay: they are followed only when a person
  clicks them; so does a lost link Word writes as "NULL". A hyperlink to a file or network path (`file:`, `\\\\server`) is refused, as
  clicking it would hand the reader's Windows credentials to that server;
- any DTD or entity declaration in an XML part (XML bombs, external entities): Office never
  writes one. Each XML part is read by expat only up to its root element, where a DTD must be.

Embedded chart workbooks get the same checks, one level deep. `.rels` and `[Content_Types].xml`
are parsed with defusedxml.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from flask_babel import gettext as _

from evalapp.common.uploads.detection import EMBEDDED_PACKAGE
from evalapp.common.uploads.formats import MB, UploadRejected, corrupt

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MACRO_TYPE_MARKERS = ("macroenabled", "vbaproject", "vbadata", "macrosheet")
OBJECT_TYPE_MARKERS = ("oleobject", "activex")
LINK_SCHEMES = ("http://", "https://", "mailto:")
MAX_PARSED_PART = 10 * MB
PROLOG_CHUNK = 16 * 1024
SHOWN_TARGET = 80
READ_ERRORS = (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError)


class DeclarationFound(Exception):
    """An XML part declares a DTD or an entity."""


class RootReached(Exception):
    """The prolog of an XML part is over: no DTD can come after the root element starts."""


def checked_office(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_package(archive, name, outermost=True)
    return data


def check_package(archive: zipfile.ZipFile, name: str, *, outermost: bool) -> None:
    entries = [entry for entry in archive.infolist() if not entry.is_dir()]
    for entry in entries:
        if entry.filename.lower().endswith((".xml", ".rels")):
            check_prolog(archive, entry, name)
    check_content_types(archive, entries, name)
    for entry in entries:
        check_part(archive, entry, name, outermost=outermost)
    for entry in entries:
        if entry.filename.lower().endswith(".rels"):
            check_relationships(parsed(archive, entry, name), name)


def check_prolog(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> None:
    parser = expat.ParserCreate()
    parser.StartDoctypeDeclHandler = declaration_found
    parser.EntityDeclHandler = declaration_found
    parser.StartElementHandler = root_reached
    try:
        with archive.open(entry) as part:
            while chunk := part.read(PROLOG_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except RootReached:
        return
    except DeclarationFound:
        raise xml_declarations(name) from None
    except (expat.ExpatError, *READ_ERRORS):
        raise corrupt(name) from None


def declaration_found(*_args) -> None:
    raise DeclarationFound


def root_reached(*_args) -> None:
    raise RootReached


def parsed(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> Element:
    if entry.file_size > MAX_PARSED_PART:
        raise corrupt(name)
    try:
        return fromstring(archive.read(entry), forbid_dtd=True)
    except DefusedXmlException:
        raise xml_declarations(name) from None
    except (ParseError, *READ_ERRORS):
        raise corrupt(name) from None


def local_name(element: Element) -> str:
    return element.tag.rpartition("}")[2]


def check_content_types(archive: zipfile.ZipFile, entries: list, name: str) -> None:
    """An override names a part; a default applies to the parts of its extension that have no
    override (Word leaves an OLE default behind when the object is gone: that is no object)."""
    try:
        entry = archive.getinfo("[Content_Types].xml")
    except KeyError:
        raise corrupt(name) from None
    declared = parsed(archive, entry, name)
    overridden = {
        (element.get("PartName") or "").lstrip("/").lower()
        for element in declared.iter()
        if local_name(element) == "Override"
    }
    extensions = {
        e.filename.rpartition(".")[2].lower()
        for e in entries
        if "." in e.filename and e.filename.lower() not in overridden
    }
    for element in declared.iter():
        content_type = (element.get("ContentType") or "").lower()
        kind = local_name(element)
        applies = kind == "Override" or (
            kind == "Default" and (element.get("Extension") or "").lower() in extensions
        )
        if not applies:
            continue
        if any(marker in content_type for marker in MACRO_TYPE_MARKERS):
            raise macro(name)
        if any(marker in content_type for marker in OBJECT_TYPE_MARKERS):
            raise embedded_object(name)


def check_part(
    archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str, *, outermost: bool
) -> None:
    path = entry.filename.replace("\\", "/").lower()
    folders = path.split("/")[:-1]
    if "macrosheets" in folders:
        raise macro(name)
    if "activex" in folders:
        raise embedded_object(name)
    if "embeddings" in folders:
        if not (outermost and EMBEDDED_PACKAGE.fullmatch(entry.filename)):
            raise embedded_object(name)
        check_embedded_package(archive, entry, name)
        return
    try:
        with archive.open(entry) as part:
            head = part.read(len(OLE2_MAGIC))
    except READ_ERRORS:
        raise corrupt(name) from None
    if head == OLE2_MAGIC:
        raise embedded_object(name)


def check_embedded_package(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, name: str) -> None:
    try:
        inner = zipfile.ZipFile(io.BytesIO(archive.read(entry)))
    except (zipfile.BadZipFile, *READ_ERRORS):
        raise corrupt(name) from None
    with inner:
        check_package(inner, name, outermost=False)


def check_relationships(root: Element, name: str) -> None:
    for element in root.iter():
        if local_name(element) != "Relationship":
            continue
        target = (element.get("Target") or "").strip()
        external = (element.get("TargetMode") or "").strip().lower() == "external"
        written_as_address = (
            "://" in target
            or target.startswith(("\\\\", "//"))
            or (re.match(r"[a-z][a-z0-9+.-]*:", target, re.IGNORECASE) is not None)
        )
        if not (external or written_as_address) or target.upper() == "NULL":
            continue  # Word writes "NULL" for a link it has lost: nothing to fetch
        is_link = (element.get("Type") or "").endswith("/hyperlink")
        if is_link and target.lower().startswith(LINK_SCHEMES):
            continue
        raise external_relationship(name, target)


def macro(name: str) -> UploadRejected:
    return UploadRejected(
        _("Tệp “%(name)s” chứa macro; chỉ nhận tệp Word, Excel không có macro.", name=name),
        "macro",
    )


def embedded_object(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Tệp “%(name)s” có đối tượng nhúng (OLE hoặc ActiveX) nên không được nhận; hãy dán "
            "nội dung trực tiếp vào tài liệu hoặc nộp tệp đó riêng.",
            name=name,
        ),
        "embedded",
    )


def external_relationship(name: str, target: str) -> UploadRejected:
    shown = "".join(ch for ch in target if ch.isprintable())
    if len(shown) > SHOWN_TARGET:
        shown = shown[: SHOWN_TARGET - 1] + "…"
    return UploadRejected(
        _(
            "Tệp “%(name)s” có liên kết tới nguồn bên ngoài mà Word/Excel tự tải khi mở "
            "(%(target)s) nên không được nhận; hãy gỡ liên kết đó (mẫu tài liệu, ảnh hoặc dữ "
            "liệu liên kết) rồi tải lên lại.",
            name=name,
            target=shown,
        ),
        "external",
    )


def xml_declarations(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Tệp “%(name)s” chứa khai báo DTD hoặc thực thể XML (có thể là bom XML) nên không "
            "được nhận.",
            name=name,
        ),
        "xml",
    )
