import hashlib
import io
import time
import unicodedata
import zipfile

import pytest
from PIL import Image

from evalapp.common import uploads
from evalapp.common.uploads import UploadRejected, check_upload, detection, display_name
from tests.data.uploads import make_corpus
from tests.unit.common import samples
from tests.unit.common.samples import upload

pytestmark = pytest.mark.usefixtures("vietnamese")

DOCUMENTS = ("pdf", "docx", "xlsx")
PHOTOS = ("jpg", "png")
EVERYTHING = DOCUMENTS + PHOTOS


def rejected(data: bytes, name: str, allowed=EVERYTHING, max_mb: int = 5) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        check_upload(upload(data, name), allowed, max_mb)
    return caught.value


@pytest.mark.parametrize(
    ("make", "name", "expected_format", "mimetype"),
    [
        (samples.pdf, "Giấy chứng nhận.pdf", "pdf", "application/pdf"),
        (samples.docx, "Thuyết minh.docx", "docx", uploads.FORMATS["docx"].mimetype),
        (samples.xlsx, "Bảng giá.XLSX", "xlsx", uploads.FORMATS["xlsx"].mimetype),
        (samples.png, "nhãn.png", "png", "image/png"),
        (samples.jpeg, "sản phẩm.jpeg", "jpg", "image/jpeg"),
    ],
)
def test_accepts_each_format_by_its_content(make, name, expected_format, mimetype):
    checked = check_upload(upload(make(), name, "application/octet-stream"), EVERYTHING, 5)

    assert checked.format == expected_format
    assert checked.mimetype == mimetype
    assert checked.original_name == name
    assert checked.size == len(checked.data)
    assert checked.sha256 == hashlib.sha256(checked.data).hexdigest()


def test_documents_are_kept_byte_for_byte():
    data = samples.pdf()

    assert check_upload(upload(data, "a.pdf"), DOCUMENTS, 5).data == data


def test_vietnamese_name_is_kept_in_composed_form():
    decomposed = unicodedata.normalize("NFD", "Đơn đăng ký.pdf")

    checked = check_upload(upload(samples.pdf(), decomposed), DOCUMENTS, 5)

    assert checked.original_name == "Đơn đăng ký.pdf"
    assert unicodedata.is_normalized("NFC", checked.original_name)


def test_over_size_is_refused_in_vietnamese():
    error = rejected(samples.pdf() + b" " * (1024 * 1024), "Hồ sơ.pdf", max_mb=1)

    assert error.reason == "too_large"
    assert str(error) == "Tệp “Hồ sơ.pdf” vượt quá dung lượng tối đa 1 MB."


class CountingStream(io.BytesIO):
    def __init__(self, data: bytes):
        super().__init__(data)
        self.bytes_read = 0

    def read(self, size=-1):
        chunk = super().read(size)
        self.bytes_read += len(chunk)
        return chunk


def test_a_big_upload_is_not_read_past_the_limit():
    stream = CountingStream(b"%PDF-" + b"0" * (20 * 1024 * 1024))
    file = upload(b"", "big.pdf")
    file.stream = stream

    with pytest.raises(UploadRejected):
        check_upload(file, DOCUMENTS, 1)

    assert stream.bytes_read == 1024 * 1024 + 1


def test_empty_file_is_refused():
    error = rejected(b"", "trống.pdf")

    assert error.reason == "empty"
    assert str(error) == "Tệp “trống.pdf” không có nội dung."


def test_renamed_executable_is_not_an_allowed_type():
    error = rejected(b"MZ\x90\x00" + b"\x00" * 200, "ho-so.pdf", allowed=DOCUMENTS)

    assert error.reason == "type"
    assert str(error) == (
        "Tệp “ho-so.pdf” không thuộc loại được phép. Chỉ nhận: PDF, Word (DOCX), Excel (XLSX)."
    )


def test_png_named_pdf_says_what_it_really_is():
    error = rejected(samples.png(), "ho-so.pdf", allowed=DOCUMENTS)

    assert error.reason == "extension"
    assert str(error) == "Tệp “ho-so.pdf” có phần mở rộng “.pdf” nhưng nội dung thực là PNG."


def test_allowed_content_with_the_right_name_but_not_allowed_here():
    error = rejected(samples.png(), "ảnh.png", allowed=("pdf",))

    assert error.reason == "type"
    assert "Chỉ nhận: PDF." in str(error)


def test_word_document_named_as_a_spreadsheet_is_refused():
    error = rejected(samples.docx(), "bảng.xlsx")

    assert error.reason == "extension"
    assert "nội dung thực là Word (DOCX)" in str(error)


def test_name_without_extension_is_refused_with_a_hint():
    error = rejected(samples.pdf(), "hoso")

    assert error.reason == "extension"
    assert str(error) == "Tên tệp “hoso” thiếu phần mở rộng; nội dung của tệp là PDF (.pdf)."


def test_text_and_html_are_not_allowed_types():
    assert rejected(b"<html><script>alert(1)</script></html>", "x.pdf").reason == "type"
    assert rejected(b"ten,gia\nmat ong,100\n", "x.xlsx").reason == "type"


def test_an_unknown_allowed_format_is_a_programming_error():
    with pytest.raises(ValueError, match="allowed_formats"):
        check_upload(upload(samples.pdf(), "a.pdf"), ("pdf", "exe"), 5)


# PDF


def test_pdf_without_end_marker_is_refused():
    error = rejected(samples.pdf().replace(b"%%EOF", b""), "cắt.pdf")

    assert error.reason == "corrupt"
    assert str(error) == "Tệp “cắt.pdf” bị hỏng hoặc không đọc được."


def test_encrypted_pdf_is_refused():
    error = rejected(make_corpus.encrypted("", "chủ"), "khoá.pdf")

    assert error.reason == "encrypted"
    assert "được đặt mật khẩu hoặc mã hoá" in str(error)


# DOCX and XLSX


def test_zip_bomb_is_refused_quickly():
    bomb = samples.docx({"word/media/fill.xml": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < 100_000

    started = time.perf_counter()
    error = rejected(bomb, "bom.docx")

    assert time.perf_counter() - started < 1
    assert error.reason == "archive"
    assert "cấu trúc bất thường" in str(error)


def test_too_many_entries_are_refused(monkeypatch):
    monkeypatch.setattr(detection, "MAX_ZIP_ENTRIES", 10)
    parts = {f"word/part{n}.xml": b"<p/>" for n in range(11)}

    assert rejected(samples.docx(parts), "nhiều.docx").reason == "archive"


def test_too_much_declared_unpacked_data_is_refused(monkeypatch):
    monkeypatch.setattr(detection, "MAX_UNPACKED_SIZE", 1000)
    parts = {"word/big.xml": bytes(range(256)) * 8}

    assert rejected(samples.docx(parts), "lớn.docx").reason == "archive"


@pytest.mark.parametrize(
    "part",
    [
        "word/media/Microsoft_Excel_Sheet1.xlsx",
        "word/media/archive.zip",
        "/etc/cron.d/x",
        "word/../../evil.xml",
        "C:/evil.xml",
    ],
)
def test_odd_archive_entries_are_refused(part):
    assert rejected(samples.docx({part: b"data"}), "lạ.docx").reason == "archive"


def test_nested_archive_is_found_by_its_content():
    inner = samples.office({"a.txt": b"x"})

    assert rejected(samples.docx({"word/media/image1.bin": inner}), "lồng.docx").reason == "archive"


def test_a_chart_workbook_embedded_in_a_word_file_is_accepted():
    parts = {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": samples.xlsx()}

    assert (
        check_upload(upload(samples.docx(parts), "phương án.docx"), DOCUMENTS, 5).format == "docx"
    )


@pytest.mark.parametrize(
    ("inner", "reason"),
    [
        (samples.office({"xl/a.zip": samples.office({"x": b"x"})}), "archive"),
        (samples.office({"xl/big.xml": b"\0" * (20 * 1024 * 1024)}), "archive"),
        (b"not a zip", "corrupt"),
    ],
)
def test_embedded_workbooks_are_checked_too(inner, reason):
    parts = {"word/embeddings/Microsoft_Excel_Worksheet.xlsx": inner}

    assert rejected(samples.docx(parts), "lồng.docx").reason == reason


def test_symbolic_link_entry_is_refused():
    link = zipfile.ZipInfo("word/link.xml")
    link.external_attr = (0o120777 << 16) | 0x20
    output = io.BytesIO(samples.docx())
    with zipfile.ZipFile(output, "a") as archive:
        archive.writestr(link, "/etc/passwd")

    assert rejected(output.getvalue(), "liên kết.docx").reason == "archive"


def test_macros_are_refused():
    error = rejected(samples.docx({"word/vbaProject.bin": b"\xd0\xcf\x11\xe0"}), "macro.docx")

    assert error.reason == "macro"
    assert str(error) == "Tệp “macro.docx” chứa macro; chỉ nhận tệp Word, Excel không có macro."


def test_corrupt_zip_is_refused_with_a_message():
    error = rejected(b"PK\x03\x04" + b"\x00" * 100, "hỏng.docx")

    assert error.reason == "corrupt"
    assert str(error) == "Tệp “hỏng.docx” bị hỏng hoặc không đọc được."


def test_a_plain_zip_is_neither_word_nor_excel():
    assert rejected(samples.office({"a.txt": b"x"}), "nén.docx").reason == "type"


# Images


def test_exif_and_gps_are_removed_from_photos():
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    exif[0x8825] = {1: "N", 2: (21.0, 1.0, 30.0)}
    original = samples.image("JPEG", exif=exif)
    assert Image.open(io.BytesIO(original)).getexif()

    checked = check_upload(upload(original, "ảnh.jpg"), PHOTOS, 5)

    with Image.open(io.BytesIO(checked.data)) as result:
        assert not result.getexif()
        assert "exif" not in result.info
        assert result.size == (64, 48)


def test_photo_taken_sideways_is_stored_upright():
    exif = Image.Exif()
    exif[0x0112] = 6
    original = samples.image("JPEG", size=(64, 48), exif=exif)

    checked = check_upload(upload(original, "xoay.jpg"), PHOTOS, 5)

    assert Image.open(io.BytesIO(checked.data)).size == (48, 64)


def test_bytes_appended_to_an_image_are_dropped():
    payload = b"<?php system($_GET['c']); ?>"

    checked = check_upload(upload(samples.png() + payload, "nhãn.png"), PHOTOS, 5)

    assert payload not in checked.data
    assert Image.open(io.BytesIO(checked.data)).format == "PNG"


@pytest.mark.parametrize(("side", "megapixels"), [(7000, "49,0"), (20000, "400,0")])
def test_pixel_floods_are_refused(side, megapixels):
    error = rejected(samples.png_header_only(side, side), "lũ.png")

    assert error.reason == "pixels"
    assert str(error) == (
        f"Ảnh “lũ.png” quá lớn: {megapixels} megapixel ({side} × {side} điểm ảnh), tối đa 25 "
        "megapixel; hãy giảm kích thước ảnh rồi tải lên lại."
    )


def test_truncated_image_is_refused():
    assert rejected(samples.jpeg()[:200], "cụt.jpg").reason == "corrupt"
    assert rejected(samples.png()[:40], "cụt.png").reason == "corrupt"


def test_cmyk_jpeg_is_stored_as_rgb():
    original = samples.image("JPEG", mode="CMYK")

    checked = check_upload(upload(original, "in.jpg"), PHOTOS, 5)

    assert Image.open(io.BytesIO(checked.data)).mode == "RGB"


# Names


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\evil\\x.pdf", "x.pdf"),
        ("báo cáo\r\nSet-Cookie: a=b.pdf", "báo cáoSet-Cookie: a=b.pdf"),
        ("hồ \"sơ\" 'mới'.pdf", "hồ sơ mới.pdf"),
        ("“Đơn” đăng ký.pdf", "Đơn đăng ký.pdf"),
        ("hoá đơn\u202efdp.exe", "hoá đơnfdp.exe"),
        ("  nhiều   khoảng   trắng .pdf ", "nhiều khoảng trắng.pdf"),
        (".pdf", "tệp.pdf"),
        ('""', ""),
        ("", ""),
        (None, ""),
    ],
)
def test_display_names_are_made_safe(raw, shown):
    assert display_name(raw) == shown


def test_long_names_are_cut_to_200_characters_keeping_the_extension():
    shown = display_name("Đ" * 500 + ".pdf")

    assert len(shown) == 200
    assert shown.endswith("Đ.pdf")


def test_hostile_name_through_check_upload():
    checked = check_upload(upload(samples.pdf(), "../../etc/passwd.pdf"), DOCUMENTS, 5)

    assert checked.original_name == "passwd.pdf"


def test_a_name_with_nothing_left_gets_a_fallback():
    checked = check_upload(upload(samples.pdf(), '""'), DOCUMENTS, 5)

    assert checked.original_name == "tệp.pdf"
