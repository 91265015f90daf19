"""Session documents built once per state of the session's data (issue 17): served from the file
storage while nothing they print changes, built again when something does, and built by a
background job with a progress page for a session above the `DOCUMENTS_*_SYNC_MAX_DOSSIERS`
settings."""

from datetime import timedelta
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from evalapp.auth.models import Role
from evalapp.common import jobs
from evalapp.common.storage import get_storage
from evalapp.common.time import utcnow
from evalapp.councils.models import AgendaItem, SessionState
from evalapp.extensions import db
from evalapp.reports import building, documents
from evalapp.reports.models import BuiltDocument, DocumentJobState
from evalapp.reports.stamps import QUERIES, session_stamp
from tests.factories import make_final_result, make_user
from tests.integration.reports.conftest import build_session, flat, pdf_text
from tests.integration.reports.test_minutes import more_dossiers
from tests.integration.scoring.conftest import signed_sheet, with_changes
from tests.queries import counted_queries


def minutes_url(closed, names: bool = False) -> str:
    return f"/reports/sessions/{closed.session.id}/minutes.pdf" + ("?names=1" if names else "")


def scores_url(closed) -> str:
    return f"/reports/sessions/{closed.session.id}/scores.xlsx"


def builds(monkeypatch) -> list[str]:
    """The documents made from now on (each kind's writer still runs)."""
    made = []
    minutes, scores = documents.minutes_pdf, documents.score_table_xlsx

    def counting_minutes(facts, with_names):
        made.append("minutes")
        return minutes(facts, with_names)

    def counting_scores(facts):
        made.append("scores")
        return scores(facts)

    monkeypatch.setattr(documents, "minutes_pdf", counting_minutes)
    monkeypatch.setattr(documents, "score_table_xlsx", counting_scores)
    return made


def last_job() -> BuiltDocument:
    db.session.expire_all()
    return db.session.scalars(select(BuiltDocument).order_by(BuiltDocument.id.desc())).first()


@pytest.fixture
def queued(app, tmp_path, monkeypatch):
    """Jobs wait in a queue (a SQLite file) instead of running where they are put, and every
    session counts as large; run them with `run_queued(queued)`."""
    monkeypatch.setattr(jobs.huey, "_immediate", False)
    store = jobs.make_huey(f"sqlite:///{tmp_path / 'jobs.sqlite3'}").storage
    monkeypatch.setattr(jobs.huey, "storage", store)
    app.config["DOCUMENTS_PDF_SYNC_MAX_DOSSIERS"] = 0
    app.config["DOCUMENTS_XLSX_SYNC_MAX_DOSSIERS"] = 0
    return jobs.huey


def run_queued(queue) -> None:
    while (task := queue.dequeue()) is not None:
        queue.execute(task)


# --- the cache ----------------------------------------------------------------------------------


def test_a_document_is_built_once_then_served_from_the_storage(client, auth, closed, monkeypatch):
    made = builds(monkeypatch)
    auth.login(closed.secretary)
    first = client.get(minutes_url(closed))
    second = client.get(minutes_url(closed))
    assert first.status_code == second.status_code == 200
    assert second.mimetype == "application/pdf" and second.data == first.data
    assert "Giỏ đay Hiếu Lâm" in pdf_text(second.data)
    assert "attachment" in second.headers["Content-Disposition"]
    assert second.headers["Cache-Control"] == "private, no-store"
    client.get(scores_url(closed))
    client.get(scores_url(closed))
    assert made == ["minutes", "scores"]
    job = last_job()
    assert job.state is DocumentJobState.DONE and get_storage().exists(job.file.storage_key)


def test_minutes_with_names_are_a_document_of_their_own(client, auth, closed, monkeypatch):
    made = builds(monkeypatch)
    auth.login(closed.secretary)
    by_number = flat(pdf_text(client.get(minutes_url(closed)).data))
    by_name = flat(pdf_text(client.get(minutes_url(closed, names=True)).data))
    assert "Thành viên số 2: 73,00" in by_number and "Trần Thị Phó: 73,00" in by_name
    client.get(minutes_url(closed, names=True))
    assert made == ["minutes", "minutes"]


def score_again(closed) -> None:
    """The chair's second scoring round of the dossier (the session reopened for it): member 1
    signs 80 points, the others have not signed yet; then the session closes again."""
    closed.session.state = SessionState.OPEN
    closed.item.scoring_round = 2
    db.session.commit()
    signed_sheet(closed.item, closed.members[0], with_changes(**{"1.2": "3", "1.5": "4"}))
    closed.session.state = SessionState.CLOSED
    db.session.commit()


def test_a_changed_score_gives_a_fresh_document_and_the_old_one_goes(
    client, auth, closed, monkeypatch
):
    made = builds(monkeypatch)
    auth.login(closed.secretary)
    before = flat(pdf_text(client.get(minutes_url(closed)).data))
    assert "Thành viên số 1: 72,00" in before
    old_key = last_job().file.storage_key
    score_again(closed)
    after = flat(pdf_text(client.get(minutes_url(closed)).data))
    assert "Kết quả vòng chấm 2." in after and "Thành viên số 1: 72,00" not in after
    assert "Thành viên số 2: chưa ký phiếu" in after
    assert made == ["minutes", "minutes"]
    assert not get_storage().exists(old_key)
    assert db.session.scalar(select(func.count()).select_from(BuiltDocument)) == 1


def test_a_finalised_result_and_a_new_dossier_change_the_score_table(
    client, auth, closed, monkeypatch
):
    made = builds(monkeypatch)
    auth.login(closed.secretary)

    def conclusions():
        workbook = load_workbook(BytesIO(client.get(scores_url(closed)).data))
        return [row[15].value for row in workbook.active.iter_rows(min_row=11)]

    assert conclusions() == ["Chưa chốt kết quả"]
    make_final_result(closed.item, "72.50", 4, conclusion="Đạt 4 sao.")
    db.session.commit()
    assert conclusions() == ["Đạt 4 sao."]
    more_dossiers(closed, 1)
    assert conclusions() == ["Đạt 4 sao.", "Chưa chốt kết quả"]
    assert conclusions() == ["Đạt 4 sao.", "Chưa chốt kết quả"]
    assert made == ["scores"] * 3


def test_a_renamed_product_changes_the_stamp(app):
    closed = build_session()
    stamp = session_stamp(closed.session.id)
    assert session_stamp(closed.session.id) == stamp
    closed.item.dossier.product.name = "Giỏ đay Hiếu Lâm (mẫu mới)"
    db.session.commit()
    assert session_stamp(closed.session.id) != stamp


def test_the_stamp_and_a_cached_download_read_as_many_queries_for_1_and_for_4_dossiers(
    client, auth, app
):
    closed = build_session()
    auth.login(closed.secretary)

    def counts():
        client.get(scores_url(closed))  # built (or found) here
        db.session.expire_all()
        with counted_queries() as stamp:
            session_stamp(closed.session.id)
        with counted_queries() as download:
            client.get(scores_url(closed))
        return stamp.count, download.count

    with_one = counts()
    more_dossiers(closed, 3)
    assert counts() == with_one
    assert with_one[0] <= len(QUERIES) + 1  # a transaction's BEGIN on SQLite
    assert with_one[1] <= 16, with_one


# --- large sessions: the background job ---------------------------------------------------------


def test_a_large_session_is_built_by_a_job_whose_page_shows_the_progress(
    client, auth, closed, queued
):
    auth.login(closed.secretary)
    response = client.get(minutes_url(closed))
    job = last_job()
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reports/documents/{job.id}")
    page = client.get(f"/reports/documents/{job.id}").get_data(as_text=True)
    assert "Biên bản họp hội đồng" in page and "Đang lập tài liệu…" in page
    assert "Đang chờ" in page and "0%" in page
    assert "js/document-job.js" in page and "<script>" not in page
    status = client.get(f"/reports/documents/{job.id}?format=json").get_json()
    assert (status["state"], status["percent"], status["file_url"]) == ("queued", 0, None)
    # pressing again while it waits builds once
    assert client.get(minutes_url(closed)).headers["Location"] == response.headers["Location"]

    run_queued(queued)
    status = client.get(f"/reports/documents/{job.id}?format=json").get_json()
    assert (status["state"], status["percent"]) == ("done", 100)
    page = client.get(f"/reports/documents/{job.id}").get_data(as_text=True)
    assert "Tài liệu đã lập xong." in page and status["file_url"] in page
    download = client.get(status["file_url"])
    assert download.mimetype == "application/pdf"
    assert "Giỏ đay Hiếu Lâm" in pdf_text(download.data)
    # built: the next request is the download itself
    again = client.get(minutes_url(closed))
    assert again.status_code == 200 and again.data == download.data


def test_the_page_shows_a_running_jobs_share_done(client, auth, closed, queued):
    auth.login(closed.secretary)
    client.get(scores_url(closed))
    job = last_job()
    job.state, job.done, job.heartbeat_at = DocumentJobState.RUNNING, 1, utcnow()
    db.session.commit()
    page = client.get(f"/reports/documents/{job.id}").get_data(as_text=True)
    assert "Bảng tổng hợp điểm" in page and "Đang lập" in page and "33%" in page


def test_the_job_reports_each_step(app, closed, queued, monkeypatch):
    seen = []
    record = building.record_progress

    def recording(job, attempt, done):
        record(job, attempt, done)
        seen.append((job.state, job.done))

    monkeypatch.setattr(building, "record_progress", recording)
    job = building.request_document(closed.session, building.KINDS["scores"], closed.secretary)
    db.session.commit()
    building.run_document_job(job.id)
    assert seen == [(DocumentJobState.RUNNING, 1), (DocumentJobState.RUNNING, 2)]
    assert last_job().state is DocumentJobState.DONE


def test_a_failed_build_says_so_and_offers_to_build_again(client, auth, closed, monkeypatch):
    def broken(facts, with_names):
        raise RuntimeError("layout crashed")

    original = documents.minutes_pdf
    monkeypatch.setattr(documents, "minutes_pdf", broken)
    auth.login(closed.secretary)
    response = client.get(minutes_url(closed), follow_redirects=True)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Không lập được tài liệu" in page and "Lập lại" in page
    assert f'href="{minutes_url(closed)}"' in page
    job = last_job()
    assert job.state is DocumentJobState.FAILED
    assert client.get(f"/reports/documents/{job.id}/file").status_code == 404

    monkeypatch.setattr(documents, "minutes_pdf", original)
    again = client.get(minutes_url(closed))
    assert again.status_code == 200 and again.mimetype == "application/pdf"


def test_a_job_with_no_worker_fails_with_the_reason(client, auth, closed, queued):
    auth.login(closed.secretary)
    client.get(minutes_url(closed))
    job = last_job()
    job.requested_at = job.heartbeat_at = utcnow() - timedelta(minutes=5)
    db.session.commit()
    page = client.get(f"/reports/documents/{job.id}").get_data(as_text=True)
    assert "Không có tiến trình xử lý nền nào đang chạy" in page and "Lập lại" in page
    assert last_job().state is DocumentJobState.FAILED
    # the next request queues a new build instead of waiting on the dead one
    assert client.get(minutes_url(closed)).status_code == 302
    assert last_job().id != job.id and last_job().state is DocumentJobState.QUEUED


def test_an_unavailable_queue_says_so(client, auth, closed, queued, monkeypatch):
    def unreachable(*args, **kwargs):
        raise jobs.QueueUnavailable("redis down")

    monkeypatch.setattr(building, "submit", unreachable)
    auth.login(closed.secretary)
    page = client.get(minutes_url(closed), follow_redirects=True).get_data(as_text=True)
    assert "Hàng đợi xử lý nền đang không hoạt động" in page
    assert last_job().state is DocumentJobState.FAILED


# --- edge cases and access ----------------------------------------------------------------------


def test_a_session_without_sheets_or_dossiers_still_has_its_documents(client, auth, app):
    unscored = build_session(scored=False)
    auth.login(unscored.secretary)
    assert client.get(minutes_url(unscored)).status_code == 200
    assert client.get(scores_url(unscored)).status_code == 200
    empty = build_session(scored=False)
    db.session.delete(db.session.get(AgendaItem, empty.item.id))
    db.session.commit()
    auth.logout()
    auth.login(empty.secretary)
    text = flat(pdf_text(client.get(minutes_url(empty)).data))
    assert "Phiên họp không có hồ sơ nào." in text
    assert client.get(scores_url(empty)).status_code == 200


def test_only_the_sessions_readers_see_its_jobs(client, auth, closed, queued):
    auth.login(closed.secretary)
    client.get(minutes_url(closed))
    job = last_job()
    run_queued(queued)
    pages = [f"/reports/documents/{job.id}", f"/reports/documents/{job.id}/file"]
    auth.logout()
    auth.login(closed.chair)
    assert [client.get(url).status_code for url in pages] == [200, 200]
    auth.logout()
    auth.login(closed.members[2].user)
    assert [client.get(url).status_code for url in pages] == [403, 403]
    auth.logout()
    auth.login(make_user(Role.SECRETARY))  # another unit's secretariat
    assert [client.get(url).status_code for url in pages] == [403, 403]
    assert client.get("/reports/documents/999999").status_code == 404
