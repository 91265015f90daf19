"""Helpers for the producer tests: images made with Pillow, a stored photo row."""

from __future__ import annotations

import io

from PIL import Image


def png_bytes(size: tuple[int, int] = (8, 8), color: str = "green") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def add_photo(product, actor):
    """A photo stored the way an upload would be, without going through the form."""
    from werkzeug.datastructures import FileStorage

    from evalapp.producers import services

    upload = FileStorage(io.BytesIO(png_bytes()), filename="anh.png")
    (checked,) = services.checked_photos([upload])
    return services.add_photo(product, checked, actor=actor)


def link_in(message) -> str:
    """The path of the last link in an e-mail, to open with the test client."""
    from urllib.parse import urlsplit

    body = message.get_content()
    url = next(word for word in reversed(body.split()) if word.startswith("http"))
    return urlsplit(url).path


def exe_bytes() -> bytes:
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200
