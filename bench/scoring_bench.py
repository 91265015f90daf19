"""Scoring figures for issue 4, run by hand: `.venv/bin/python bench/scoring_bench.py [runs]`.

Builds a throw-away SQLite database (migrated by Alembic), an open session of 50 dossiers with
9 scoring members each (the first half of the sheets signed), then times with `perf_counter`
(median and range of `runs`, default 15):
- the member's sheet page (GET through the test client, login excluded);
- saving a sheet (`save_draft` + commit, the choices alternating so every save writes);
- the secretary's session dashboard (GET), when the endpoint exists;
and counts the SQL statements each request runs. See bench/README.md.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import event

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
from evalapp.rules import list_sheets, load_sheet
from evalapp.scoring import services
from evalapp.sheets import library
from evalapp.units.models import UnitLevel
from tests.conftest import TEST_PASSWORD, FreshContextClient
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_organisation,
    make_round,
    make_session,
    make_unit,
    make_user,
)

DOSSIERS, MEMBERS, RULEBOOK = 50, 9, "1048-2019"


def largest_sheet():
    """The shipped sheet with the most leaf criteria (the issue asks for about 35)."""
    sheets = [load_sheet(RULEBOOK, getattr(s, "code", s)) for s in list_sheets(RULEBOOK)]
    return max(sheets, key=lambda sheet: len(sheet.leaves))


def choices_for(sheet, best: bool) -> dict[str, str]:
    """A complete sheet: each leaf's best (or lowest) level that does not stop the evaluation."""
    picked = {}
    for leaf in sheet.leaves:
        levels = sorted(
            (lv for lv in leaf.levels if not lv.stop and lv.case in (None, leaf.levels[0].case)),
            key=lambda lv: lv.points,
        )
        picked[leaf.code] = (levels[-1] if best else levels[0]).code
    return picked


def build_session(sheet):
    province = make_unit("Tỉnh Đo Đạc", code="DD")
    district = make_unit("Huyện Đo Đạc", UnitLevel.DISTRICT, parent=province, code="DD-H")
    commune = make_unit("Xã Đo Đạc", UnitLevel.COMMUNE, parent=district)
    round_ = make_round(district, level_code="district")
    seats = [(make_user(Role.COUNCIL_CHAIR, unit=district), Position.CHAIR)]
    seats += [
        (make_user(Role.COUNCIL_MEMBER, unit=district), Position.MEMBER) for _ in range(MEMBERS - 1)
    ]
    seats.append((make_user(Role.SECRETARY, unit=district), Position.SECRETARY))
    council = make_council(round_, seats)
    session = make_session(council, state=SessionState.OPEN, opened_at=utcnow())
    organisation = make_organisation(commune=commune)
    scorers = council.scoring_members()
    for member in council.members:
        session.attendance.append(Attendance(member_id=member.id, present=True))
    for position in range(1, DOSSIERS + 1):
        dossier = make_accepted_dossier(round_, organisation, f"Sản phẩm đo đạc số {position}")
        dossier.sheet_code = sheet.code  # and its version, else the pinned one is scored
        dossier.sheet_version_id = library.pinned_version_id(round_.rulebook_code, sheet.code)
        item = AgendaItem(dossier=dossier, position=position, added_at=utcnow())
        session.agenda.append(item)
        item.declarations.extend(ConflictDeclaration(member=m, has_conflict=False) for m in scorers)
    db.session.commit()
    return session, scorers, council.members[-1]


def sign_half(session, scorers, choices):
    for item in session.agenda[: DOSSIERS // 2]:
        for member in scorers:
            sheet = services.open_sheet(item, member, member.user)
            services.save_draft(sheet, choices, {}, "", sheet.version, member.user)
            services.sign_sheet(sheet, sheet.version, member.user)
    db.session.commit()


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self.tick)

    def tick(self, *args):
        self.count += 1


def timed(action, runs: int) -> list[float]:
    action()  # warm-up: template compilation, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


@contextmanager
def signed_in(app, user):
    client = app.test_client()
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, "login failed"
    yield client


def get_ok(client, url: str):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return action


def row(name: str, times: list[float] | None, queries: int | None, note: str = "") -> str:
    if times is None:
        return f"{name:<34} {'n/a':>10} {'':>17} {'':>8}  {note}"
    span = f"{min(times):.1f}–{max(times):.1f}"
    shown = "" if queries is None else str(queries)
    return f"{name:<34} {statistics.median(times):>10.1f} {span:>17} {shown:>8}  {note}"


def main(runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        uri = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app(
            TestConfig,
            SQLALCHEMY_DATABASE_URI=uri,
            MAIL_OUTBOX_DIR=folder,
            STORAGE_LOCAL_DIR=folder,
        )
        app.test_client_class = FreshContextClient
        with app.app_context():
            upgrade()
            sheet = largest_sheet()
            session, scorers, secretary = build_session(sheet)
            sign_half(session, scorers, choices_for(sheet, best=True))
            counter = QueryCounter(db.engine)
            print(
                f"{DOSSIERS} dossiers × {len(scorers)} members, sheet {sheet.code} ({len(sheet.leaves)} leaf criteria), SQLite file, {runs} runs"
            )
            print(f"{'measure':<34} {'median ms':>10} {'min–max ms':>17} {'queries':>8}")
            lines = []
            item, member = session.agenda[-1], scorers[1]
            lines.append(measure_sheet_page(app, counter, item, member, runs))
            lines.append(measure_save(counter, item, member, sheet, runs))
            lines.append(measure_dashboard(app, counter, session, secretary, runs))
            print("\n".join(lines))
            db.session.remove()
            db.engine.dispose()


def per_request(counter, action) -> int:
    before = counter.count
    action()
    return counter.count - before


def measure_sheet_page(app, counter, item, member, runs):
    if "scoring.sheet" not in app.view_functions:
        return row("member's sheet page (GET)", None, None, "scoring.sheet not there yet")
    with signed_in(app, member.user) as client:
        action = get_ok(client, f"/scoring/items/{item.id}")
        times = timed(action, runs)
        return row("member's sheet page (GET)", times, per_request(counter, action))


def measure_save(counter, item, member, sheet, runs):
    variants = [choices_for(sheet, best=True), choices_for(sheet, best=False)]
    state = {"n": 0}

    def action():
        draft = services.sheet_of(item, member) or services.open_sheet(item, member, member.user)
        state["n"] += 1
        services.save_draft(draft, variants[state["n"] % 2], {}, "", draft.version, member.user)
        db.session.commit()

    times = timed(action, runs)
    return row("save a sheet (save_draft + commit)", times, per_request(counter, action))


def measure_dashboard(app, counter, session, secretary, runs):
    rule = next((r for r in app.url_map.iter_rules() if r.endpoint == "scoring.dashboard"), None)
    if rule is None:
        return row("secretary's dashboard (GET)", None, None, "scoring.dashboard not there yet")
    url = rule.build({"session_id": session.id})[1]
    with signed_in(app, secretary.user) as client:
        action = get_ok(client, url)
        times = timed(action, runs)
        return row("secretary's dashboard (GET)", times, per_request(counter, action))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
