"""HTTP caching of the public pages and the server-side cache behind them (issue 17, item 4): a
browser that has a page gets a 304, and never an old page after an issue, a revocation or a
publication; each language and each visitor has their own; signed-in pages are never kept;
static files get hashed URLs kept for a year."""

import copy
import re
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from config import TestConfig
from evalapp import create_app
from evalapp.auth.models import Role
from evalapp.certificates import services
from evalapp.common import caching
from evalapp.common.time import local_today
from evalapp.extensions import db
from evalapp.results.models import ResultDecision
from evalapp.rules import load_rulebook
from evalapp.sheets import services as sheet_services
from evalapp.sheets.models import SheetVersion
from tests.factories import make_user
from tests.integration.certificates.conftest import make_issuing
from tests.integration.scoring.conftest import autosave_url, meeting, opened  # noqa: F401
from tests.queries import counted_queries

pytestmark = pytest.mark.usefixtures("app")


@pytest.fixture
def certificate():
    issuing = make_issuing(signed_on=local_today() - timedelta(days=30))
    issued = services.issue_certificates(issuing.decision, issuing.secretary)
    db.session.commit()
    certificate = next(c for c in issued if c.product_name == "Giỏ đay Hiếu Lâm")
    certificate.issuing = issuing
    return certificate


def again(client, path, response):
    """The same page asked again by the browser that holds `response`."""
    return client.get(path, headers={"If-None-Match": response.headers["ETag"]})


def revoke(certificate) -> None:
    issuing = certificate.issuing
    request = services.request_revocation(certificate, "Vi phạm", local_today(), issuing.secretary)
    services.decide_revocation(request, True, issuing.chair)
    db.session.commit()


def test_the_verification_page_is_asked_again_and_answered_304_while_unchanged(client, certificate):
    path = f"/verify/{certificate.public_id}"
    first = client.get(path)
    assert first.status_code == 200 and first.headers["ETag"]
    assert first.headers["Cache-Control"] == "private, no-cache"
    assert "Cookie" in first.headers["Vary"]

    unchanged = again(client, path, first)
    assert unchanged.status_code == 304 and unchanged.data == b""
    assert unchanged.headers["ETag"] == first.headers["ETag"]


def test_a_revocation_is_shown_at_once_never_the_old_valid_page(client, certificate):
    path = f"/verify/{certificate.public_id}"
    valid = client.get(path)
    assert "Còn hiệu lực" in valid.text

    revoke(certificate)

    revoked = again(client, path, valid)
    assert revoked.status_code == 200
    assert "Đã bị thu hồi" in revoked.text and "Còn hiệu lực" not in revoked.text


def test_a_revocation_the_cache_never_heard_of_still_changes_the_page(client, certificate):
    """Written straight into the database (no flush the cache sees): the page's ETag covers the
    certificate's row itself."""
    path = f"/verify/{certificate.public_id}"
    valid = client.get(path)
    db.session.execute(
        text("UPDATE certificates SET revoked_on = :day, revoked_reason = 'x' WHERE id = :id"),
        {"day": local_today(), "id": certificate.id},
    )
    db.session.commit()
    assert again(client, path, valid).status_code == 200


def test_a_certificate_altered_after_its_check_was_kept_is_reported_altered(client, certificate):
    path = f"/verify/{certificate.public_id}"
    assert "không khớp" not in client.get(path).text  # checked valid, and the verdict kept
    db.session.execute(
        text("UPDATE certificates SET stars = 5 WHERE id = :id"), {"id": certificate.id}
    )
    db.session.commit()
    assert "không khớp với chữ ký số" in client.get(path).text


def test_the_registry_shows_a_new_certificate_and_its_province_at_once(client, certificate):
    listed = client.get("/registry")
    assert listed.status_code == 200 and listed.headers["ETag"]
    assert listed.headers["Cache-Control"] == "private, no-cache"  # asked again every time
    assert again(client, "/registry", listed).status_code == 304

    make_issuing(number="9/QĐ-UBND", code="HN", name="Thành phố Hà Nội")
    decision = db.session.scalars(
        select(ResultDecision).where(ResultDecision.number == "9/QĐ-UBND")
    ).one()
    services.issue_certificates(decision, None)
    db.session.commit()

    fresh = again(client, "/registry", listed)
    assert fresh.status_code == 200
    assert '<option value="Thành phố Hà Nội">' in fresh.text


def test_the_registry_shows_a_revocation_at_once(client, certificate):
    listed = client.get(f"/registry?q={certificate.number}")
    revoke(certificate)
    fresh = again(client, f"/registry?q={certificate.number}", listed)
    assert fresh.status_code == 200 and "Đã bị thu hồi" in fresh.text


def test_each_language_has_its_own_page(client, certificate):
    path = f"/verify/{certificate.public_id}"
    vietnamese = client.get(path)
    client.post("/language", data={"lang": "en", "next": path})

    english = again(client, path, vietnamese)
    assert english.status_code == 200 and english.headers["ETag"] != vietnamese.headers["ETag"]
    assert "Valid" in english.text and "Còn hiệu lực" not in english.text


def test_another_visitor_never_gets_a_304_for_a_page_with_someone_elses_token(
    app, client, certificate
):
    path = f"/verify/{certificate.public_id}"
    mine = client.get(path)
    assert again(app.test_client(), path, mine).status_code == 200


def csrf_token_of(page: str) -> str:
    return re.search(r'<meta name="csrf-token" content="([^"]+)">', page).group(1)


def test_another_visitor_gets_the_kept_page_with_their_own_working_token(
    another_worker, certificate
):
    worker = another_worker(WTF_CSRF_ENABLED=True)
    first, second = worker.test_client(), worker.test_client()
    path = "/registry"  # a page per certificate (/verify/<id>) is not kept, only revalidated
    with worker.app_context(), counted_queries() as rendered:
        page = first.get(path).text
    with worker.app_context(), counted_queries() as kept:
        again = second.get(path).text
    assert kept.count < rendered.count  # served from the server-side cache
    assert again.replace(csrf_token_of(again), "") == page.replace(csrf_token_of(page), "")
    switched = second.post("/language", data={"lang": "en", "csrf_token": csrf_token_of(again)})
    assert switched.status_code == 302  # the token in the kept page is this visitor's


@pytest.mark.parametrize("path", ["/registry", "/rulebooks/1048-2019", "/verify"])
def test_signed_in_pages_are_never_kept(client, auth, certificate, path):
    auth.login(make_user(Role.SECRETARY, unit=certificate.issuing.province))
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers


def test_a_rulebook_page_changes_when_the_library_publishes(client):
    path = "/rulebooks/1048-2019/sheets/tcmn-trang-tri"
    before = client.get(path)
    assert again(client, path, before).status_code == 304

    rulebook = load_rulebook("1048-2019")
    shipped = db.session.scalar(
        select(SheetVersion).where(SheetVersion.code == "tcmn-trang-tri", SheetVersion.number == 1)
    )
    data = copy.deepcopy(shipped.data)
    data["name"] = {"vi": "Phiếu thủ công (bản mới)"}
    actor = make_user(Role.ADMIN)
    draft = sheet_services.add_draft(rulebook, sheet_services.check(rulebook, data), actor)
    sheet_services.publish(draft, rulebook, actor)
    db.session.commit()

    after = again(client, path, before)
    assert after.status_code == 200 and "Phiếu thủ công (bản mới)" in after.text


def test_pages_link_hashed_static_files_kept_for_a_year(client):
    page = client.get("/rulebooks/").text
    style = re.search(r'href="(/static/css/app\.css\?v=[0-9a-f]{12})"', page)
    assert style, "the stylesheet's URL carries its hash"

    kept = client.get(style.group(1))
    assert kept.status_code == 200
    assert kept.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    kept.close()
    for stale in ("/static/css/app.css", "/static/css/app.css?v=000000000000"):
        with client.get(stale) as response:
            assert "immutable" not in response.headers.get("Cache-Control", "")


@pytest.fixture
def another_worker(app):
    """Makes applications on the same database and key, as other gunicorn workers are; their
    connections are closed at the end."""
    made = []

    def make(**settings):
        shared = ("SQLALCHEMY_DATABASE_URI", "CERTIFICATE_SIGNING_KEY", "STORAGE_LOCAL_DIR")
        made.append(
            create_app(TestConfig, **{name: app.config[name] for name in shared}, **settings)
        )
        return made[-1]

    yield make
    for worker in made:
        with worker.app_context():
            db.session.remove()
            db.engine.dispose()


def test_two_workers_sharing_a_cache_folder_see_each_others_changes(tmp_path, another_worker):
    """Without Redis the generation lives in files every worker of the machine reads."""
    first, second = (another_worker(CACHE_URL="", CACHE_DIR=str(tmp_path)) for _ in "12")
    with first.app_context():
        seen = caching.generation(caching.CERTIFICATES)
    with second.app_context():
        caching.renew(caching.CERTIFICATES)
    with first.app_context():
        assert caching.generation(caching.CERTIFICATES) not in (None, seen)


def test_two_workers_sharing_redis_see_each_others_changes(another_worker, redis_server):
    first, second = (another_worker(CACHE_URL=redis_server.url) for _ in "12")
    with first.app_context():
        seen = caching.generation(caching.CERTIFICATES)
    with second.app_context():
        caching.renew(caching.CERTIFICATES)
    with first.app_context():
        assert caching.generation(caching.CERTIFICATES) not in (None, seen)


def test_a_cache_that_is_down_leaves_pages_correct_and_unkept(another_worker, certificate):
    broken = another_worker(CACHE_URL="redis://127.0.0.1:1/0")
    response = broken.test_client().get(f"/verify/{certificate.public_id}")
    assert response.status_code == 200 and "Còn hiệu lực" in response.text
    assert response.headers["Cache-Control"] == "no-store" and "ETag" not in response.headers


def test_a_members_autosave_leaves_the_registers_cache_alone(app, client, auth, meeting):  # noqa: F811
    """Only what the register shows renews its generation: 50 members saving every few seconds
    must not empty it."""
    member = meeting.members[1]
    sheet = opened(client, auth, meeting, member)
    with app.test_request_context():
        before = caching.generation(caching.CERTIFICATES)
    saved = client.post(
        autosave_url(meeting), json={"version": sheet.version, "choices": {"1.1": "4"}}
    )
    assert saved.status_code == 200
    with app.test_request_context():
        assert caching.generation(caching.CERTIFICATES) == before


def test_a_browser_may_keep_a_page_longer_when_the_operator_says_so(app, client, certificate):
    app.config["CACHE_PAGE_MAX_AGE"] = 60
    assert client.get("/registry").headers["Cache-Control"] == "private, max-age=60"
    verified = client.get(f"/verify/{certificate.public_id}")
    assert verified.headers["Cache-Control"] == "private, no-cache"


def test_a_verification_page_is_revalidated_but_not_kept_on_the_server(client, certificate):
    """One page per certificate would fill a file cache past its threshold, where every write
    reads every entry (issue 17's load bench): only its ETag is used."""
    path = f"/verify/{certificate.public_id}"
    first = client.get(path)
    assert first.headers["Cache-Control"] == "private, no-cache" and first.headers["ETag"]
    assert again(client, path, first).status_code == 304
    with counted_queries() as second:
        assert "hợp lệ" in client.get(path).text
    assert second.count >= 1  # read and rendered again, not served from a kept page
