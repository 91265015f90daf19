"""Pages at a province's scale (issue 17, item 1), run by hand:
`.venv/bin/python bench/pages_bench.py [rounds] [--database URL]`.

Builds a throw-away database (a SQLite file, or the empty PostgreSQL database given, migrated by
Alembic): one district council of 10 scoring members with two open sessions, of 150 and of 15
dossiers (nine dossiers in ten fully signed, the rest half signed, half in draft), 40 dossiers
waiting at intake and 700 communes. Sheets are written directly with the totals of
`rules.score_sheet`, as signing writes them. Then, in each of `rounds` rounds (default 5), each
page is requested `REPEAT` times right after as many requests of a plain Jinja page of a 40-row
table (the floor), so a busy machine slows both alike. It prints, per page, the median of the
round medians, the median ratio to the floor of the same round (with its range) and the SQL
statements one request runs. See bench/README.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import render_template_string
from flask_migrate import upgrade
from sqlalchemy import event

from config import TestConfig
from evalapp import create_app
from evalapp.auth.models import Role
from evalapp.common.access import public
from evalapp.common.time import utcnow
from evalapp.councils.models import (
    AgendaItem,
    Attendance,
    ConflictDeclaration,
    Position,
    SessionState,
)
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.rules import score_sheet
from evalapp.scoring.models import ScoreSheet, SheetState
from evalapp.sheets import library
from evalapp.units.models import AdministrativeUnit, UnitLevel
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scoring_bench import choices_for, largest_sheet

BIG, SMALL, MEMBERS, WAITING, COMMUNES = 150, 15, 10, 40, 700
REPEAT = 5
FLOOR = """<!doctype html><html lang="vi"><head><title>{{ title }}</title></head><body>
<table>{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}
</table></body></html>"""


@public
def floor():
    rows = [[f"Ô {r}.{c} — sản phẩm" for c in range(6)] for r in range(40)]
    return render_template_string(FLOOR, title="Sàn", rows=rows)


def build(sheet):
    province = make_unit("Tỉnh Đo Đạc", code="DD")
    district = make_unit("Huyện Đo Đạc", UnitLevel.DISTRICT, parent=province, code="DD-H")
    commune = make_unit("Xã Đo Đạc", UnitLevel.COMMUNE, parent=district)
    db.session.add_all(
        AdministrativeUnit(
            code=f"DD-X{n:04d}", name=f"Xã Thử Nghiệm {n}", level=UnitLevel.COMMUNE, parent=district
        )
        for n in range(COMMUNES)
    )
    round_ = make_round(district, level_code="district")
    seats = [(make_user(Role.COUNCIL_CHAIR, unit=district), Position.CHAIR)]
    seats += [
        (make_user(Role.COUNCIL_MEMBER, unit=district), Position.MEMBER) for _ in range(MEMBERS - 1)
    ]
    seats.append((make_user(Role.SECRETARY, unit=district), Position.SECRETARY))
    council = make_council(round_, seats)
    organisation = make_organisation(commune=commune)
    version = library.pinned_version_id(round_.rulebook_code, sheet.code)
    sessions = [open_session(council, organisation, sheet, version, size) for size in (BIG, SMALL)]
    for n in range(WAITING):
        dossier = make_accepted_dossier(round_, organisation, f"Sản phẩm chờ tiếp nhận {n}")
        dossier.state, dossier.submitted_at = DossierState.SUBMITTED, utcnow()
    db.session.commit()
    return sessions, council


def open_session(council, organisation, sheet, version, size):
    session = make_session(council, state=SessionState.OPEN, opened_at=utcnow())
    scorers = council.scoring_members()
    for member in council.members:
        session.attendance.append(Attendance(member_id=member.id, present=True))
    for position in range(1, size + 1):
        dossier = make_accepted_dossier(
            council.round, organisation, f"Sản phẩm đo đạc {size}-{position}"
        )
        dossier.sheet_code, dossier.sheet_version_id = sheet.code, version
        item = AgendaItem(dossier=dossier, position=position, added_at=utcnow())
        session.agenda.append(item)
        item.declarations.extend(ConflictDeclaration(member=m, has_conflict=False) for m in scorers)
    db.session.flush()
    variants = [varied(sheet, n) for n in range(4)]
    for position, item in enumerate(session.agenda):
        complete = position % 10 != 9
        for number, member in enumerate(scorers):
            choices = variants[(number + position) % 4]
            if (number + position * len(scorers)) % 50 == 7:  # one sheet in 50 knocks out
                choices = choices_for(sheet, best=False)
            signed = complete or number < len(scorers) // 2
            db.session.add(
                ScoreSheet(
                    item=item,
                    member=member,
                    state=SheetState.SIGNED if signed else SheetState.DRAFT,
                    choices=choices,
                    comments={},
                    total=score_sheet(sheet, choices).total if signed else None,
                    updated_at=utcnow(),
                    signed_at=utcnow() if signed else None,
                )
            )
    db.session.flush()
    return session


def varied(sheet, n: int) -> dict[str, str]:
    """A complete sheet without knock-out: the best levels, one leaf in four a level lower."""
    picked = choices_for(sheet, best=True)
    for index, leaf in enumerate(sheet.leaves):
        lower = sorted(
            (
                lv
                for lv in leaf.levels
                if not (lv.stop or lv.knockout) and lv.case == leaf.levels[0].case
            ),
            key=lambda lv: lv.points,
        )
        if (index + n) % 4 == 0 and len(lower) > 1:
            picked[leaf.code] = lower[-2].code
    return picked


class QueryCounter:
    def __init__(self, engine):
        self.count = 0
        event.listen(engine, "before_cursor_execute", self.tick)

    def tick(self, *args):
        self.count += 1


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302, "login failed"
    return client


def getter(client, url):
    def action():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return action


def autosaver(client, item, sheet):
    variants = [choices_for(sheet, best=True), choices_for(sheet, best=False)]
    state = {"n": 0, "version": 1}  # the member's draft, as built

    def action():
        state["n"] += 1
        body = {"choices": variants[state["n"] % 2], "version": state["version"]}
        response = client.post(f"/scoring/items/{item.id}/autosave", json=body)
        assert response.status_code == 200, response.get_data(as_text=True)
        state["version"] = response.get_json()["version"]

    return action


def pages(app, sessions, council, sheet):
    big, small = sessions
    secretary = next(m for m in council.members if m.position is Position.SECRETARY).user
    member = council.scoring_members()[-1]
    admin = make_user(Role.ADMIN)
    staff, scorer = signed_in(app, secretary), signed_in(app, member.user)
    draft = next(item for position, item in enumerate(big.agenda) if position % 10 == 9)
    return {
        f"session dashboard, {BIG} dossiers": getter(staff, f"/scoring/sessions/{big.id}"),
        f"session dashboard, {SMALL} dossiers": getter(staff, f"/scoring/sessions/{small.id}"),
        "member's sheet page": getter(scorer, f"/scoring/items/{draft.id}"),
        "sheet autosave (POST JSON)": autosaver(scorer, draft, sheet),
        f"intake queue ({WAITING} waiting)": getter(staff, "/dossiers/intake"),
        f"session page, {BIG} dossiers": getter(staff, f"/councils/sessions/{big.id}"),
        f"admin units, page 1 ({COMMUNES} communes)": getter(
            signed_in(app, admin), "/admin/units/"
        ),
    }


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def measure(app, actions, counter, rounds):
    floor_client = app.test_client()
    floor_action = getter(floor_client, "/_bench/floor")
    queries = {}
    for name, action in actions.items():
        action()  # warm-up: templates compiled, caches filled
        before = counter.count
        action()
        queries[name] = counter.count - before
    medians = {name: [] for name in actions}
    ratios = {name: [] for name in actions}
    floors = []
    for _ in range(rounds):
        for name, action in actions.items():
            base = statistics.median(timed(floor_action) for _ in range(REPEAT))
            page = statistics.median(timed(action) for _ in range(REPEAT))
            floors.append(base)
            medians[name].append(page)
            ratios[name].append(page / base)
    return floors, medians, ratios, queries


def report(floors, medians, ratios, queries):
    print(f"{'page':<40} {'median ms':>10} {'× floor':>8} {'(min–max)':>14} {'queries':>8}")
    print(f"{'Jinja floor, 40-row table':<40} {statistics.median(floors):>10.1f} {1:>8.1f}")
    for name, times in medians.items():
        ratio = ratios[name]
        span = f"({min(ratio):.1f}–{max(ratio):.1f})"
        print(
            f"{name:<40} {statistics.median(times):>10.1f} {statistics.median(ratio):>8.1f}"
            f" {span:>14} {queries[name]:>8}"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("rounds", nargs="?", type=int, default=5)
    parser.add_argument("--database", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--only", default="", help="only the pages whose name holds this text")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        uri = arguments.database or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app(
            TestConfig,
            SQLALCHEMY_DATABASE_URI=uri,
            MAIL_OUTBOX_DIR=folder,
            STORAGE_LOCAL_DIR=folder,
        )
        app.test_client_class = FreshContextClient
        app.add_url_rule("/_bench/floor", "bench_floor", floor)
        with app.app_context():
            upgrade()
            sheet = largest_sheet()
            started = time.perf_counter()
            sessions, council = build(sheet)
            actions = pages(app, sessions, council, sheet)
            actions = {name: a for name, a in actions.items() if arguments.only in name}
            print(
                f"{BIG} and {SMALL} dossiers × {MEMBERS} members, sheet {sheet.code}"
                f" ({len(sheet.leaves)} leaf criteria), {db.engine.dialect.name},"
                f" built in {time.perf_counter() - started:.0f} s;"
                f" {arguments.rounds} rounds × {REPEAT} requests, each after {REPEAT} of the floor"
            )
            counter = QueryCounter(db.engine)
            report(*measure(app, actions, counter, arguments.rounds))
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
