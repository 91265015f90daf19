"""Query budgets: the SQL statements each page a user opens may run (login and the session's
user included), measured once with the page's fixture and again after the things the page lists
have tripled: a page that lists things runs the same number of queries for N and 3N (no N+1).

Run with MEASURE_QUERIES=1 and `-s` to print the counts instead of checking them. Budgets
(SQLite, measured on 3 December 2026; every count includes loading the signed-in user and their
roles, 2 queries, and the bell's unread count, 1):

| page                                    | who        | listed things: N → 3N   | budget |
|-----------------------------------------|------------|-------------------------|-------:|
| /dossiers/ (the producer's dossiers)    | producer   | 4 → 12 dossiers         |      8 |
| /dossiers/intake                        | secretary  | 1 → 3 dossiers          |     12 |
| /dossiers/intake, waiting dossiers      | secretary  | 4 → 12 waiting          |     12 |
| /dossiers/<id>                          | secretary  | 5 → 15 cited files      |     16 |
| /councils/                              | secretary  | 1 → 3 councils          |     10 |
| /councils/<id>                          | secretary  | 2 → 6 seats             |     10 |
| /councils/sessions/<id>                 | secretary  | 1 → 3 agenda dossiers   |     16 |
| /councils/my-sessions                   | chair      | one session             |      5 |
| /scoring/sessions/<id> (dashboard)      | secretary  | 1 → 3 agenda dossiers   | 17→ 15 |
| the dashboard, every sheet signed       | secretary  | 2 → 6 signed dossiers   | 17→ 15 |
| /scoring/items/<id> (a member's sheet)  | chair      | one sheet, cited files  | 33→ 25 |
| /scoring/items/<id>/autosave (POST)     | chair      | one sheet               | 17→ 12 |
| /scoring/my-sheets                      | chair      | 2 → 6 agenda dossiers   |      8 |
| /results/sessions/<id>                  | secretary  | 4 → 12 results          |     11 |
| /results/sessions/<id>, open (live)     | secretary  | 1 → 3 signed dossiers   |     18 |
| /results/sessions/<id>, open (live)     | chair      | 4 → 8 members' sheets   |     18 |
| /results/sessions/<id>, finalised       | chair      | 1 → 3 from sheets       |     16 |
| /results/items/<id>                     | secretary  | one result              |     21 |
| /results/items/<id>, live               | chair      | 4 → 8 members' sheets   |     19 |
| /results/items/<id>, frozen, 8 sheets   | chair      | one result              |     20 |
| /results/dossiers/<id> (the outcome)    | producer   | one outcome             |     10 |
| /certificates/decisions/<id>            | secretary  | 4 → 12 results          |     12 |
| /certificates/                          | secretary  | +8 published results    |      7 |
| /certificates/<id>                      | secretary  | one certificate         |      8 |
| /registry                               | anyone     | +8 published results    |      3 |
| /rounds/                                | secretary  | 1 → 3 rounds            |      5 |
| /producers/products                     | producer   | 4 → 12 products         |      6 |
| /notifications/                         | producer   | +4 notifications        |      5 |
| /admin/units/                           | admin      | 10 → 30 communes, office|      7 |
| /admin/audit                            | admin      | +~70 entries            |      8 |
| /advisory/councils/<id> (assignments)   | secretary  | 2 → 6 advised dossiers  |     15 |
| /advisory/ (the adviser's queue)        | adviser    | 2 → 6 assigned dossiers |     15 |
| /advisory/dossiers/<id> (the file)      | adviser    | 1 → 3 visits, lab tests |     21 |
| / (home: intake, certificates, Điều 5)  | secretary  | 3 → 9 dossiers, +4 cert.|     22 |
| / (home: drafts, supplements)           | producer   | 2 → 6 dossiers          |      7 |
| / (home: sheets, sessions this week)    | chair      | 1 → 3 agenda dossiers   |     11 |
| / (home: results to finalise)           | chair      | 1 → 3 closed dossiers   |     16 |
| / (home: reports, sessions this week)   | adviser    | 2 → 6 assigned dossiers |     17 |

The home pages' work queues (issue 14) run one list query per queue, with its eager loads,
whatever the number of items; the secretary's also counts the Điều 5 cut-offs and the Điều 7.6.g
clocks as before.

The advisory group's submitted report beside the dossier (26/2026 Điều 7.3.c) adds 1 query to
the member's sheet (the report, none here): 31 → 32.

The certificate's inspection history (26/2026 Điều 9) adds 1 query to the certificate's page.

The self-assessment's claims and their evidence (Mẫu 02 Phần III) add 2 queries to the dossier
page and to the member's sheet (claims, then their files), whatever the number of criteria and
files: budgets 14 → 16 and 29 → 31.

The certificate page's 6 became 7 and the producer's outcome's 9 became 10 with revocation under
26/2026 Điều 8: the approved revocation (its ground and decision), one query.
The intake queue's 10 became 12 with the commune stage of 26/2026: the commune's pre-review of
the listed dossiers (forwarding day, deadline, late reason) and their sample counts, one query
each for the whole page.

The results side at a province's scale (issue 17), before → after: the live session results
ran 17 → 21 queries for 1 → 3 signed dossiers (the sheets and the declarations of each
dossier), now 18 → 18 (the signed sheets of every live dossier in one query of plain rows, the
declarations in one); the finalised ones 15 → 17 for a chair, now 16 → 16; the decision's
certificates 18 → 34 for 4 → 12 results (each row's dossier, product and producer), now
12 → 12. The result page, live or frozen, and the producer's outcome were already the same for
4 and 8 members. A list of finalised results no longer loads their frozen statistics,
classification and sheets, nor, for the secretariat, the conflict declarations: 12 → 11.

Issue 17 (a province's scale): the member's sheet page and its autosave no longer load every
council seat's account and roles (one joined query for the dossier, its session, council, round,
product and producer); the dashboard no longer loads the seats' roles nor the round twice. The
intake queue was already flat with waiting dossiers (12 queries for 4 and 12; the issue's 31 at
25 rows was measured before `intake_queue` loaded the producers).

Before this test: /councils/<id> ran 2 queries per seat (its user, then the user's roles) and the
dossier page 1 per file, and the session's results 2 per agenda dossier (its dossier and
product, in `results.pages.session_rows`).
"""

from __future__ import annotations

import os
from io import BytesIO

import pytest
from werkzeug.datastructures import FileStorage

from evalapp.auth.models import Role
from evalapp.councils.models import AgendaItem, Position
from evalapp.extensions import db
from evalapp.notifications.services import notify
from tests.factories import (
    make_accepted_dossier,
    make_decision,
    make_final_result,
    make_producer,
    make_product,
    make_round,
    make_user,
)
from tests.integration.advisory.conftest import group  # noqa: F401
from tests.integration.certificates.conftest import issued, issuing  # noqa: F401
from tests.integration.dossiers.conftest import kim_son, login, pdf_bytes, submitted  # noqa: F401
from tests.integration.scoring.conftest import add_dossiers, meeting, meeting26  # noqa: F401
from tests.queries import counted_queries

MEASURE = bool(os.environ.get("MEASURE_QUERIES"))


def queries_of(client, url: str) -> int:
    with counted_queries() as counted:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    if MEASURE:
        print(f"\n{url}: {counted.count} queries")
    return counted.count


def assert_flat(client, url: str, budget: int, grow) -> None:
    """Within `budget` now, and the same count once `grow(2)` has added twice as many again."""
    before = queries_of(client, url)
    grow()
    db.session.commit()
    after = queries_of(client, url)
    if MEASURE:
        return
    assert before <= budget, f"{url}: {before} queries, budget {budget}"
    assert after == before, f"{url}: {before} queries for N, {after} for 3N"


def assert_within(client, url: str, budget: int) -> None:
    count = queries_of(client, url)
    if MEASURE:
        return
    assert count <= budget, f"{url}: {count} queries, budget {budget}"


# -- the issued decision: four published results, two certificates ------------------------------


def more_results(issuing, count: int = 8) -> list:  # noqa: F811
    """`count` more published results of the round (4★ and 3★ alternately), with certificates."""
    from evalapp.certificates import services

    session = issuing.session
    results = []
    for index in range(count):
        dossier = make_accepted_dossier(issuing.round, issuing.organisation, f"Sản phẩm {index}")
        item = AgendaItem(dossier=dossier, position=len(session.agenda) + 1)
        session.agenda.append(item)
        db.session.flush()
        results.append(make_final_result(item, "75.00", 4 - index % 2))
    decision = make_decision(issuing.round, results, number=f"{900 + len(results)}/QĐ-UBND")
    services.issue_certificates(decision, issuing.secretary)
    return results


@pytest.fixture
def as_secretary(issued, login):  # noqa: F811
    return login(issued.secretary)


@pytest.fixture
def as_producer(issued, login):  # noqa: F811
    return login(issued.producer)


def test_certificates_list(issued, as_secretary):  # noqa: F811
    # 8: one query finds the expired rows kept valid by a late filing (26/2026 Điều 12.3).
    assert_flat(as_secretary, "/certificates/", 8, lambda: more_results(issued))


def test_certificate_page(issued, as_secretary):  # noqa: F811
    from tests.integration.certificates.conftest import certificate_of

    certificate = certificate_of(issued, 4)
    assert_within(as_secretary, f"/certificates/{certificate.id}", 8)


def test_registry(issued, client):  # noqa: F811
    # 4: one query finds the certificates kept valid by a late filing (26/2026 Điều 12.3).
    assert_flat(client, "/registry", 4, lambda: more_results(issued))


def test_councils_index(issued, as_secretary):  # noqa: F811
    def more_councils():
        from tests.factories import make_council

        for year in (2022, 2023):
            make_council(make_round(issued.province, level_code="province", year=year))

    assert_flat(as_secretary, "/councils/", 10, more_councils)


def test_council_page(issued, as_secretary):  # noqa: F811
    council = issued.council

    def more_members():
        from evalapp.councils.models import CouncilMember

        for _ in range(4):
            user = make_user(Role.COUNCIL_MEMBER, unit=issued.province)
            council.members.append(
                CouncilMember(user=user, position=Position.MEMBER, number=len(council.members) + 1)
            )

    assert_flat(as_secretary, f"/councils/{council.id}", 10, more_members)


def test_session_results(issued, as_secretary):  # noqa: F811
    assert_flat(
        as_secretary,
        f"/results/sessions/{issued.session.id}",
        11,
        lambda: more_results(issued),
    )


def test_result_page(issued, as_secretary):  # noqa: F811
    item = issued.results[4].item
    assert_within(as_secretary, f"/results/items/{item.id}", 21)


def test_outcome_page(issued, as_producer):  # noqa: F811
    dossier = issued.results[4].dossier
    assert_within(as_producer, f"/results/dossiers/{dossier.id}", 10)


def test_producer_dossiers(issued, as_producer):  # noqa: F811
    assert_flat(as_producer, "/dossiers/", 8, lambda: more_results(issued))


def test_producer_products(issued, as_producer):  # noqa: F811
    def more_products():
        for index in range(8):
            make_product(issued.organisation, f"Sản phẩm mới {index}")

    assert_flat(as_producer, "/producers/products", 6, more_products)


def test_notifications(issued, as_producer):  # noqa: F811
    notify([issued.producer], "Thông báo", "Nội dung", "/dossiers/")
    notify([issued.producer], "Thông báo", "Nội dung", "/dossiers/")
    db.session.commit()

    def more_notifications():
        for _ in range(4):
            notify([issued.producer], "Thông báo", "Nội dung", "/dossiers/")

    assert_flat(as_producer, "/notifications/", 5, more_notifications)


def test_rounds(issued, as_secretary):  # noqa: F811
    def more_rounds():
        for year in (2022, 2023):
            make_round(issued.province, level_code="province", year=year)

    assert_flat(as_secretary, "/rounds/", 5, more_rounds)


# -- a submitted dossier in Kim Sơn -------------------------------------------------------------


def more_documents(dossier, producer, count: int = 10, code: str | None = None) -> None:
    """`count` more current files on the dossier's first checklist item."""
    from evalapp.common.files import store_upload
    from evalapp.common.uploads import check_upload
    from evalapp.dossiers.models import DossierDocument

    code = code or dossier.documents[0].item_code
    for index in range(count):
        upload = FileStorage(BytesIO(pdf_bytes(str(index))), filename=f"{index}.pdf")
        record = store_upload(check_upload(upload, ["pdf"], 10), producer)
        dossier.documents.append(DossierDocument(item_code=code, file=record))


def more_documents_of(dossier, count: int) -> None:
    """Files on a dossier made without uploads (an accepted dossier of the factories)."""
    more_documents(dossier, make_producer(dossier.organisation), count, "phieu_dang_ky")
    db.session.flush()


def cite_every_document(dossier, codes=("1.1", "1.2", "6.3")) -> None:
    """Claims on `codes`, each citing every current file of the dossier."""
    from evalapp.dossiers.models import SelfAssessmentClaim

    documents = dossier.current_documents()
    claims = {claim.criterion_code: claim for claim in dossier.claims}
    for code in codes:
        claim = claims.get(code) or SelfAssessmentClaim(criterion_code=code, description=code)
        claim.documents = list(documents)
        if code not in claims:
            dossier.claims.append(claim)
    db.session.flush()


def test_dossier_page(kim_son, login):  # noqa: F811
    dossier = submitted(kim_son)
    cite_every_document(dossier)
    db.session.commit()
    client = login(kim_son.secretary)

    def grow():
        more_documents(dossier, kim_son.producer)
        db.session.flush()
        cite_every_document(dossier)

    assert_flat(client, f"/dossiers/{dossier.id}", 17, grow)  # 17: the sheet library's stamp


def test_intake(kim_son, login):  # noqa: F811
    submitted(kim_son)
    client = login(kim_son.secretary)

    def more_dossiers():
        for index in range(2):
            make_accepted_dossier(kim_son.round, kim_son.organisation, f"Hồ sơ {index}")

    assert_flat(client, "/dossiers/intake", 12, more_dossiers)


# -- an open meeting ----------------------------------------------------------------------------


def test_session_page(meeting, login):  # noqa: F811
    client = login(meeting.secretary.user)
    assert_flat(
        client, f"/councils/sessions/{meeting.session.id}", 16, lambda: add_dossiers(meeting, 2)
    )


def test_scoring_dashboard(meeting, login):  # noqa: F811
    client = login(meeting.secretary.user)
    assert_flat(
        client, f"/scoring/sessions/{meeting.session.id}", 15, lambda: add_dossiers(meeting, 2)
    )


def test_my_sessions(meeting, login):  # noqa: F811
    assert_within(login(meeting.chair.user), "/councils/my-sessions", 5)


def test_member_sheet_page(meeting, login):  # noqa: F811
    dossier = meeting.item.dossier
    more_documents_of(dossier, 3)
    cite_every_document(dossier)
    db.session.commit()
    client = login(meeting.chair.user)
    assert_within(client, f"/scoring/items/{meeting.item.id}", 25)  # with the library's stamp


# -- the advisory group (26/2026 Điều 7.3.c) -----------------------------------------------------


def advised_dossiers(group, count: int) -> list:  # noqa: F811
    """`count` more accepted dossiers assigned to the first adviser, each with a site visit with
    a photo, a lab test with its result file and a supplement request."""

    from evalapp.advisory.models import (
        AdvisoryAssignment,
    )

    dossiers = []
    for index in range(count):
        dossier = make_accepted_dossier(
            group.council.round, group.dossier.organisation, f"SP {index}"
        )
        db.session.add(AdvisoryAssignment(dossier=dossier, member=group.adviser))
        dossiers.append(dossier)
        add_advisory_records(group, dossier)
    db.session.flush()
    return dossiers


def add_advisory_records(group, dossier) -> None:  # noqa: F811
    from datetime import date

    from evalapp.advisory.models import LabTestRequest, SiteVisit, SiteVisitPhoto, SupplementRequest
    from evalapp.common.files import store_upload
    from evalapp.common.time import utcnow
    from evalapp.common.uploads import check_upload
    from tests.integration.producers.helpers import png_bytes

    adviser = group.adviser.user
    visit = SiteVisit(
        dossier_id=dossier.id,
        visited_on=date(2026, 3, 2),
        place="Xưởng",
        present="Tổ tư vấn",
        findings={"1.1": "Đạt"},
    )
    upload = FileStorage(BytesIO(png_bytes()), filename="anh.png")
    visit.photos.append(
        SiteVisitPhoto(file=store_upload(check_upload(upload, ["png"], 5), adviser))
    )
    pdf = FileStorage(BytesIO(pdf_bytes("kn")), filename="kn.pdf")
    test = LabTestRequest(
        dossier_id=dossier.id,
        indicators="Độ ẩm",
        reason="Thiếu",
        due_on=date(2026, 4, 1),
        result_on=date(2026, 3, 20),
        passed=True,
        result_file=store_upload(check_upload(pdf, ["pdf"], 5), adviser),
        result_recorded_at=utcnow(),
    )
    pending = LabTestRequest(
        dossier_id=dossier.id, indicators="Nấm mốc", reason="Thiếu", due_on=date(2026, 4, 1)
    )
    note = SupplementRequest(dossier_id=dossier.id, message="Bổ sung hợp đồng")
    db.session.add_all([visit, test, pending, note])
    db.session.flush()


def test_advisory_council_page(group, login):  # noqa: F811
    advised_dossiers(group, 1)
    db.session.commit()
    client = login(group.secretary)
    assert_flat(
        client, f"/advisory/councils/{group.council.id}", 15, lambda: advised_dossiers(group, 2)
    )


def test_advisory_queue(group, login):  # noqa: F811
    advised_dossiers(group, 1)
    db.session.commit()
    client = login(group.adviser.user)
    assert_flat(client, "/advisory/", 15, lambda: advised_dossiers(group, 2))


def test_advisory_file(group, login):  # noqa: F811
    from evalapp.advisory.models import AdvisoryAssignment

    db.session.add(AdvisoryAssignment(dossier=group.dossier, member=group.adviser))
    add_advisory_records(group, group.dossier)
    db.session.commit()
    client = login(group.adviser.user)

    def more_records():
        add_advisory_records(group, group.dossier)
        add_advisory_records(group, group.dossier)

    assert_flat(client, f"/advisory/dossiers/{group.dossier.id}", 22, more_records)  # + stamp


# -- the home pages' work queues (issue 14) ------------------------------------------------------


def intake_dossiers(round_, organisation, count: int = 1) -> None:
    """`count` dossiers in each intake queue of `round_` (to receive, to check, supplement)."""
    from evalapp.dossiers.models import DossierState

    for index in range(count):
        for state in (
            DossierState.FORWARDED,
            DossierState.RECEIVED,
            DossierState.NEEDS_SUPPLEMENT,
            DossierState.DRAFT,
        ):
            dossier = make_accepted_dossier(round_, organisation, f"Hồ sơ {state} {index}")
            dossier.state = state


def all_expiring() -> None:
    from datetime import timedelta

    from sqlalchemy import update

    from evalapp.certificates.models import Certificate
    from evalapp.common.time import local_today

    db.session.execute(update(Certificate).values(expires_on=local_today() + timedelta(days=9)))


def test_secretary_home(issuing, login):  # noqa: F811
    intake_dossiers(issuing.round, issuing.organisation)
    more_results(issuing, 2)
    all_expiring()
    db.session.commit()

    def grow():
        intake_dossiers(issuing.round, issuing.organisation, 2)
        more_results(issuing, 4)
        all_expiring()

    assert_flat(login(issuing.secretary), "/", 22, grow)


def test_producer_home(issuing, login):  # noqa: F811
    intake_dossiers(issuing.round, issuing.organisation)
    db.session.commit()
    client = login(issuing.producer)
    assert_flat(client, "/", 7, lambda: intake_dossiers(issuing.round, issuing.organisation, 2))


def test_member_home(meeting, login):  # noqa: F811
    assert_flat(login(meeting.chair.user), "/", 11, lambda: add_dossiers(meeting, 2))


def test_chair_home_after_the_session(meeting, login):  # noqa: F811
    """The session closed: its dossiers wait for the chair to finalise them."""
    from evalapp.councils.models import SessionState

    meeting.session.state = SessionState.CLOSED
    db.session.commit()
    assert_flat(login(meeting.chair.user), "/", 16, lambda: add_dossiers(meeting, 2))


def test_adviser_home(group, login):  # noqa: F811
    advised_dossiers(group, 1)
    db.session.commit()
    assert_flat(login(group.adviser.user), "/", 17, lambda: advised_dossiers(group, 2))


# -- the results side at a province's scale (issue 17): sheets signed by every member --------------


def signed_by_all(meeting, items) -> None:  # noqa: F811
    from tests.integration.scoring.conftest import signed_sheet

    for item in items:
        for member in meeting.members:
            signed_sheet(item, member)


def scored_dossiers(meeting, count: int) -> list:  # noqa: F811
    """`count` more agenda dossiers, every scoring member's sheet signed (the session open)."""
    items = add_dossiers(meeting, count)
    signed_by_all(meeting, items)
    return items


def more_scorers(meeting, count: int) -> None:  # noqa: F811
    """`count` more members, present, cleared for every dossier, each signing every sheet."""
    from evalapp.councils.models import Attendance, ConflictDeclaration, CouncilMember

    council, session = meeting.council, meeting.session
    for _ in range(count):
        user = make_user(Role.COUNCIL_MEMBER, unit=council.round.unit)
        member = CouncilMember(user=user, position=Position.MEMBER, number=len(council.members) + 1)
        council.members.append(member)
        db.session.flush()
        session.attendance.append(Attendance(member_id=member.id, present=True))
        for item in session.agenda:
            item.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
        meeting.members.append(member)
    db.session.commit()
    from tests.integration.scoring.conftest import signed_sheet

    for item in session.agenda:
        for member in meeting.members[-count:]:
            signed_sheet(item, member)


def finalised(meeting, items) -> None:  # noqa: F811
    """The session closed and the results of `items` finalised by the chair."""
    from evalapp.councils.models import SessionState
    from evalapp.results.services import finalise_result

    meeting.session.state = SessionState.CLOSED
    for item in items:
        finalise_result(item, "Đạt.", {}, meeting.chair.user)
    db.session.commit()


def test_live_session_results_per_dossier(meeting, login):  # noqa: F811
    """An open session: the provisional score and class of every dossier from its members'
    sheets, in the same queries for 1 and 3 dossiers."""
    signed_by_all(meeting, [meeting.item])
    client = login(meeting.secretary.user)
    url = f"/results/sessions/{meeting.session.id}"
    assert_flat(client, url, 18, lambda: scored_dossiers(meeting, 2))


def test_live_session_results_per_member(meeting, login):  # noqa: F811
    scored_dossiers(meeting, 1)
    signed_by_all(meeting, [meeting.item])
    client = login(meeting.chair.user)
    url = f"/results/sessions/{meeting.session.id}"
    assert_flat(client, url, 18, lambda: more_scorers(meeting, 4))


def test_finalised_session_results(meeting, login):  # noqa: F811
    """A closed session whose results were finalised from the members' sheets."""
    from evalapp.councils.models import SessionState

    signed_by_all(meeting, [meeting.item])
    finalised(meeting, [meeting.item])
    client = login(meeting.chair.user)

    def grow():
        meeting.session.state = SessionState.OPEN
        db.session.commit()
        finalised(meeting, scored_dossiers(meeting, 2))

    assert_flat(client, f"/results/sessions/{meeting.session.id}", 16, grow)


def test_live_result_page_per_member(meeting, login):  # noqa: F811
    signed_by_all(meeting, [meeting.item])
    client = login(meeting.chair.user)
    assert_flat(client, f"/results/items/{meeting.item.id}", 19, lambda: more_scorers(meeting, 4))


def test_frozen_result_page_with_sheets(meeting, login):  # noqa: F811
    signed_by_all(meeting, [meeting.item])
    more_scorers(meeting, 4)
    finalised(meeting, [meeting.item])
    assert_within(login(meeting.chair.user), f"/results/items/{meeting.item.id}", 20)


def test_decision_certificates(issued, as_secretary):  # noqa: F811
    """The certificates of one decision: 4 results, then 12, in the same queries."""
    from evalapp.certificates import services

    def grow():
        results = more_results(issued)
        for result in results:
            result.decision = issued.decision
        db.session.flush()
        services.issue_certificates(issued.decision, issued.secretary)

    url = f"/certificates/decisions/{issued.decision.id}"
    assert_flat(as_secretary, url, 12, grow)


# -- pages at a province's scale (issue 17, item 1) ----------------------------------------------


def waiting_dossiers(scenario, count: int) -> None:
    """`count` dossiers submitted to the round, each by a producer of its own commune."""
    from evalapp.common.time import utcnow
    from evalapp.dossiers.models import DossierState
    from evalapp.units.models import UnitLevel
    from tests.factories import make_organisation, make_unit

    for index in range(count):
        commune = make_unit(f"Xã Chờ {index}", UnitLevel.COMMUNE, parent=scenario.desk)
        organisation = make_organisation(commune=commune)
        dossier = make_accepted_dossier(scenario.round, organisation, f"Hồ sơ chờ {index}")
        dossier.state, dossier.submitted_at = DossierState.SUBMITTED, utcnow()
    db.session.flush()


def test_intake_with_waiting_dossiers(kim_son, login):  # noqa: F811
    """Every row shows its producer and commune: 4 → 12 waiting dossiers, the same 12 queries."""
    waiting_dossiers(kim_son, 4)
    db.session.commit()
    client = login(kim_son.secretary)
    assert_flat(client, "/dossiers/intake", 12, lambda: waiting_dossiers(kim_son, 8))


def test_scoring_dashboard_with_signed_sheets(meeting, login):  # noqa: F811
    """Signed sheets (one knocking the product out) on every dossier: 2 → 6 dossiers."""
    from tests.integration.scoring.conftest import signed_sheet, with_changes

    def sign_all(items):
        for item in items:
            for member in meeting.members:
                choices = with_changes(**{"1.1": "1"}) if member is meeting.members[0] else None
                signed_sheet(item, member, choices)

    sign_all([meeting.item, *add_dossiers(meeting, 1)])
    client = login(meeting.secretary.user)
    assert_flat(
        client,
        f"/scoring/sessions/{meeting.session.id}",
        15,
        lambda: sign_all(add_dossiers(meeting, 4)),
    )


def test_member_sheet_page_and_autosave(meeting, login):  # noqa: F811
    """The member's own seat is looked up by user id: the council's accounts are not loaded."""
    from tests.integration.scoring.conftest import HIEU_LAM_CHOICES, own_sheet

    client = login(meeting.chair.user)
    assert_within(client, f"/scoring/items/{meeting.item.id}", 24)
    version = own_sheet(meeting, meeting.chair).version
    body = {"choices": HIEU_LAM_CHOICES, "version": version}
    with counted_queries() as counted:
        response = client.post(f"/scoring/items/{meeting.item.id}/autosave", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)
    if MEASURE:
        print(f"\nautosave: {counted.count} queries")
    else:
        assert counted.count <= 12, counted


def test_admin_units(app, login):  # noqa: F811
    from evalapp.units.models import UnitLevel
    from tests.factories import make_office, make_unit

    province = make_unit("Tỉnh Thử", code="TT")

    def more_units(count):
        for index in range(count):
            commune = make_unit(f"Xã Thử {index}", UnitLevel.COMMUNE, parent=province)
            make_office(commune)

    more_units(10)
    db.session.commit()
    client = login(make_user(Role.ADMIN))
    assert_flat(client, "/admin/units/", 7, lambda: more_units(20))


def test_my_sheets(meeting, login):  # noqa: F811
    """The member's dossiers waiting for their sheet: 2 → 6 agenda dossiers."""
    add_dossiers(meeting, 1)
    client = login(meeting.chair.user)
    assert_flat(client, "/scoring/my-sheets", 8, lambda: add_dossiers(meeting, 4))


def test_admin_audit(meeting, login):  # noqa: F811
    """The audit log: +20 entries on sheets, sessions and dossiers by several actors."""
    from evalapp.common import audit
    from tests.integration.scoring.conftest import signed_sheet

    client = login(make_user(Role.ADMIN))

    def more_entries():
        for item in add_dossiers(meeting, 2):
            for member in meeting.members:
                signed_sheet(item, member)
            audit.record("session.reminded", meeting.session, actor=meeting.secretary.user)

    more_entries()
    assert_flat(client, "/admin/audit", 8, more_entries)
