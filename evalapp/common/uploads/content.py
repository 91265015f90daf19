"""Looking inside a file of a known type: a PDF's header, end marker and encryption; an image
decoded in full, its pixels counted and re-encoded (which drops EXIF/GPS metadata and anything
appended)."""

from __future__ import annotations

import io
import re
import struct

from flask_babel import gettext as _
from PIL import Image, ImageOps

from evalapp.common.uploads.formats import UploadRejected, corrupt

MAX_IMAGE_PIXELS = 40_000_000
JPEG_QUALITY = 90
PDF_TAIL = 2048
# What Pillow raises on damaged or hostile input (UnidentifiedImageError is an OSError).
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, struct.error)


def checked_pdf(data: bytes, name: str) -> bytes:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-PDF_TAIL:]:
        raise corrupt(name)
    if re.search(rb"/Encrypt\b", data):
        raise UploadRejected(
            _(
                "Tệp PDF “%(name)s” được đặt mật khẩu hoặc mã hoá; hãy tải lên bản không khoá.",
                name=name,
            ),
            "encrypted",
        )
    return data


def checked_office(data: bytes, name: str) -> bytes:
    return data


def reencoded_jpeg(data: bytes, name: str) -> bytes:
    return reencoded_image(data, name, "JPEG")


def reencoded_png(data: bytes, name: str) -> bytes:
    return reencoded_image(data, name, "PNG")


def reencoded_image(data: bytes, name: str, pillow_format: str) -> bytes:
    """The image decoded in full and written anew, upright, without metadata or trailing bytes."""
    try:
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as probe:
            check_pixels(probe.size, name)
            probe.verify()
        with Image.open(io.BytesIO(data), formats=[pillow_format]) as image:
            image.load()
            return encoded(ImageOps.exif_transpose(image), pillow_format)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise too_many_pixels(name) from None
    except DECODING_ERRORS:
        raise corrupt(name) from None


def check_pixels(size: tuple[int, int], name: str) -> None:
    if size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise too_many_pixels(name)


def too_many_pixels(name: str) -> UploadRejected:
    return UploadRejected(
        _(
            "Ảnh “%(name)s” có độ phân giải quá lớn (tối đa %(megapixels)d megapixel).",
            name=name,
            megapixels=MAX_IMAGE_PIXELS // 1_000_000,
        ),
        "pixels",
    )


def encoded(image: Image.Image, pillow_format: str) -> bytes:
    output = io.BytesIO()
    icc_profile = image.info.get("icc_profile")
    if pillow_format == "JPEG":
        if image.mode not in {"RGB", "L"}:
            image, icc_profile = image.convert("RGB"), None
        image.save(output, "JPEG", quality=JPEG_QUALITY, optimize=True, icc_profile=icc_profile)
    else:
        image.save(output, "PNG", optimize=True, icc_profile=icc_profile)
    return output.getvalue()


CONTENT_CHECKS = {
    "pdf": checked_pdf,
    "jpg": reencoded_jpeg,
    "png": reencoded_png,
    "docx": checked_office,
    "xlsx": checked_office,
}
