"""A batch laid out by worker processes and merged (pypdf) is as good as one laid out here: every
certificate's names exactly, fonts embedded, nothing attached, QR codes that decode; progress is
reported part by part; the workers are stopped afterwards; without a pool it prints here."""

import multiprocessing
import shutil
import subprocess
from io import BytesIO

import pytest
from pypdf import PdfReader, PdfWriter
from sqlalchemy import select

from evalapp.certificates import document, printing
from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.common import pdf
from evalapp.extensions import db
from tests.integration.certificates.conftest import certificate_of
from tests.integration.certificates.qr import decode_pdf_qr
from tests.integration.certificates.support import flat, page_count, pdf_text
from tests.integration.certificates.test_safe_rendering import embedded_files

NAMES = [
    ("Trà Shan Tuyết Cổ Thụ Hà Giang", "Hợp tác xã Nông nghiệp Đồng Văn – Quản Bạ"),
    ("Giỏ đay Hiếu Lâm", "Công ty TNHH Hiếu Lâm"),
    ("Mật ong bạc hà Mèo Vạc", "Tổ hợp tác Ong mật Lũng Cú"),
    ("Cơm cháy Cung Đình", "Hộ kinh doanh Nguyễn Thị Ánh"),
    ("Chè Ô Long Mộc Châu", "Công ty Cổ phần Chè Ô Long"),
    ("Nem chua Thanh Hóa", "Hợp tác xã Ẩm thực Xứ Thanh"),
    ("Nước mắm Cát Hải", "Công ty TNHH Nước mắm Cát Hải"),
    ("Bưởi Diễn Đoan Hùng", "Hợp tác xã Bưởi Chí Đám"),
]


@pytest.fixture
def workers():
    """Two worker processes for the test, stopped after it: none is left behind."""
    yield 2
    pdf.shutdown_pool()
    assert multiprocessing.active_children() == []


def eight_facts(issued) -> list[dict]:
    base = [document.printed_facts(certificate_of(issued, stars)) for stars in (4, 3)]
    facts = []
    for index, (product, producer) in enumerate(NAMES):
        number = f"NB-2021-{index + 1:04d}"
        facts.append({**base[index % 2], "product_name": product, "producer_name": producer})
        facts[-1]["number"] = number
    return facts


def single_page(merged: bytes, index: int) -> bytes:
    writer = PdfWriter()
    writer.add_page(PdfReader(BytesIO(merged)).pages[index])
    output = BytesIO()
    writer.write(output)
    return output.getvalue()


def test_the_parts_split_evenly_and_never_exceed_the_chunk():
    assert document.split(100, 25, 2) == [
        range(0, 25),
        range(25, 50),
        range(50, 75),
        range(75, 100),
    ]
    assert [len(part) for part in document.split(30, 25, 2)] == [15, 15]
    assert [len(part) for part in document.split(101, 25, 2)] == [17, 17, 17, 17, 17, 16]
    assert [len(part) for part in document.split(3, 25, 2)] == [2, 1]
    assert [len(part) for part in document.split(1, 25, 2)] == [1]


def test_a_batch_from_two_workers_keeps_every_fact(issued, workers, tmp_path):
    facts = eight_facts(issued)
    seen = []
    merged = document.batch_pdf(facts, "123/QĐ-UBND", progress=seen.append, chunk=2, processes=2)

    assert pdf._pool is not None  # rendered by the workers, not here
    assert sorted(seen) == seen and seen[-1] == 8 and len(seen) == 4
    assert page_count(merged) == 8
    pages = [flat(page.extract_text()) for page in PdfReader(BytesIO(merged)).pages]
    for page, (product, producer), fact in zip(pages, NAMES, facts, strict=True):
        assert product in page and producer in page and fact["number"] in page
        assert "ĐẠT" in page and "Có giá trị đến hết ngày 20/12/2024" in page
    assert embedded_files(merged) == 0
    assert PdfReader(BytesIO(merged)).metadata.title.endswith("123/QĐ-UBND")

    if shutil.which("pdffonts"):
        path = tmp_path / "batch.pdf"
        path.write_bytes(merged)
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(" yes yes yes " in f" {' '.join(r.split()[-5:-2])} " for r in rows)
        assert all("Noto-Serif" in row for row in rows)
    for index in (0, 5, 7):
        decoded = decode_pdf_qr(single_page(merged, index))
        if decoded is None:
            break
        assert decoded == [facts[index]["verification_url"]]


def test_the_print_job_reports_progress_from_the_workers(issued, app, workers, monkeypatch):
    app.config["CERTIFICATE_PRINT_PROCESSES"] = workers
    monkeypatch.setattr(document, "PARALLEL_FROM", 2)
    recorded = []
    original = printing.record_progress

    def recording(job, attempt, done):
        recorded.append(done)
        original(job, attempt, done)

    monkeypatch.setattr(printing, "record_progress", recording)
    job = printing.start_print_job(issued.decision, issued.secretary)
    db.session.commit()
    printing.run_print_job(job.id)

    db.session.expire_all()
    job = db.session.scalars(select(PrintJob).order_by(PrintJob.id.desc())).first()
    assert (job.state, job.done, job.total) == (PrintJobState.DONE, 2, 2)
    assert recorded == [1, 2] and pdf._pool is not None


def test_without_a_pool_the_batch_is_printed_here(issued, monkeypatch):
    monkeypatch.setattr(pdf, "_pool_broken", False)

    def cannot_start(*args, **kwargs):
        raise OSError("no semaphores here")

    monkeypatch.setattr(pdf, "ProcessPoolExecutor", cannot_start)
    facts = eight_facts(issued)
    seen = []
    merged = document.batch_pdf(facts, "t", progress=seen.append, chunk=4, processes=2)
    assert pdf._pool is None and pdf._pool_broken
    assert seen == [4, 8] and page_count(merged) == 8
    assert all(product in flat(pdf_text(merged)) for product, _ in NAMES)
    assert multiprocessing.active_children() == []


def test_while_testing_batches_are_printed_in_this_process(app):
    assert document.print_processes() == 1
    app.config["CERTIFICATE_PRINT_PROCESSES"] = 2
    assert document.print_processes() == 2


def test_workers_that_cannot_spawn_leave_the_batch_to_this_process(issued, monkeypatch, workers):
    def cannot_spawn(*args, **kwargs):
        raise OSError("fork: resource temporarily unavailable")

    pool = pdf.pdf_pool(workers)
    monkeypatch.setattr(pool, "submit", cannot_spawn)
    seen = []
    merged = document.batch_pdf(eight_facts(issued), "t", progress=seen.append, processes=2)
    assert seen == [4, 8] and page_count(merged) == 8 and pdf._pool is None
