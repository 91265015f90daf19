"""Results-side page figures for issue 17, run by hand:
`.venv/bin/python bench/results_bench.py [runs] [--database-url URL]`.

Builds a throw-away database (SQLite by default; an EMPTY PostgreSQL database with
`--database-url`), migrated by Alembic, holding for 15 and for 150 dossiers (9 scoring members,
the 31-leaf sheet, every sheet signed): an open session (live results), a closed session whose
results are finalised through `results.services.finalise_result`, and a result decision of those
results with its certificates issued. Then it times through the Flask test client, interleaved
in each round, a plain Jinja page (a 40-row table: the floor) and the results-side pages, and
prints the median ms, the SQL statements of one request and the median ratio to the floor.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask import Flask, render_template_string
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
from evalapp.rules import load_sheet, score_sheet
from evalapp.scoring.models import ScoreSheet, SheetState
from evalapp.sheets import library
from evalapp.units.models import UnitLevel
from tests.conftest import TEST_PASSWORD, FreshContextClient
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_decision,
    make_organisation,
    make_producer,
    make_round,
    make_session,
    make_unit,
    make_user,
)

RULEBOOK, SHEET, MEMBERS = "1048-2019", "tp-che-bien-rau-cu-qua-hat", 9

FLOOR = """<!doctype html><html><head><title>floor</title></head><body><table>
{% for row in rows %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}
</table></body></html>"""


def floor_client():
    """The floor: a bare Flask app rendering a 40-row × 6-column Jinja table."""
    app = Flask("floor")
    rows = [[f"Ô {r}.{c} – sản phẩm" for c in range(6)] for r in range(40)]
    app.add_url_rule("/", "floor", lambda: render_template_string(FLOOR, rows=rows))
    return app.test_client()


def choices_for(sheet, member: int, position: int) -> dict[str, str]:
    """A complete sheet: each leaf's best level, or the one below it on about a quarter of the
    leaves (varying by member and dossier), never a stop."""
    picked = {}
    for index, leaf in enumerate(sheet.leaves):
        levels = sorted(
            (lv for lv in leaf.levels if not lv.stop and lv.case in (None, leaf.levels[0].case)),
            key=lambda lv: lv.points,
        )
        lower = (member + index + position) % 4 == 0 and len(levels) > 1
        picked[leaf.code] = (levels[-2] if lower else levels[-1]).code
    return picked


def build_council(province, district_commune):
    round_ = make_round(province, RULEBOOK, level_code="province", year=2025)
    seats = [(make_user(Role.COUNCIL_CHAIR, unit=province), Position.CHAIR)]
    seats += [
        (make_user(Role.COUNCIL_MEMBER, unit=province), Position.MEMBER) for _ in range(MEMBERS - 1)
    ]
    secretary = make_user(Role.SECRETARY, unit=province)
    seats.append((secretary, Position.SECRETARY))
    return round_, make_council(round_, seats), secretary


def build_session(round_, council, commune, sheet, count: int, tag: str):
    """An open session of `count` dossiers (one producer organisation each), every scoring
    member present, cleared and signed."""
    session = make_session(council, state=SessionState.OPEN, opened_at=utcnow(), title=tag)
    scorers = council.scoring_members()
    for member in council.members:
        session.attendance.append(Attendance(member_id=member.id, present=True))
    version = library.pinned_version_id(RULEBOOK, sheet.code)
    for position in range(1, count + 1):
        organisation = make_organisation(commune=commune, name=f"HTX {tag} số {position}")
        dossier = make_accepted_dossier(round_, organisation, f"Sản phẩm {tag} số {position}")
        dossier.sheet_code, dossier.sheet_version_id = sheet.code, version
        item = AgendaItem(dossier=dossier, position=position, added_at=utcnow())
        session.agenda.append(item)
        item.declarations.extend(ConflictDeclaration(member=m, has_conflict=False) for m in scorers)
    db.session.flush()
    for item in session.agenda:
        for number, member in enumerate(scorers):
            choices = choices_for(sheet, number, item.position)
            db.session.add(
                ScoreSheet(
                    item_id=item.id,
                    member_id=member.id,
                    state=SheetState.SIGNED,
                    choices=choices,
                    total=score_sheet(sheet, choices).total,
                    signed_at=utcnow(),
                )
            )
    db.session.commit()
    return session


def finalise_all(session, chair_user):
    from evalapp.results import services

    session.state, session.closed_at = SessionState.CLOSED, utcnow()
    db.session.flush()
    results = [
        services.finalise_result(item, "Hội đồng thống nhất.", {}, chair_user)
        for item in session.agenda
    ]
    db.session.commit()
    return results


def issue_decision(round_, results, secretary):
    from evalapp.certificates import services

    decision = make_decision(round_, results, number=f"{len(results)}/QĐ-UBND")
    services.issue_certificates(decision, secretary)
    db.session.commit()
    return decision


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


def interleaved(actions: dict, runs: int) -> dict[str, list[float]]:
    """Each action once per round, in turn (a busy machine slows them alike), after a warm-up."""
    for action in actions.values():
        action()
    times = {name: [] for name in actions}
    for _ in range(runs):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append((time.perf_counter() - start) * 1000)
    return times


def build(app, sizes):
    sheet = load_sheet(RULEBOOK, SHEET)
    province = make_unit("Tỉnh Đo Đạc", code="DD")
    district = make_unit("Huyện Đo Đạc", UnitLevel.DISTRICT, parent=province, code="DD-H")
    commune = make_unit("Xã Đo Đạc", UnitLevel.COMMUNE, parent=district)
    built = {}
    for count in sizes:
        round_, council, secretary = build_council(province, commune)
        live = build_session(round_, council, commune, sheet, count, f"mở {count}")
        closed = build_session(round_, council, commune, sheet, count, f"chốt {count}")
        results = finalise_all(closed, council.members[0].user)
        decision = issue_decision(round_, results, secretary)
        producer = make_producer(results[0].dossier.organisation)
        built[count] = (secretary, live, closed, results, decision, producer)
    return built


def pages_of(app, built) -> dict:
    urls = {}
    for count, (secretary, live, closed, results, decision, producer) in built.items():
        staff = signed_in(app, secretary)
        urls[f"session results, {count}, open (live)"] = (staff, f"/results/sessions/{live.id}")
        urls[f"session results, {count}, finalised"] = (staff, f"/results/sessions/{closed.id}")
        urls[f"decision certificates, {count}"] = (staff, f"/certificates/decisions/{decision.id}")
        if count == max(built):
            urls["result page, live"] = (staff, f"/results/items/{live.agenda[0].id}")
            urls["result page, frozen"] = (staff, f"/results/items/{closed.agenda[0].id}")
            owner = signed_in(app, producer)
            urls["producer's outcome"] = (owner, f"/results/dossiers/{results[0].dossier_id}")
    return urls


def main(runs: int, database_url: str | None, sizes: list[int]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        uri = database_url or f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        app = create_app(
            TestConfig,
            SQLALCHEMY_DATABASE_URI=uri,
            MAIL_OUTBOX_DIR=folder,
            STORAGE_LOCAL_DIR=folder,
        )
        app.test_client_class = FreshContextClient
        with app.app_context():
            upgrade()
            start = time.perf_counter()
            built = build(app, sizes)
            print(f"built in {time.perf_counter() - start:.1f} s on {uri.split(':')[0]}")
            counter = QueryCounter(db.engine)
            urls = pages_of(app, built)
            actions = {"Jinja floor, 40 rows": getter(floor_client(), "/")}
            for name, (client, url) in urls.items():
                actions[name] = getter(client, url)
            queries = {}
            for name, action in actions.items():
                before = counter.count
                action()
                queries[name] = counter.count - before
            times = interleaved(actions, runs)
            report(times, queries, runs)
            db.session.remove()
            db.engine.dispose()


def report(times, queries, runs):
    floor = times["Jinja floor, 40 rows"]
    print(f"{runs} interleaved rounds after a warm-up; {MEMBERS} members, sheet {SHEET}")
    print(f"{'page':<38} {'median ms':>10} {'min–max ms':>16} {'queries':>8} {'× floor':>8}")
    for name, values in times.items():
        ratio = statistics.median(v / f for v, f in zip(values, floor, strict=True))
        span = f"{min(values):.1f}–{max(values):.1f}"
        print(
            f"{name:<38} {statistics.median(values):>10.1f} {span:>16} "
            f"{queries[name]:>8} {ratio:>8.1f}"
        )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("runs", nargs="?", type=int, default=7)
    parser.add_argument("--database-url", help="an EMPTY PostgreSQL database (default: SQLite)")
    parser.add_argument("--sizes", default="15,150", help="dossiers per session, comma-separated")
    options = parser.parse_args()
    main(options.runs, options.database_url, [int(s) for s in options.sizes.split(",")])
