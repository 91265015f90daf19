"""Session documents at a province's scale (issue 17, item 3), run by hand:
`.venv/bin/python bench/documents_bench.py [dossiers ...]` (default 21 150; see bench/README.md).

For each size it builds a closed session of that many dossiers scored by MEMBERS members (the
first dossier's sheets through the scoring services, the others' copied by bulk insert with the
same totals) on a throw-away SQLite database migrated by Alembic (`BENCH_DATABASE_URL` for an
empty PostgreSQL database), then times, through the test client as the council's secretary:
the facts alone (`session_facts`), the score table and the minutes built in this process, and
the download requests as a secretary makes them: the first (built now, or handed to the job) and
the next (served from the cache).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from flask_migrate import upgrade
from sqlalchemy import insert

from config import TestConfig
from evalapp import create_app
from evalapp.auth.models import Role
from evalapp.common.time import utcnow
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Position,
    SessionState,
)
from evalapp.extensions import db
from evalapp.scoring.models import ScoreSheet
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_final_result,
    make_organisation,
    make_round,
    make_session,
    make_unit,
    make_user,
)

MEMBERS = 9
SHEET_COLUMNS = (
    "member_id", "scoring_round", "state", "choices", "comments", "overall_comment", "total",
    "updated_at", "signed_at", "version",
)  # fmt: skip


def build_closed_session(dossiers: int, tag: str):
    """A closed district session of `dossiers` dossiers, each signed by MEMBERS members."""
    from evalapp.councils import services as councils
    from tests.integration.scoring.conftest import signed_sheet, with_changes

    province = make_unit(f"Tỉnh Biên Bản {tag}", code=f"BB{tag}")
    district = make_unit("Huyện Biên Bản", UnitLevel.DISTRICT, parent=province, code=f"BB{tag}-H")
    commune = make_unit("Xã Biên Bản", UnitLevel.COMMUNE, parent=district)
    round_ = make_round(district, level_code="district")
    seats = [(make_user(Role.COUNCIL_CHAIR, unit=district), Position.CHAIR)]
    seats += [
        (make_user(Role.COUNCIL_MEMBER, unit=district), Position.MEMBER) for _ in range(MEMBERS - 1)
    ]
    secretary = make_user(Role.SECRETARY, unit=district)
    seats.append((secretary, Position.SECRETARY))
    council = make_council(round_, seats)
    session = make_session(council, state=SessionState.OPEN, opened_at=utcnow())
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm")
    scorers = council.scoring_members()
    for member in council.members:
        session.attendance.append(Attendance(member_id=member.id, present=True))
    for position in range(1, dossiers + 1):
        dossier = make_accepted_dossier(round_, organisation, f"Giỏ đay Hiếu Lâm số {position}")
        item = AgendaItem(dossier=dossier, position=position, added_at=utcnow())
        session.agenda.append(item)
        item.declarations.extend(ConflictDeclaration(member=m, has_conflict=False) for m in scorers)
    db.session.commit()
    first, *others = session.agenda
    variants = ["1", "2", "3", "2", "1", "3", "2", "3", "1"]
    templates = [
        signed_sheet(first, member, with_changes(**{"1.2": variants[n % len(variants)]}))
        for n, member in enumerate(scorers)
    ]
    rows = [
        {"item_id": item.id, **{name: getattr(sheet, name) for name in SHEET_COLUMNS}}
        for item in others
        for sheet in templates
    ]
    if rows:
        db.session.execute(insert(ScoreSheet), rows)
    councils.close_session(session, secretary)
    db.session.commit()
    return session, secretary


def finalise_all(session) -> None:
    """Every result finalised (the frozen figures the minutes print, as in the measured data)."""
    for item in session.agenda:
        make_final_result(item, "78.50", 4, member_count=MEMBERS)
    db.session.commit()


def median_ms(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def timed_ms(action) -> tuple[float, object]:
    start = time.perf_counter()
    value = action()
    return (time.perf_counter() - start) * 1000, value


def build_in_process(session_id: int, runs: int) -> None:
    from evalapp.reports import documents
    from evalapp.reports.session_report import load_session, session_facts

    facts = median_ms(lambda: session_facts(load_session(session_id)), runs)
    loaded = session_facts(load_session(session_id))
    xlsx = median_ms(lambda: documents.score_table_xlsx(loaded), runs)
    pdf = median_ms(lambda: documents.minutes_pdf(loaded, False), 1)
    print(f"  facts (load_session + session_facts)       {facts:8.1f} ms")
    print(f"  score XLSX written from the facts          {xlsx:8.1f} ms")
    print(f"  minutes PDF rendered from the facts        {pdf:8.1f} ms")
    try:
        from evalapp.reports.stamps import session_stamp
    except ImportError:  # the code before issue 17, for the figures before
        return
    stamp = median_ms(lambda: session_stamp(session_id), runs)
    print(f"  stamp of the session's data                {stamp:8.1f} ms")


def requests(app, session_id: int, email: str, runs: int) -> None:
    """As the secretary: the first request, the job (if one was queued), the next requests."""
    from evalapp.common import jobs
    from tests.conftest import TEST_PASSWORD

    client = app.test_client()
    client.post("/auth/login", data={"email": email, "password": TEST_PASSWORD})
    for label, url in (
        ("score XLSX", f"/reports/sessions/{session_id}/scores.xlsx"),
        ("minutes PDF", f"/reports/sessions/{session_id}/minutes.pdf"),
    ):
        first_ms, first = timed_ms(lambda url=url: client.get(url))
        note = f"{first.status_code}"
        if first.status_code == 302:
            job_ms, _ = timed_ms(lambda: run_queued(jobs.huey))
            page_ms, _ = timed_ms(lambda first=first: client.get(first.headers["Location"]))
            note += f" to the job page; the job {job_ms:.0f} ms; its page {page_ms:.1f} ms"
        again = median_ms(lambda url=url: client.get(url).close(), runs)
        print(f"  {label:<12} first request {first_ms:8.1f} ms ({note})")
        print(f"  {label:<12} next requests {again:8.1f} ms (median of {runs})")


def run_queued(queue) -> None:
    while (task := queue.dequeue()) is not None:
        queue.execute(task)


def measure(app, dossiers: int, runs: int) -> None:
    with app.app_context(), app.test_request_context():
        session, secretary = build_closed_session(dossiers, str(dossiers))
        if not os.environ.get("BENCH_UNFINALISED"):
            finalise_all(session)
        session_id, email = session.id, secretary.email
        print(f"{dossiers} dossiers × {MEMBERS} members")
        build_in_process(session_id, runs)
        db.session.remove()
    requests(app, session_id, email, runs)


def main(sizes: list[int]) -> None:
    from evalapp.common import jobs

    runs = int(os.environ.get("BENCH_RUNS", "5"))
    with tempfile.TemporaryDirectory() as folder:
        uri = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app(
            TestConfig,
            SQLALCHEMY_DATABASE_URI=uri,
            MAIL_OUTBOX_DIR=folder,
            STORAGE_LOCAL_DIR=folder,
            JOBS_IMMEDIATE=False,
        )
        # The job queue in a file of its own, run by this process after each request.
        jobs.huey.storage = jobs.make_huey(f"sqlite:///{Path(folder) / 'jobs.sqlite3'}").storage
        with app.app_context():
            upgrade()
        for dossiers in sizes:
            measure(app, dossiers, runs)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [21, 150])
