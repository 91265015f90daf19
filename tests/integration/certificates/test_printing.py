from sqlalchemy import select

from evalapp.certificates import document, printing
from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.extensions import db
from tests.integration.certificates.conftest import make_issuing
from tests.integration.certificates.support import page_count, pdf_text
from tests.integration.faults import is_missing_file_page, lose_stored_file


def last_job() -> PrintJob:
    db.session.expire_all()
    return db.session.scalars(select(PrintJob).order_by(PrintJob.id.desc())).first()


def test_print_all_builds_one_pdf_with_every_certificate(issued, client, auth):
    auth.login(issued.secretary)
    response = client.post(f"/certificates/decisions/{issued.decision.id}/print")
    job = last_job()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/certificates/print-jobs/{job.id}")
    assert (job.state, job.done, job.total) == (PrintJobState.DONE, 2, 2)

    page = client.get(f"/certificates/print-jobs/{job.id}").get_data(as_text=True)
    assert "Đã xong" in page and f"/certificates/print-jobs/{job.id}/certificates.pdf" in page
    assert "js/print-job.js" in page and "<script>" not in page

    status = client.get(f"/certificates/print-jobs/{job.id}?format=json").get_json()
    assert status["state"] == "done" and status["done"] == status["total"] == 2
    assert status["percent"] == 100 and status["file_url"].endswith("/certificates.pdf")
    by_accept = client.get(
        f"/certificates/print-jobs/{job.id}", headers={"Accept": "application/json"}
    )
    assert by_accept.get_json() == status

    with client.get(status["file_url"]) as download:
        assert download.mimetype == "application/pdf"
        pdf = download.data
    assert page_count(pdf) == 2
    text = pdf_text(pdf)
    assert "Giỏ đay Hiếu Lâm" in text and "Cơm cháy Cung Đình" in text
    assert "NB-2021-0001" in text and "NB-2021-0002" in text
    assert job.file.sha256 and job.file.original_name.endswith(".pdf")


def test_progress_is_reported_chunk_by_chunk(issued):
    from tests.integration.certificates.conftest import certificate_of

    facts = [document.printed_facts(certificate_of(issued, stars)) for stars in (4, 3)]
    seen = []
    pdf = document.batch_pdf(facts, "t", progress=seen.append, chunk=1)
    assert seen == [1, 2]
    assert page_count(pdf) == 2


def test_a_failed_job_says_so_on_the_page(issued, client, auth, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(printing, "batch_pdf", broken)
    auth.login(issued.secretary)
    response = client.post(
        f"/certificates/decisions/{issued.decision.id}/print", follow_redirects=True
    )
    assert response.status_code == 200
    assert "Không in được" in response.get_data(as_text=True)
    job = last_job()
    assert job.state is PrintJobState.FAILED and "Vui lòng thử in lại" in job.error
    assert client.get(f"/certificates/print-jobs/{job.id}/certificates.pdf").status_code == 404


def test_pressing_twice_while_waiting_prints_once(issued):
    first = printing.start_print_job(issued.decision, issued.secretary)
    assert printing.start_print_job(issued.decision, issued.secretary) is first


def test_a_decision_without_certificates_has_nothing_to_print(issuing, client, auth):
    auth.login(issuing.secretary)
    response = client.post(
        f"/certificates/decisions/{issuing.decision.id}/print", follow_redirects=True
    )
    assert "chưa có giấy chứng nhận nào để in" in response.get_data(as_text=True)
    assert last_job() is None


def test_another_units_secretary_cannot_follow_or_download_a_job(issued, client, auth):
    job = printing.start_print_job(issued.decision, issued.secretary)
    printing.run_print_job(job.id)
    other = make_issuing(code="TB", name="Tỉnh Thái Bình")
    auth.login(other.secretary)
    assert client.get(f"/certificates/print-jobs/{job.id}").status_code == 403
    with client.get(f"/certificates/print-jobs/{job.id}/certificates.pdf") as response:
        assert response.status_code == 403
    assert client.post(f"/certificates/decisions/{issued.decision.id}/print").status_code == 403


def test_a_batch_pdf_missing_from_the_storage_is_a_clear_404(issued, client, auth):
    """Issue 16: a database restored without its stored files."""
    auth.login(issued.secretary)
    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    job = last_job()
    lose_stored_file(job.file)

    response = client.get(f"/certificates/print-jobs/{job.id}/certificates.pdf")

    assert is_missing_file_page(response, job.file.original_name)
    assert client.get(f"/certificates/print-jobs/{job.id}").status_code == 200
