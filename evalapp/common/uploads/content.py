"""Looking inside a file of a known type: a PDF read by pypdf (`pdfs`), a DOCX or XLSX package
looked into (`packages`), an image whose size is read from its header and refused above
`MAX_IMAGE_PIXELS` before any pixel is decoded, then decoded in full and re-encoded (which
drops EXIF/GPS metadata and anything appended).

The pixel cap is 25 megapixels. A 24-megapixel camera (6000 × 4000) and a phone photo (12 MP,
the default output even of 48–200 MP sensors) pass; an A4 page scanned at 400 dpi is 15.5 MP.
Decoding costs memory in proportion: 25 MP is 75 MB as RGB, 100 MB as RGBA, about a second of
one core with the re-encoding (the probe of 3 December 2026 measured 2 s and +290 MB for a
131 KB PNG of 39.7 MP under the former 40 MP cap). With at most `UPLOAD_MAX_FILES_PER_REQUEST`
files a request, one request is bounded to about ten such seconds. Re-encoding uses the default
compression, not `optimize`, which cost as much again for a few per cent of bytes."""

from __future__ import annotations

import io
import re
import struct
from contextlib import contextmanager

from flask_babel import format_decimal
from flask_babel import gettext as _
from PIL import Image, ImageFile, ImageOps

from evalapp.common.uploads.formats import UploadRejected, corrupt
from evalapp.common.uploads.packages import checked_office
from evalapp.common.uploads.pdfs import checked_pdf

MAX_IMAGE_PIXELS = 25_000_000
JPEG_QUALITY = 90
# Each scan of a progressive JPEG is decoded over the whole picture: a few kilobytes of scans
# can cost minutes. Encoders write 1 (baseline) to about 10 (progressive, 20 for mozjpeg).
MAX_JPEG_SCANS = 100
JPEG_MARKER_AFTER_DATA = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
STANDALONE_MARKERS = frozenset({0x01, 0xD8, *range(0xD0, 0xD8)})
FRAME_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# What Pillow raises on damaged or hostile input (UnidentifiedImageError is an OSError).
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error)


def reencoded_jpeg(data: bytes, name: str) -> bytes:
    return reencoded_image(data, name, "JPEG")


def reencoded_png(data: bytes, name: str) -> bytes:
    return reencoded_image(data, name, "PNG")


def reencoded_image(data: bytes, name: str, pillow_format: str) -> bytes:
    """The image decoded in full and written anew, upright, without metadata or trailing bytes."""
    scans, declared = jpeg_walk(data) if pillow_format == "JPEG" else (0, png_size(data))
    if declared:  # read from the header: Pillow's own bomb check would not say the size
        check_pixels(declared, name)
    if scans > MAX_JPEG_SCANS:
        raise too_many_scans(name)
    try:
        with strict_pillow():
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as probe:
                check_pixels(probe.size, name)
                probe.verify()
            with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
                image.load()
                ImageOps.exif_transpose(image, in_place=True)  # no second copy of the pixels
                return encoded(image, pillow_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels(name) from None
    except DECODING_ERRORS:
        raise corrupt(name) from None


@contextmanager
def strict_pillow():
    """Pillow as it is by default while an upload is decoded. WeasyPrint sets the process-wide
    `ImageFile.LOAD_TRUNCATED_IMAGES` when first imported (the first PDF a process renders),
    after which Pillow pads a truncated image and skips an oversized text chunk instead of
    failing. The setting is given back afterwards; a PDF rendered meanwhile in another thread
    only ever reads images that already passed this check."""
    loosened = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = loosened


def check_pixels(size: tuple[int, int], name: str) -> None:
    if size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise too_many_pixels(name, size)


def too_many_pixels(name: str, size: tuple[int, int] | None = None) -> UploadRejected:
    if size is None:  # Pillow's own bomb check fired: the size is not known here
        return UploadRejected(
            _(
                "Ảnh “%(name)s” quá lớn, tối đa %(max)d megapixel; hãy giảm kích thước ảnh rồi "
                "tải lên lại.",
                name=name,
                max=MAX_IMAGE_PIXELS // 1_000_000,
            ),
            "pixels",
        )
    return UploadRejected(
        _(
            "Ảnh “%(name)s” quá lớn: %(megapixels)s megapixel (%(width)d × %(height)d điểm ảnh), "
            "tối đa %(max)d megapixel; hãy giảm kích thước ảnh rồi tải lên lại.",
            name=name,
            megapixels=format_decimal(size[0] * size[1] / 1_000_000, format="#,##0.0"),
            width=size[0],
            height=size[1],
            max=MAX_IMAGE_PIXELS // 1_000_000,
        ),
        "pixels",
    )


def png_size(data: bytes) -> tuple[int, int] | None:
    """The size in the header chunk, which comes first."""
    if data[12:16] == b"IHDR" and len(data) >= 24:
        return struct.unpack(">II", data[16:24])
    return None


def jpeg_walk(data: bytes) -> tuple[int, tuple[int, int] | None]:
    """The start-of-scan segments (counting stops past `MAX_JPEG_SCANS`) and the frame size, by
    walking the segments. Entropy-coded data holds no marker but restarts and stuffed `FF 00`."""
    scans, size, position = 0, None, 2
    while position + 4 <= len(data) and scans <= MAX_JPEG_SCANS:
        if data[position] != 0xFF:
            break  # not a segment: the decoder judges the rest
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image
            break
        if marker in STANDALONE_MARKERS:
            position += 2
            continue
        if marker in FRAME_MARKERS and size is None and position + 9 <= len(data):
            height, width = struct.unpack(">HH", data[position + 5 : position + 9])
            size = (width, height)
        position += 2 + int.from_bytes(data[position + 2 : position + 4], "big")
        if marker == 0xDA:
            scans += 1
            following = JPEG_MARKER_AFTER_DATA.search(data, position)
            if following is None:
                break
            position = following.start()
    return scans, size


def too_many_scans(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Ảnh JPEG “%(name)s” có cấu trúc bất thường (hơn %(max)d lượt quét) nên không "
            "được nhận; hãy lưu lại ảnh bằng phần mềm chỉnh ảnh rồi tải lên.",
            name=name,
            max=MAX_JPEG_SCANS,
        ),
        "scans",
    )


def encoded(image: Image.Image, pillow_format: str) -> bytes:
    output = io.BytesIO()
    icc_profile = image.info.get("icc_profile")
    if pillow_format == "JPEG":
        if image.mode not in {"RGB", "L"}:
            image, icc_profile = image.convert("RGB"), None
        image.save(output, "JPEG", quality=JPEG_QUALITY, icc_profile=icc_profile)
    else:
        image.save(output, "PNG", icc_profile=icc_profile)
    return output.getvalue()


CONTENT_CHECKS = {
    "pdf": checked_pdf,
    "jpg": reencoded_jpeg,
    "png": reencoded_png,
    "docx": checked_office,
    "xlsx": checked_office,
}
