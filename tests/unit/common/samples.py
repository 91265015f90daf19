"""Small real files made in memory for the upload and download tests."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from PIL import Image
from werkzeug.datastructures import FileStorage

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
)


def pdf(extra_trailer: str = "") -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    trailer = f"<< /Size {len(objects) + 1} /Root 1 0 R {extra_trailer}>>"
    out += f"trailer\n{trailer}\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def image(pillow_format: str, size=(64, 48), exif=None, mode="RGB") -> bytes:
    picture = Image.new(mode, size, "#2a7")
    output = io.BytesIO()
    options = {"exif": exif} if exif is not None else {}
    picture.save(output, pillow_format, **options)
    return output.getvalue()


def png() -> bytes:
    return image("PNG")


def jpeg() -> bytes:
    return image("JPEG")


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares its size but carries no pixels: a pixel flood costs nothing to send."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 16)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def office(parts: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return output.getvalue()


def docx(extra: dict[str, bytes] | None = None) -> bytes:
    return office(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "_rels/.rels": b"<Relationships/>",
            "word/document.xml": "<w:document>Hồ sơ OCOP</w:document>".encode(),
            **(extra or {}),
        }
    )


def xlsx() -> bytes:
    return office(
        {
            "[Content_Types].xml": CONTENT_TYPES.encode(),
            "_rels/.rels": b"<Relationships/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": b"<worksheet/>",
        }
    )


def upload(data: bytes, filename: str | None, content_type: str = "application/pdf") -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=filename, content_type=content_type)
