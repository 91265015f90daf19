"""The print worker processes start without running a compiler, are stopped once no batch has
come for the configured time (their memory goes back to the machine) and come back for the next
batch; every PDF gets a fetcher of its own."""

import json
import multiprocessing
import subprocess
import sys
import time
from pathlib import Path

import pytest

from evalapp.certificates import document
from evalapp.common import pdf
from tests.integration.certificates.conftest import certificate_of
from tests.integration.certificates.support import flat, page_count, pdf_text

PROJECT = Path(__file__).resolve().parents[3]

FRESH_PROCESS = """
import json, subprocess
started = []
popen = subprocess.Popen.__init__
def recording(self, args, *rest, **options):
    started.append(str(args))
    popen(self, args, *rest, **options)
subprocess.Popen.__init__ = recording
from evalapp.common import pdf
from tests.integration.certificates.support import pdf_text
html = "<p style=\\"font-family: 'Noto Serif'\\">Giấy chứng nhận sản phẩm OCOP</p>"
print(json.dumps({"started": started, "text": pdf_text(pdf.layout_cached(html).write_pdf())}))
"""


@pytest.fixture
def workers():
    yield 2
    pdf.shutdown_pool()
    assert multiprocessing.active_children() == [] and pdf._release_timer is None


def eventually(condition, seconds=60.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the lookups run on Linux")
def test_a_fresh_process_prints_without_running_a_compiler():
    run = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS], cwd=PROJECT, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    outcome = json.loads(run.stdout.splitlines()[-1])
    assert outcome["started"] == []  # no ldconfig, gcc nor ld
    assert "Giấy chứng nhận sản phẩm OCOP" in flat(outcome["text"])


def test_idle_workers_are_stopped_and_the_next_batch_starts_new_ones(app, issued, workers):
    facts = [document.printed_facts(certificate_of(issued, stars)) for stars in (4, 3)] * 4
    app.config["CERTIFICATE_PRINT_POOL_IDLE_SECONDS"] = 0
    first = document.batch_pdf(facts, "t", chunk=4, processes=workers)
    assert eventually(lambda: pdf._pool is None and multiprocessing.active_children() == [])

    app.config["CERTIFICATE_PRINT_POOL_IDLE_SECONDS"] = 600
    second = document.batch_pdf(facts, "t", chunk=4, processes=workers)
    assert pdf._pool is not None and len(multiprocessing.active_children()) >= workers
    assert pdf._release_timer is not None  # stopped in ten minutes unless a batch comes
    assert page_count(second) == 8 and pdf_text(second) == pdf_text(first)
    assert "Giỏ đay Hiếu Lâm" in flat(pdf_text(second))


def test_the_idle_time_comes_from_the_configuration(app):
    assert document.pool_idle_seconds() == document.POOL_IDLE_SECONDS == 300
    app.config["CERTIFICATE_PRINT_POOL_IDLE_SECONDS"] = 0
    assert document.pool_idle_seconds() == 0
    app.config["CERTIFICATE_PRINT_POOL_IDLE_SECONDS"] = -1
    assert document.pool_idle_seconds() is None  # kept until the job worker stops


def test_each_document_has_a_fetcher_of_its_own(app, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0\n")
    font = pdf.full_font_files()[0].as_uri()
    first, second = pdf.local_only_fetcher(), pdf.local_only_fetcher()
    html = (
        f"<style>@font-face {{ font-family: 'Rieng'; src: url('{font}'); }}</style>"
        f'<p style="font-family: \'Rieng\'">Chữ</p><img src="{secret.as_uri()}">'
    )
    assert "Chữ" in pdf_text(pdf.render_pdf(html, first))
    assert first.served == [font] and first.refused == [secret.as_uri()]
    assert second.served == [] and second.refused == []
