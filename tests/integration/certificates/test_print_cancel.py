"""A print job nobody picks up says so, and a waiting or running job can be cancelled (issue 14,
item 1): a worker never starts a cancelled job and stops between parts of a running one; the
page then offers to print again as a new job."""

from datetime import timedelta

from sqlalchemy import select

from evalapp.certificates import document, printing
from evalapp.certificates.models import PrintJob, PrintJobState
from evalapp.common.audit import AuditEntry
from evalapp.common.job_workers import record_beat
from evalapp.common.time import utcnow
from evalapp.extensions import db
from tests.integration.certificates.conftest import make_issuing
from tests.integration.certificates.test_printing import last_job

STALE_HINT = "Chưa có tiến trình xử lý nền nào nhận lần in này sau 30 giây"


def queued_job(issued) -> PrintJob:
    """A job waiting in the queue, as when no worker runs (tests run jobs inline otherwise)."""
    job = printing.start_print_job(issued.decision, issued.secretary)
    db.session.commit()
    return job


def test_a_job_nobody_picks_up_says_so_after_the_configured_delay(issued, client, auth):
    job = queued_job(issued)
    auth.login(issued.secretary)
    page = client.get(f"/certificates/print-jobs/{job.id}").get_data(as_text=True)
    assert 'id="job-stale" role="status" hidden' in page
    assert (
        client.get(f"/certificates/print-jobs/{job.id}?format=json").json["waiting_too_long"]
        is False
    )

    job.requested_at = utcnow() - timedelta(seconds=31)
    db.session.commit()
    page = client.get(f"/certificates/print-jobs/{job.id}").get_data(as_text=True)
    assert STALE_HINT in page and 'id="job-stale" role="status" hidden' not in page
    assert "flask jobs worker" in page and "Hủy lần in này" in page
    status = client.get(f"/certificates/print-jobs/{job.id}?format=json").json
    assert status["waiting_too_long"] is True and status["finished"] is False


def test_a_cancelled_job_is_never_started_and_can_be_printed_again(issued, client, auth):
    job = queued_job(issued)
    auth.login(issued.secretary)
    response = client.post(f"/certificates/print-jobs/{job.id}/cancel", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Đã hủy lần in này." in page and "Đã hủy" in page
    assert 'id="job-again" hidden' not in page and 'id="job-cancel" hidden' in page
    entry = db.session.scalar(
        select(AuditEntry)
        .where(AuditEntry.object_id == str(job.id))
        .where(AuditEntry.action == "certificates.print_cancelled")
    )
    assert entry is not None and entry.actor_id == issued.secretary.id

    printing.run_print_job(job.id)  # what a worker does with the queued task
    db.session.expire_all()
    assert (job.state, job.file_id, job.done) == (PrintJobState.CANCELLED, None, 0)

    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    again = last_job()
    assert again.id != job.id and again.state is PrintJobState.DONE


def test_a_running_job_stops_before_its_next_part_once_cancelled(issued, monkeypatch):
    job = queued_job(issued)
    rendered = []

    def batch_pdf(facts, title, progress):
        def after_each_part(done):
            rendered.append(done)
            if done == 1:  # the secretary presses "Hủy" while the second certificate waits
                printing.cancel_print_job(db.session.get(PrintJob, job.id), issued.secretary)
                db.session.commit()
            progress(done)

        return document.batch_pdf(facts, title, after_each_part, chunk=1, processes=1)

    monkeypatch.setattr(printing, "batch_pdf", batch_pdf)
    printing.run_print_job(job.id)
    db.session.expire_all()
    assert rendered == [1]
    assert (job.state, job.file_id, job.error) == (PrintJobState.CANCELLED, None, "")


def test_a_finished_job_cannot_be_cancelled(issued, client, auth):
    auth.login(issued.secretary)
    client.post(f"/certificates/decisions/{issued.decision.id}/print")
    job = last_job()
    response = client.post(f"/certificates/print-jobs/{job.id}/cancel", follow_redirects=True)
    assert "Lần in này đã kết thúc (Đã xong), không thể hủy." in response.get_data(as_text=True)
    db.session.expire_all()
    assert job.state is PrintJobState.DONE and job.file_id is not None


def test_only_the_secretariat_that_may_print_may_cancel(issued, client, auth):
    job = queued_job(issued)
    other = make_issuing(code="TB", name="Tỉnh Thái Bình")
    auth.login(other.secretary)
    assert client.post(f"/certificates/print-jobs/{job.id}/cancel").status_code == 403
    auth.login(issued.chair)
    assert client.post(f"/certificates/print-jobs/{job.id}/cancel").status_code == 403
    db.session.expire_all()
    assert job.state is PrintJobState.QUEUED


def test_while_a_worker_beats_a_waiting_job_does_not_blame_the_worker(issued, client, auth):
    job = queued_job(issued)
    job.requested_at = utcnow() - timedelta(seconds=31)
    db.session.commit()
    record_beat("worker-test", utcnow(), utcnow())
    auth.login(issued.secretary)
    status = client.get(f"/certificates/print-jobs/{job.id}?format=json").json
    assert status["waiting_too_long"] is False and status["state"] == "queued"
