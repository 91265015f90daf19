"""The upload policy against the committed corpus (tests/data/uploads) and its limits: each
file's refusal reason, the manifest kept in step with its generator, the pixel cap applied
from the header before any decoding, and the count of files in one request."""

import io
import json
import time
from pathlib import Path

import pytest
from PIL import Image, ImageFile
from werkzeug.datastructures import FileStorage

from evalapp.common.uploads import UploadRejected, check_upload, chosen_files, content
from tests.data.uploads import make_corpus
from tests.unit.common.samples import upload

pytestmark = pytest.mark.usefixtures("vietnamese")

CORPUS = Path(make_corpus.__file__).resolve().parent
MANIFEST = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
EVERYTHING = ("pdf", "jpg", "png", "docx", "xlsx")


def test_the_corpus_is_the_one_its_script_makes_and_stays_small():
    made = [
        {
            "file": path,
            "verdict": verdict,
            "reason": reason,
            "message": make_corpus.expected_message(path, template, values),
        }
        for path, _make, verdict, reason, template, values in make_corpus.CORPUS
    ]
    assert made == MANIFEST
    refused = [entry for entry in MANIFEST if entry["verdict"] == "refused"]
    assert len(refused) >= 60
    assert len(MANIFEST) - len(refused) >= 10  # harmless look-alikes
    assert sum((CORPUS / entry["file"]).stat().st_size for entry in MANIFEST) < 400 * 1024


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["file"] for entry in MANIFEST])
def test_each_corpus_file_gets_its_reason(entry):
    data = (CORPUS / entry["file"]).read_bytes()
    name = Path(entry["file"]).name
    if entry["verdict"] == "accepted":
        assert check_upload(upload(data, name), EVERYTHING, 20).original_name == name
        return
    with pytest.raises(UploadRejected) as refused:
        check_upload(upload(data, name), EVERYTHING, 20)
    assert (refused.value.reason, refused.value.message) == (entry["reason"], entry["message"])


def test_the_probes_png_is_refused_from_its_header_without_decoding():
    buffer = io.BytesIO()
    Image.new("1", (6300, 6300)).save(buffer, "PNG")  # 39.7 MP, a few kilobytes

    started = time.perf_counter()
    with pytest.raises(UploadRejected) as refused:
        check_upload(upload(buffer.getvalue(), "nhãn.png"), ("png",), 5)

    assert time.perf_counter() - started < 0.3  # decoding and re-encoding took 2 s
    assert refused.value.message == (
        "Ảnh “nhãn.png” quá lớn: 39,7 megapixel (6300 × 6300 điểm ảnh), tối đa 25 megapixel; "
        "hãy giảm kích thước ảnh rồi tải lên lại."
    )


def test_an_ordinary_progressive_jpeg_has_few_scans():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 64), "#2a7").save(buffer, "JPEG", progressive=True)

    scans, size = content.jpeg_walk(buffer.getvalue())

    assert 1 < scans <= 20
    assert size == (64, 64)


def test_chosen_files_drops_empty_inputs_and_counts_the_rest():
    empty = FileStorage(io.BytesIO(b""), filename="")
    files = [upload(b"x", f"{n}.pdf") for n in range(3)]

    assert chosen_files([empty, *files, None], limit=3) == files
    with pytest.raises(UploadRejected) as refused:
        chosen_files(files, limit=2)
    assert refused.value.reason == "count"
    assert str(refused.value) == (
        "Mỗi lần chỉ được tải lên tối đa 2 tệp; bạn đã chọn 3 tệp. Chưa tệp nào được lưu: hãy "
        "chia thành nhiều lần tải lên."
    )


@pytest.mark.parametrize(
    "path", ["images/truncated.png", "images/truncated.jpg", "images/text-chunk-bomb.png"]
)
def test_damaged_images_stay_refused_once_weasyprint_has_loosened_pillow(monkeypatch, path):
    """WeasyPrint sets Pillow's LOAD_TRUNCATED_IMAGES when first imported (the first PDF a
    process renders): from then on Pillow would pad a truncated image instead of failing."""
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = (CORPUS / path).read_bytes()

    with pytest.raises(UploadRejected) as refused:
        check_upload(upload(data, Path(path).name), EVERYTHING, 20)

    assert refused.value.reason == "corrupt"
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # WeasyPrint's setting is given back
