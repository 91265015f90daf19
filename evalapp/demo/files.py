"""Small files for demo dossiers: a one-page PDF and a PNG, each saying it is demo data."""

from __future__ import annotations

from io import BytesIO

from PIL import Image, ImageDraw

from evalapp.common.uploads import CheckedUpload, check_upload


def demo_pdf(title: str) -> bytes:
    text = f"DU LIEU MAU - {title}".encode("latin-1", "replace")
    body = b"BT /F1 14 Tf 60 780 Td (" + text + b") Tj ET"
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length " + str(len(body)).encode() + b">>stream\n" + body + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj".encode() + obj + b"endobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    out.write(b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets))
    out.write(
        f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def demo_png(caption: str) -> bytes:
    image = Image.new("RGB", (480, 320), (233, 222, 196))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 460, 300), outline=(140, 98, 57), width=6)
    draw.text((40, 140), f"DU LIEU MAU: {caption}"[:60], fill=(90, 60, 30))
    out = BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def checked(data: bytes, name: str, fmt: str) -> CheckedUpload:
    """Run a demo file through the same checks as an upload (so the demo proves they pass)."""
    from werkzeug.datastructures import FileStorage

    return check_upload(FileStorage(BytesIO(data), filename=name), [fmt], 20)
