"""Decoding the QR code of a certificate PDF, as a phone would: rasterise, then read."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import zxingcpp
from PIL import Image


def decode_pdf_qr(pdf: bytes, dpi: int = 150) -> list[str] | None:
    """The texts of the QR codes on the first page, or None when pdftoppm is not installed."""
    if shutil.which("pdftoppm") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "certificate.pdf"
        source.write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                str(dpi),
                "-f",
                "1",
                "-l",
                "1",
                str(source),
                f"{folder}/page",
            ],
            check=True,
            capture_output=True,
        )
        (image_path,) = Path(folder).glob("page*.png")
        with Image.open(image_path) as image:
            return [
                barcode.text
                for barcode in zxingcpp.read_barcodes(image.convert("L"))
                if barcode.format == zxingcpp.BarcodeFormat.QRCode
            ]
