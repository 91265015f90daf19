"""The deployment of deploy/ on one machine: two gunicorn instances behind nginx (TLS), sharing
PostgreSQL, Redis (rate limits, job queue) and S3 storage (moto's server), and the job worker.

Slow (about a minute): it starts every service for real, once for the module.
"""

import time

import pytest

from tests.deploy import stack


def why_the_stack_cannot_start() -> str | None:
    missing = stack.missing_tools()
    return f"needs {', '.join(missing)}" if missing else stack.postgres_unavailable()


CANNOT_START = why_the_stack_cannot_start()
pytestmark = pytest.mark.skipif(CANNOT_START is not None, reason=str(CANNOT_START))


@pytest.fixture(scope="module")
def site():
    with stack.Stack(instances=2, members=1) as running:
        yield running


@pytest.fixture(autouse=True)
def fresh_login_limits(site):
    """Each test starts with no login attempt counted (every test logs in from 127.0.0.1)."""
    site.flush_rate_limits()


@pytest.fixture
def first(site):
    return site.web_ports[0]


@pytest.fixture
def second(site):
    return site.web_ports[1]


def test_nginx_serves_the_site_over_tls_and_static_files_itself(site):
    browser = stack.Browser(site)
    assert browser.get("/healthz").status_code == 200
    page = browser.get("/auth/login")
    assert page.status_code == 200 and "Đăng nhập" in page.text
    style = browser.get("/static/css/app.css")
    assert style.status_code == 200 and style.headers["Server"].startswith("nginx")
    assert "Cache-Control" in style.headers


def test_a_login_on_one_instance_holds_on_the_other(site, first, second):
    browser = stack.Browser(site)
    answer = browser.log_in(site.seed["secretary"], site.seed["password"], port=first)
    assert answer.status_code == 302
    decision = f"/certificates/decisions/{site.seed['decision']}"
    page = browser.get(decision, port=second)
    assert page.status_code == 200, "the other instance did not know the session"
    assert browser.get(decision).status_code == 200  # and through nginx


def test_login_attempts_are_counted_across_instances(site, first, second):
    """Every attempt, on either instance, lowers the same allowance (kept in Redis)."""
    browser, left, refused = stack.Browser(site), [], None
    for attempt in range(12):
        port = (first, second)[attempt % 2]
        answer = browser.log_in("khong.ton.tai@evalapp-demo.vn", "sai-mat-khau-123", port=port)
        if answer.status_code == 429:
            refused = attempt + 1
            break
        left.append(int(answer.headers["X-RateLimit-Remaining"]))
    assert refused is not None, "twelve attempts alternating between instances were all let in"
    assert left == sorted(left, reverse=True) and len(set(left)) == len(left)


def test_a_print_job_queued_on_one_instance_is_run_by_the_worker(site, first, second):
    browser = stack.Browser(site)
    browser.log_in(site.seed["secretary"], site.seed["password"], port=first)
    decision = f"/certificates/decisions/{site.seed['decision']}"
    browser.get(decision, port=first)
    queued = browser.post(f"{decision}/print", port=first, data={"csrf_token": browser.csrf})
    assert queued.status_code == 302
    job = queued.headers["Location"].split("://", 1)[-1].split("/", 1)[1]
    state = wait_for_job(browser, "/" + job, second)
    assert state["state"] == "done", state
    pdf = browser.get(state["file_url"].split(site.base_url)[-1], port=second)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")


def wait_for_job(browser, path: str, port: int, timeout: float = 120.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = browser.get(path + "?format=json", port=port).json()
        if state["finished"]:
            return state
        time.sleep(0.5)
    return state


def test_stored_files_live_in_the_bucket_and_both_instances_serve_them(site, first, second):
    assert site.bucket_keys(), "the demo's files did not reach S3"
    browser = stack.Browser(site)
    browser.log_in(site.seed["producer"], site.seed["password"], port=first)
    document = f"/dossiers/documents/{site.seed['document']}"
    bodies = [browser.get(document, port=port) for port in (first, second)]
    assert [b.status_code for b in bodies] == [200, 200]
    assert bodies[0].content == bodies[1].content and len(bodies[0].content) > 0


def test_an_autosave_on_one_instance_is_read_by_the_other(site, first, second):
    browser = stack.Browser(site)
    browser.log_in(site.seed["members"][0], site.seed["password"], port=first)
    sheet = f"/scoring/items/{site.seed['scoring_item']}"
    page = browser.get(sheet, port=first)
    assert page.status_code == 200
    version = int(stack.VERSION_FIELD.search(page.text)[1])
    body = {"version": version, "choices": {}, "comments": {}, "overall": "Ghi chú từ máy 1"}
    saved = browser.post(
        f"{sheet}/autosave", port=first, json=body, headers={"X-CSRFToken": browser.csrf}
    )
    assert saved.status_code == 200, saved.text
    assert "Ghi chú từ máy 1" in browser.get(sheet, port=second).text


def test_when_one_instance_dies_nginx_sends_everyone_to_the_other(site, first, second):
    site.kill_web(first)
    try:
        answers = [stack.Browser(site).get("/auth/login").status_code for _ in range(10)]
        assert answers == [200] * 10
    finally:
        site.start_web(first)
        site.wait_web(first)


def test_a_sheet_published_on_one_instance_is_used_by_the_other(site, first, second, tmp_path):
    marker = "bản công bố khi chạy hai máy chủ"
    draft_id = site.import_sheet_draft("26-2026", "01-rau-cu-qua-hat-tuoi", marker, tmp_path)
    public = stack.Browser(site)
    assert marker not in public.get("/rulebooks/26-2026", port=second).text  # cached there now
    admin = stack.Browser(site)
    admin.log_in("quantri@evalapp-demo.vn", site.seed["password"], port=first)
    admin.get(f"/admin/sheets/versions/{draft_id}", port=first)
    published = admin.post(
        f"/admin/sheets/versions/{draft_id}/publish",
        port=first,
        data={"csrf_token": admin.csrf, "confirmed": "1"},
    )
    assert published.status_code == 302
    assert marker in public.get("/rulebooks/26-2026", port=second).text


def test_a_form_posted_through_nginx_passes_the_csrf_check(site):
    browser = stack.Browser(site)
    answer = browser.log_in(site.seed["scoring_member"], site.seed["password"])
    assert answer.status_code == 302, "nginx's Host header and the page's Referer disagree"


def test_a_file_uploaded_through_one_instance_lands_in_the_bucket_and_both_serve_it(
    site, first, second
):
    keys_before = set(site.bucket_keys())
    browser = stack.Browser(site)
    browser.log_in(site.seed["draft_producer"], site.seed["password"], port=first)
    dossier = f"/dossiers/{site.seed['draft_dossier']}"
    browser.get(dossier, port=first)
    pdf = (stack.PROJECT_DIR / "tests/data/uploads/pdf/plain.pdf").read_bytes()
    uploaded = browser.post(
        f"{dossier}/documents",
        port=first,
        data={"csrf_token": browser.csrf, "item": site.seed["draft_item"]},
        files={"files": ("giay-chung-nhan.pdf", pdf, "application/pdf")},
    )
    assert uploaded.status_code == 302
    assert len(set(site.bucket_keys()) - keys_before) == 1
    newest = site.sql(
        "SELECT max(id) FROM dossier_documents"
        f" WHERE dossier_id = {int(site.seed['draft_dossier'])}"
    )[0][0]
    served = [browser.get(f"/dossiers/documents/{newest}", port=port) for port in (first, second)]
    assert [answer.status_code for answer in served] == [200, 200]
    assert served[0].content == served[1].content == pdf
