"""The upload corpus: hostile files and a few harmless look-alikes, each with the verdict and
the exact Vietnamese message the upload of a dossier document must give.

    .venv/bin/python -m tests.data.uploads.make_corpus            # new files, and manifest.json
    .venv/bin/python -m tests.data.uploads.make_corpus --rewrite  # every file anew

The files are committed (tests read them, not this script) so that a change to a check shows as
a changed verdict, not as a changed corpus; files already there are kept unless `--rewrite`
(encrypted PDFs differ at each run: random keys).
"""

from __future__ import annotations

import io
import json
import random
import struct
import sys
import zipfile
import zlib
from pathlib import Path

from PIL import Image
from pypdf import PdfReader, PdfWriter

HERE = Path(__file__).resolve().parent
MANIFEST = HERE / "manifest.json"
ITEM = "chung_tu_ke_toan"  # the 1048-2019 item that takes every format (20 MB)

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    "{extra}</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    "{body}</Relationships>"
)
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
EXCEL_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 10)
    )
    + "]>"
)


# PDF ------------------------------------------------------------------------------------------


def pdf(
    catalog_extra: str = "",
    extra_objects: tuple[str, ...] = (),
    *,
    page_extra: str = "",
    content: bytes = b"BT /F1 12 Tf 72 712 Td (Ho so OCOP) Tj ET",
    before_objects: bytes = b"",
    trailer_extra: str = "",
) -> bytes:
    """A one-page PDF with a correct cross-reference table; objects 5… are `extra_objects`."""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {catalog_extra}>>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            f"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> "
            f">> >> {page_extra}>>"
        ).encode(),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        *(body.encode() for body in extra_objects),
    ]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + before_objects)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R {trailer_extra}>>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def incremental(base: bytes, number: int, body: str, *, root: str) -> bytes:
    """`base` with an incremental update: object `number` added and a new catalog (object 1)."""
    previous = PdfReader(io.BytesIO(base)).trailer
    size = max(int(previous["/Size"]), number + 1)
    start_prev = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    out = bytearray(base)
    offsets = {}
    for n, text in ((1, root), (number, body)):
        offsets[n] = len(out)
        out += f"{n} 0 obj\n{text}\nendobj\n".encode()
    xref = len(out)
    out += b"xref\n"
    for n in sorted(offsets):
        out += f"{n} 1\n{offsets[n]:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {size} /Root 1 0 R /Prev {start_prev} >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypted(user: str, owner: str) -> bytes:
    writer = PdfWriter(clone_from=io.BytesIO(pdf()))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def object_stream_with(body: str) -> bytes:
    """A PDF 1.5 file whose catalog sits in a compressed object stream, with a cross-reference
    stream: no action is written in clear in the file."""
    inner = {
        1: f"<< /Type /Catalog /Pages 2 0 R {body}>>",
        6: "<< /S /JavaScript /JS (app.alert(1)) >>",
    }
    header, data = "", ""
    for n, text in inner.items():
        header += f"{n} {len(data)} "
        data += text + "\n"
    stream = zlib.compress((header + data).encode())
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    plain = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        4: b"<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream"
        % (len(header), len(stream), stream),
    }
    for n, text in plain.items():
        offsets[n] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (n, text)
    xref_at = len(out)
    rows = [(0, 0, 255)]
    for n in range(1, 8):
        if n in offsets:
            rows.append((1, offsets[n], 0))
        elif n in inner:
            rows.append((2, 4, list(inner).index(n)))
        elif n == 5:
            rows.append((1, xref_at, 0))
        else:
            rows.append((0, 0, 0))
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    out += (
        b"5 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n%s\n"
        b"endstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % (len(table), table, xref_at)
    )
    return bytes(out)


def random_pdf() -> bytes:
    noise = random.Random(13).randbytes(4000)
    return b"%PDF-1.7\n" + noise + b"\n%%EOF\n"


def nested_arrays(depth: int) -> bytes:
    return pdf(catalog_extra="/Deep " + "[" * depth + "]" * depth + " ")


# Images ---------------------------------------------------------------------------------------


def picture(pillow_format: str, size=(64, 48), **options) -> bytes:
    output = io.BytesIO()
    Image.new("RGB", size, "#2a7").save(output, pillow_format, **options)
    return output.getvalue()


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header_only(width: int, height: int) -> bytes:
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + png_chunk(b"IHDR", header)
        + png_chunk(b"IDAT", zlib.compress(b"\0" * 16))
        + png_chunk(b"IEND", b"")
    )


def png_text_bomb() -> bytes:
    image = picture("PNG")
    bomb = png_chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"A" * 40_000_000, 9))
    return image[:33] + bomb + image[33:]


def jpeg_header(width: int, height: int) -> bytes:
    """A baseline JPEG frame header declaring `width` × `height`, and nothing to decode."""
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return picture("JPEG")[:2] + sof + b"\xff\xd9"


def jpeg_with_scans(scans: int) -> bytes:
    """A small progressive JPEG whose last refinement scan is repeated `scans` times."""
    data = picture("JPEG", size=(64, 64), progressive=True)
    last = data.rindex(b"\xff\xda")
    body = data[last:-2]
    return data[:last] + body * scans + b"\xff\xd9"


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0)}
    return picture("JPEG", exif=exif)


def gif() -> bytes:
    return picture("GIF")


def webp() -> bytes:
    return picture("WEBP")


# DOCX and XLSX --------------------------------------------------------------------------------


def package(parts: dict[str, bytes | str], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data.encode() if isinstance(data, str) else data)
    return output.getvalue()


def docx_parts(extra=None, *, types="", main_type=WORD_MAIN, document_rels="") -> dict:
    return {
        "[Content_Types].xml": CONTENT_TYPES.format(
            extra=f'<Override PartName="/word/document.xml" ContentType="{main_type}"/>{types}'
        ),
        "_rels/.rels": RELS.format(
            body=f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Hồ sơ OCOP</w:t></w:r></w:p></w:body></w:document>"
        ),
        "word/_rels/document.xml.rels": RELS.format(body=document_rels),
        **(extra or {}),
    }


def docx(extra=None, **options) -> bytes:
    return package(docx_parts(extra, **options))


def xlsx_parts(extra=None, *, types="", main_type=EXCEL_MAIN, workbook_rels="", sheet=None):
    return {
        "[Content_Types].xml": CONTENT_TYPES.format(
            extra=f'<Override PartName="/xl/workbook.xml" ContentType="{main_type}"/>{types}'
        ),
        "_rels/.rels": RELS.format(
            body=f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        ),
        "xl/workbook.xml": (
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{REL}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>"
        ),
        "xl/_rels/workbook.xml.rels": RELS.format(
            body=f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            + workbook_rels
        ),
        "xl/worksheets/sheet1.xml": sheet
        or (
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Sổ kế toán</t></is></c></row>'
            "</sheetData></worksheet>"
        ),
        **(extra or {}),
    }


def xlsx(extra=None, **options) -> bytes:
    return package(xlsx_parts(extra, **options))


def external(rel_type: str, target: str, mode: str = "External") -> str:
    return (
        f'<Relationship Id="rId9" Type="{REL}/{rel_type}" Target="{target}" TargetMode="{mode}"/>'
    )


def remote_template(mode: str = "External") -> bytes:
    return docx(
        {
            "word/settings.xml": '<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
            "word/_rels/settings.xml.rels": RELS.format(
                body=external("attachedTemplate", "http://127.0.0.1:5199/template.dotm", mode)
            ),
        }
    )


def symlink_docx() -> bytes:
    output = io.BytesIO(docx())
    link = zipfile.ZipInfo("word/link.xml")
    link.external_attr = (0o120777 << 16) | 0x20
    with zipfile.ZipFile(output, "a") as archive:
        archive.writestr(link, "/etc/passwd")
    return output.getvalue()


# The corpus -----------------------------------------------------------------------------------

NOT_ALLOWED = (
    "Tệp “{name}” không thuộc loại được phép. Chỉ nhận: PDF, JPEG, PNG, Word (DOCX), Excel (XLSX)."
)
CORRUPT = "Tệp “{name}” bị hỏng hoặc không đọc được."
PDF_UNREADABLE = (
    "Tệp PDF “{name}” bị hỏng hoặc không đọc được cấu trúc PDF; hãy xuất lại tệp rồi tải lên."
)
ENCRYPTED = "Tệp PDF “{name}” được đặt mật khẩu hoặc mã hoá; hãy tải lên bản không khoá."
JAVASCRIPT = (
    "Tệp PDF “{name}” chứa mã lệnh JavaScript nên không được nhận; hãy xuất lại thành PDF "
    "thường (In → Lưu dưới dạng PDF) rồi tải lên."
)
LAUNCH = (
    "Tệp PDF “{name}” chứa lệnh mở chương trình hoặc tệp bên ngoài nên không được nhận; hãy "
    "xuất lại thành PDF thường (In → Lưu dưới dạng PDF) rồi tải lên."
)
ATTACHMENT = (
    "Tệp PDF “{name}” có tệp đính kèm bên trong nên không được nhận; hãy nộp từng tài liệu "
    "thành một tệp riêng."
)
PIXELS = (
    "Ảnh “{name}” quá lớn: {mp} megapixel ({w} × {h} điểm ảnh), tối đa 25 megapixel; hãy giảm "
    "kích thước ảnh rồi tải lên lại."
)
SCANS = (
    "Ảnh JPEG “{name}” có cấu trúc bất thường (hơn 100 lượt quét) nên không được nhận; hãy lưu "
    "lại ảnh bằng phần mềm chỉnh ảnh rồi tải lên."
)
MACRO = "Tệp “{name}” chứa macro; chỉ nhận tệp Word, Excel không có macro."
EMBEDDED = (
    "Tệp “{name}” có đối tượng nhúng (OLE hoặc ActiveX) nên không được nhận; hãy dán nội dung "
    "trực tiếp vào tài liệu hoặc nộp tệp đó riêng."
)
EXTERNAL = (
    "Tệp “{name}” có liên kết tới nguồn bên ngoài mà Word/Excel tự tải khi mở ({target}) nên "
    "không được nhận; hãy gỡ liên kết đó (mẫu tài liệu, ảnh hoặc dữ liệu liên kết) rồi tải lên "
    "lại."
)
XML = "Tệp “{name}” chứa khai báo DTD hoặc thực thể XML (có thể là bom XML) nên không được nhận."
ARCHIVE = (
    "Tệp “{name}” có cấu trúc bất thường (quá nhiều thành phần, dung lượng giải nén quá lớn "
    "hoặc chứa tệp nén bên trong) nên không được nhận."
)
EXTENSION = "Tệp “{name}” có phần mở rộng “.{ext}” nhưng nội dung thực là {kind}."
EMPTY = "Tệp “{name}” không có nội dung."
TEMPLATE = "http://127.0.0.1:5199/template.dotm"


def pixels(width: int, height: int) -> dict:
    mp = f"{width * height / 1_000_000:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return {"mp": mp, "w": width, "h": height}


# (file, bytes, verdict, reason, message template, template values)
CORPUS = [
    # PDF: harmless look-alikes
    ("pdf/plain.pdf", lambda: pdf(), "accepted", None, None, {}),
    (
        "pdf/comment-mentions-encrypt.pdf",
        lambda: pdf(before_objects=b"% /Encrypt 9 0 R /JavaScript /Launch\n"),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "pdf/text-mentions-javascript.pdf",
        lambda: pdf(
            content=b"BT /F1 12 Tf 72 712 Td (/JavaScript /Launch /EmbeddedFiles /Encrypt) Tj ET"
        ),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "pdf/web-link.pdf",
        lambda: pdf(
            page_extra="/Annots [5 0 R] ",
            extra_objects=(
                "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI (https://ocop.gov.vn) >> >>",
            ),
        ),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "pdf/wrong-xref-offsets.pdf",
        lambda: pdf().replace(b"0000000009 00000 n", b"0000000001 00000 n"),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "pdf/harmless-update.pdf",
        lambda: incremental(
            pdf(), 5, "<< /Producer (evalapp) >>", root="<< /Type /Catalog /Pages 2 0 R >>"
        ),
        "accepted",
        None,
        None,
        {},
    ),
    # PDF: encrypted
    (
        "pdf/encrypted-user-password.pdf",
        lambda: encrypted("mo", "chu"),
        "refused",
        "encrypted",
        ENCRYPTED,
        {},
    ),
    (
        "pdf/encrypted-owner-only.pdf",
        lambda: encrypted("", "chu"),
        "refused",
        "encrypted",
        ENCRYPTED,
        {},
    ),
    (
        "pdf/encrypted-name-escaped.pdf",
        lambda: encrypted("", "chu").replace(b"/Encrypt", b"/Encr#79pt"),
        "refused",
        "encrypted",
        ENCRYPTED,
        {},
    ),
    # PDF: scripts
    (
        "pdf/openaction-javascript.pdf",
        lambda: pdf("/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/names-javascript.pdf",
        lambda: pdf(
            "/Names << /JavaScript 5 0 R >> ",
            ("<< /Names [(a) << /S /JavaScript /JS (app.alert(1)) >>] >>",),
        ),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/page-aa-javascript.pdf",
        lambda: pdf(
            page_extra="/AA << /O 5 0 R >> ",
            extra_objects=(
                "<< /S /JavaScript /JS 6 0 R >>",
                "<< /Length 11 >>\nstream\napp.alert(1)\nendstream",
            ),
        ),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/annotation-javascript.pdf",
        lambda: pdf(
            page_extra="/Annots [5 0 R] ",
            extra_objects=(
                "<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /JavaScript /JS (app.alert(1)) >> >>",
            ),
        ),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/javascript-name-escaped.pdf",
        lambda: pdf("/OpenAction << /S /Java#53cript /#4A#53 (app.alert(1)) >> "),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/javascript-action-by-reference.pdf",
        lambda: pdf(
            "/OpenAction << /S 5 0 R /Next 6 0 R >> ", ("/JavaScript", "<< /Type /Action >>")
        ),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/javascript-in-object-stream.pdf",
        lambda: object_stream_with("/OpenAction 6 0 R "),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/javascript-added-by-update.pdf",
        lambda: incremental(
            pdf(),
            5,
            "<< /S /JavaScript /JS (app.alert(1)) >>",
            root="<< /Type /Catalog /Pages 2 0 R /OpenAction 5 0 R >>",
        ),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    (
        "pdf/xfa-form.pdf",
        lambda: pdf(
            "/AcroForm << /Fields [] /XFA 5 0 R >> ",
            ("<< /Length 9 >>\nstream\n<xdp:xdp>\nendstream",),
        ),
        "refused",
        "javascript",
        JAVASCRIPT,
        {},
    ),
    # PDF: launching
    (
        "pdf/openaction-launch.pdf",
        lambda: pdf(
            "/OpenAction << /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) /P (/c calc) >> >> "
        ),
        "refused",
        "launch",
        LAUNCH,
        {},
    ),
    (
        "pdf/launch-name-escaped.pdf",
        lambda: pdf("/OpenAction << /S /Lau#6Ech /F (calc.exe) >> "),
        "refused",
        "launch",
        LAUNCH,
        {},
    ),
    (
        "pdf/gotor-network-path.pdf",
        lambda: pdf(
            "/OpenAction << /S /GoToR /F (\\\\\\\\127.0.0.1\\\\share\\\\a.pdf) /D [0 /Fit] >> "
        ),
        "refused",
        "launch",
        LAUNCH,
        {},
    ),
    (
        "pdf/import-data.pdf",
        lambda: pdf("/OpenAction << /S /ImportData /F (data.fdf) >> "),
        "refused",
        "launch",
        LAUNCH,
        {},
    ),
    # PDF: files inside
    (
        "pdf/embedded-file.pdf",
        lambda: pdf(
            "/Names << /EmbeddedFiles << /Names [(a.exe) 5 0 R] >> >> ",
            (
                "<< /Type /Filespec /F (a.exe) /EF << /F 6 0 R >> >>",
                "<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
            ),
        ),
        "refused",
        "attachment",
        ATTACHMENT,
        {},
    ),
    (
        "pdf/file-attachment-annotation.pdf",
        lambda: pdf(
            page_extra="/Annots [5 0 R] ",
            extra_objects=(
                "<< /Type /Annot /Subtype /FileAttachment /Rect [0 0 20 20] /FS << /Type /Filespec /F (x.docm) >> >>",
            ),
        ),
        "refused",
        "attachment",
        ATTACHMENT,
        {},
    ),
    (
        "pdf/gotoe.pdf",
        lambda: pdf("/OpenAction << /S /GoToE /T << /R /C /N (a.pdf) >> >> "),
        "refused",
        "attachment",
        ATTACHMENT,
        {},
    ),
    # PDF: unreadable
    ("pdf/random-bytes.pdf", random_pdf, "refused", "corrupt", PDF_UNREADABLE, {}),
    (
        "pdf/damaged-startxref.pdf",
        lambda: pdf().replace(b"startxref", b"startxrefX"),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "pdf/no-cross-reference.pdf",
        lambda: pdf().split(b"xref\n")[0] + b"trailer<</Root 1 0 R>>\n%%EOF\n",
        "refused",
        "corrupt",
        PDF_UNREADABLE,
        {},
    ),
    (
        "pdf/no-catalog.pdf",
        lambda: pdf().replace(b"/Root 1 0 R", b""),
        "refused",
        "corrupt",
        PDF_UNREADABLE,
        {},
    ),
    (
        "pdf/header-and-end-only.pdf",
        lambda: b"%PDF-1.7\n%%EOF\n",
        "refused",
        "corrupt",
        PDF_UNREADABLE,
        {},
    ),
    ("pdf/truncated.pdf", lambda: pdf()[:300], "refused", "corrupt", CORRUPT, {}),
    (
        "pdf/nested-arrays.pdf",
        lambda: nested_arrays(5000),
        "refused",
        "corrupt",
        PDF_UNREADABLE,
        {},
    ),
    # Images: harmless
    ("images/plain.png", lambda: picture("PNG"), "accepted", None, None, {}),
    ("images/plain.jpg", lambda: picture("JPEG"), "accepted", None, None, {}),
    (
        "images/progressive.jpg",
        lambda: picture("JPEG", progressive=True),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "images/at-the-cap-5000x5000.png",
        lambda: picture("PNG", size=(5000, 5000)),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "images/html-appended.png",
        lambda: picture("PNG") + b"<html><script>alert(1)</script></html>",
        "accepted",
        None,
        None,
        {},
    ),
    ("images/gps-exif.jpg", jpeg_with_gps, "accepted", None, None, {}),
    # Images: pixel floods and hostile structure
    (
        "images/just-over-the-cap-5001x5000.png",
        lambda: png_header_only(5001, 5000),
        "refused",
        "pixels",
        PIXELS,
        pixels(5001, 5000),
    ),
    (
        "images/probe-6300x6300.png",
        lambda: png_header_only(6300, 6300),
        "refused",
        "pixels",
        PIXELS,
        pixels(6300, 6300),
    ),
    (
        "images/flood-100000x100000.png",
        lambda: png_header_only(100_000, 100_000),
        "refused",
        "pixels",
        PIXELS,
        pixels(100_000, 100_000),
    ),
    (
        "images/thin-30000000x1.png",
        lambda: png_header_only(30_000_000, 1),
        "refused",
        "pixels",
        PIXELS,
        pixels(30_000_000, 1),
    ),
    (
        "images/flood-65000x65000.jpg",
        lambda: jpeg_header(65000, 65000),
        "refused",
        "pixels",
        PIXELS,
        pixels(65000, 65000),
    ),
    ("images/many-scans.jpg", lambda: jpeg_with_scans(500), "refused", "scans", SCANS, {}),
    ("images/text-chunk-bomb.png", png_text_bomb, "refused", "corrupt", CORRUPT, {}),
    ("images/truncated.png", lambda: picture("PNG")[:40], "refused", "corrupt", CORRUPT, {}),
    ("images/truncated.jpg", lambda: picture("JPEG")[:200], "refused", "corrupt", CORRUPT, {}),
    ("images/gif-named.png", gif, "refused", "type", NOT_ALLOWED, {}),
    ("images/webp-named.jpg", webp, "refused", "type", NOT_ALLOWED, {}),
    (
        "images/svg-script.png",
        lambda: b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        "refused",
        "type",
        NOT_ALLOWED,
        {},
    ),
    (
        "images/png-named.jpg",
        lambda: picture("PNG"),
        "refused",
        "extension",
        EXTENSION,
        {"ext": "jpg", "kind": "PNG"},
    ),
    # Other disguises
    (
        "other/html-named.pdf",
        lambda: b"<html><script>alert(document.cookie)</script></html>",
        "refused",
        "type",
        NOT_ALLOWED,
        {},
    ),
    (
        "other/exe-named.pdf",
        lambda: b"MZ\x90\x00" + b"\x00" * 200,
        "refused",
        "type",
        NOT_ALLOWED,
        {},
    ),
    ("other/ole2-document.docx", lambda: OLE2, "refused", "type", NOT_ALLOWED, {}),
    ("other/empty.pdf", lambda: b"", "refused", "empty", EMPTY, {}),
    (
        "other/pdf-named.docx",
        lambda: pdf(),
        "refused",
        "extension",
        EXTENSION,
        {"ext": "docx", "kind": "PDF"},
    ),
    # DOCX and XLSX: harmless
    ("office/plain.docx", lambda: docx(), "accepted", None, None, {}),
    ("office/plain.xlsx", lambda: xlsx(), "accepted", None, None, {}),
    (
        "office/web-hyperlink.docx",
        lambda: docx(document_rels=external("hyperlink", "https://ocop.gov.vn/tra-cuu")),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "office/chart-workbook.docx",
        lambda: docx({"word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx()}),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "office/unused-ole-default.docx",
        lambda: docx(
            types='<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'
        ),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "office/ole-default-beside-printer-settings.xlsx",
        lambda: xlsx(
            {"xl/printerSettings/printerSettings1.bin": b"\x00" * 64},
            types='<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>'
            '<Override PartName="/xl/printerSettings/printerSettings1.bin" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"/>',
        ),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "office/lost-link-null.docx",
        lambda: docx(document_rels=external("image", "NULL")),
        "accepted",
        None,
        None,
        {},
    ),
    (
        "office/ole-default-applies.docx",
        lambda: docx(
            {"word/objects/thing.bin": b"\x00" * 64},
            types='<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>',
        ),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    # DOCX and XLSX: embedded objects
    (
        "office/ole-object.docx",
        lambda: docx({"word/embeddings/oleObject1.bin": OLE2}),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    (
        "office/ole-word97.docx",
        lambda: docx({"word/embeddings/Microsoft_Word_97_-_2003_Document.doc": OLE2}),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    (
        "office/ole-hidden-in-media.docx",
        lambda: docx({"word/media/image1.png": OLE2}),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    (
        "office/activex.docx",
        lambda: docx({"word/activeX/activeX1.xml": "<ax:ocx xmlns:ax='urn:x'/>"}),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    (
        "office/ole-declared.xlsx",
        lambda: xlsx(
            {"xl/objects/thing.dat": b"data"},
            types='<Override PartName="/xl/objects/thing.dat" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>',
        ),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    (
        "office/ole-object.xlsx",
        lambda: xlsx({"xl/embeddings/oleObject1.bin": OLE2}),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    (
        "office/chart-workbook-with-ole.docx",
        lambda: docx(
            {
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx(
                    {"xl/embeddings/oleObject1.bin": OLE2}
                )
            }
        ),
        "refused",
        "embedded",
        EMBEDDED,
        {},
    ),
    # DOCX and XLSX: external relationships
    (
        "office/remote-template.docx",
        lambda: remote_template(),
        "refused",
        "external",
        EXTERNAL,
        {"target": TEMPLATE},
    ),
    (
        "office/remote-template-lowercase-mode.docx",
        lambda: remote_template("external"),
        "refused",
        "external",
        EXTERNAL,
        {"target": TEMPLATE},
    ),
    (
        "office/remote-template-no-mode.docx",
        lambda: remote_template("Internal"),
        "refused",
        "external",
        EXTERNAL,
        {"target": TEMPLATE},
    ),
    (
        "office/remote-image.docx",
        lambda: docx(document_rels=external("image", "http://127.0.0.1:5199/pixel.png")),
        "refused",
        "external",
        EXTERNAL,
        {"target": "http://127.0.0.1:5199/pixel.png"},
    ),
    (
        "office/network-path-frame.docx",
        lambda: docx(document_rels=external("frame", "\\\\127.0.0.1\\share\\frame.docx")),
        "refused",
        "external",
        EXTERNAL,
        {"target": "\\\\127.0.0.1\\share\\frame.docx"},
    ),
    (
        "office/file-hyperlink.docx",
        lambda: docx(document_rels=external("hyperlink", "file:///C:/Windows/System32/calc.exe")),
        "refused",
        "external",
        EXTERNAL,
        {"target": "file:///C:/Windows/System32/calc.exe"},
    ),
    (
        "office/external-workbook-link.xlsx",
        lambda: xlsx(workbook_rels=external("externalLink", "http://127.0.0.1:5199/book.xlsx")),
        "refused",
        "external",
        EXTERNAL,
        {"target": "http://127.0.0.1:5199/book.xlsx"},
    ),
    (
        "office/chart-workbook-with-link.docx",
        lambda: docx(
            {
                "word/embeddings/Microsoft_Excel_Worksheet.xlsx": xlsx(
                    workbook_rels=external("externalLink", "http://127.0.0.1:5199/b.xlsx")
                )
            }
        ),
        "refused",
        "external",
        EXTERNAL,
        {"target": "http://127.0.0.1:5199/b.xlsx"},
    ),
    # DOCX and XLSX: macros
    (
        "office/vba-project.docx",
        lambda: docx({"word/vbaProject.bin": OLE2}),
        "refused",
        "macro",
        MACRO,
        {},
    ),
    (
        "office/vba-project.xlsx",
        lambda: xlsx({"xl/vbaProject.bin": OLE2}),
        "refused",
        "macro",
        MACRO,
        {},
    ),
    (
        "office/macro-enabled-type.docx",
        lambda: docx(main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),
        "refused",
        "macro",
        MACRO,
        {},
    ),
    (
        "office/macro-enabled-type.xlsx",
        lambda: xlsx(main_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
        "refused",
        "macro",
        MACRO,
        {},
    ),
    (
        "office/excel4-macro-sheet.xlsx",
        lambda: xlsx({"xl/macrosheets/sheet1.xml": "<xm:macrosheet xmlns:xm='urn:x'/>"}),
        "refused",
        "macro",
        MACRO,
        {},
    ),
    # DOCX and XLSX: XML declarations
    (
        "office/billion-laughs.xlsx",
        lambda: xlsx(sheet=BILLION_LAUGHS + "<worksheet>&lol9;</worksheet>"),
        "refused",
        "xml",
        XML,
        {},
    ),
    (
        "office/external-entity.docx",
        lambda: docx(
            {
                "word/document.xml": '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document xmlns:w="urn:w">&x;</w:document>'
            }
        ),
        "refused",
        "xml",
        XML,
        {},
    ),
    (
        "office/dtd-in-content-types.xlsx",
        lambda: package(
            {
                **xlsx_parts(),
                "[Content_Types].xml": '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY a "b">]>'
                + CONTENT_TYPES.format(extra="").split("?>", 1)[1],
            }
        ),
        "refused",
        "xml",
        XML,
        {},
    ),
    (
        "office/broken-relationships.docx",
        lambda: docx({"word/_rels/document.xml.rels": "<Relationships><Relationship"}),
        "refused",
        "corrupt",
        CORRUPT,
        {},
    ),
    # DOCX and XLSX: archives
    (
        "office/zip-bomb.docx",
        lambda: docx({"word/media/fill.xml": b"\0" * 20_000_000}),
        "refused",
        "archive",
        ARCHIVE,
        {},
    ),
    (
        "office/nested-zip.docx",
        lambda: docx({"word/media/image1.bin": package({"a.txt": b"x"})}),
        "refused",
        "archive",
        ARCHIVE,
        {},
    ),
    (
        "office/zip-slip.docx",
        lambda: docx({"word/../../evil.xml": "<x/>"}),
        "refused",
        "archive",
        ARCHIVE,
        {},
    ),
    ("office/symlink.docx", symlink_docx, "refused", "archive", ARCHIVE, {}),
    ("office/plain-zip.docx", lambda: package({"a.txt": b"x"}), "refused", "type", NOT_ALLOWED, {}),
    (
        "office/corrupt-zip.xlsx",
        lambda: b"PK\x03\x04" + b"\x00" * 100,
        "refused",
        "corrupt",
        CORRUPT,
        {},
    ),
]


def expected_message(path: str, template: str | None, values: dict) -> str | None:
    if template is None:
        return None
    return template.format(name=Path(path).name, **values)


def main() -> None:
    rewrite = "--rewrite" in sys.argv[1:]
    manifest = []
    for path, make, verdict, reason, template, values in CORPUS:
        target = HERE / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if rewrite or not target.exists():
            target.write_bytes(make())
        manifest.append(
            {
                "file": path,
                "verdict": verdict,
                "reason": reason,
                "message": expected_message(path, template, values),
            }
        )
    MANIFEST.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    total = sum((HERE / entry["file"]).stat().st_size for entry in manifest)
    print(f"{len(manifest)} files, {total / 1024:.0f} KB")


if __name__ == "__main__":
    main()
