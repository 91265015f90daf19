"""The statistics and the API at national scale (issue 18, item 4), on PostgreSQL.

    .venv/bin/python bench/statistics_bench.py                       # 34 provinces × 5 years
    .venv/bin/python bench/statistics_bench.py --scale 0.1           # a tenth, to try it
    .venv/bin/python bench/statistics_bench.py --keep                # keep the database …
    .venv/bin/python bench/statistics_bench.py --reuse NAME          # … and measure it again

Builds, in a throw-away database on `--server` (default the local PostgreSQL), 34 provinces ×
5 yearly rounds of about 294 dossiers each (≈ 50,000 dossiers at scale 1), each scored by a
council of 9 on its 1048/2019 sheet (≈ 35 criteria: ≈ 450,000 signed sheets, ≈ 15.7 M chosen
levels), finalised, decided, and certified from 3★, through `bench/dataset.py`'s builder (every
figure from the application's code). Then, in the same run and on the same connection:

- each statistics page (the ministry's and one province's, through the Flask test client,
  signed in as their secretaries) against the raw `GROUP BY`s it needs, written by hand in SQL
  and run one after the other: target ≤ 1.5×;
- each statistics function alone against its raw `GROUP BY`;
- a round's per-criterion averages (one round's sheets re-scored) against reading those sheets;
- the API's lists (`/api/v1/results`, `/api/v1/dossiers`, `/api/v1/certificates`, 100 items)
  against a bare JSON response of the same bytes from a route that does nothing else: ≤ 3×.

Medians of `--rounds` runs after one warm-up; prints each figure beside its target.
"""

from __future__ import annotations

import argparse
import http.client
import json
import logging
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa
from dataset import PROVINCES, TABLE_ORDER, Builder, Rows, bench_app, fold_slug, scaled, split, utc
from werkzeug.serving import make_server

DOSSIERS_PER_ROUND = 294  # 34 provinces × 5 years × 294 ≈ 50,000
YEARS = (2022, 2023, 2024, 2025, 2026)
SCORERS = 9
PAGE_TARGET = 1.5
API_TARGET = 3.0

# The aggregates of the results' tables (the day count as `statistics.results` compiles it).
FIGURES = """count(*), sum(CASE WHEN f.stars >= 3 THEN 1 ELSE 0 END),
               avg(f.score), min(f.score), max(f.score),
               count(rd.signed_on - CAST(d.submitted_at + INTERVAL '7 hours' AS DATE)),
               avg(rd.signed_on - CAST(d.submitted_at + INTERVAL '7 hours' AS DATE)),
               max(rd.signed_on - CAST(d.submitted_at + INTERVAL '7 hours' AS DATE))
        FROM final_results f JOIN dossiers d ON d.id = f.dossier_id
        JOIN evaluation_rounds r ON r.id = f.round_id
        LEFT JOIN result_decisions rd ON rd.id = f.decision_id
        WHERE f.state = 'finalised' AND {round_scope}"""
# The raw GROUP BYs the statistics need: `{scope}` is the unit's condition on the table's unit.
RAW = {
    "certificates by year": """
        SELECT year, stars, count(*) FROM certificates WHERE {certificate_scope}
        GROUP BY year, stars ORDER BY year""",
    "certificates by group": """
        SELECT coalesce(nullif(group_name, ''), group_code), stars, count(*) FROM certificates
        WHERE {certificate_scope} GROUP BY 1, stars ORDER BY 1""",
    "certificates by commune": """
        SELECT u.name, c.stars, count(*) FROM certificates c
        JOIN organisations o ON o.id = c.organisation_id
        JOIN administrative_units u ON u.id = o.commune_id
        WHERE {certificate_scope} GROUP BY u.name, c.stars ORDER BY u.name""",
    "certificates by status": """
        WITH kept AS (
            SELECT id FROM certificates
            WHERE expires_on < :today AND expires_on >= :today - 400 AND superseded_by_id IS NULL
            AND id IN (SELECT previous_certificate_id FROM dossiers
                       WHERE registration_type = 're_evaluation' AND submitted_at IS NOT NULL
                       AND state NOT IN ('evaluated', 'published'))),
        c AS (SELECT expires_on, superseded_by_id,
                     revoked_on IS NOT NULL AND revoked_on <= :today AS revoked,
                     id IN (SELECT id FROM kept) AS kept
              FROM certificates WHERE {certificate_scope})
        SELECT count(*) FILTER (WHERE NOT revoked AND superseded_by_id IS NULL
                                AND (expires_on >= :today OR kept)),
               count(*) FILTER (WHERE NOT revoked AND superseded_by_id IS NULL
                                AND (expires_on >= :today OR kept) AND expires_on <= :today + 180),
               count(*) FILTER (WHERE NOT revoked AND superseded_by_id IS NULL
                                AND expires_on < :today AND NOT kept),
               count(*) FILTER (WHERE revoked),
               count(*) FILTER (WHERE NOT revoked AND superseded_by_id IS NOT NULL)
        FROM c""",
    "results by group": """
        SELECT f.rulebook_code, d.group_code, {figures}
        GROUP BY f.rulebook_code, d.group_code ORDER BY 1, 2""",
    "results by round": """
        SELECT r.year, r.name, r.id, {figures}
        GROUP BY r.year, r.name, r.id ORDER BY 1, 2, 3""",
    "certificate years": """
        SELECT DISTINCT year FROM certificates WHERE {certificate_scope} ORDER BY year DESC""",
    "rounds with results": """
        SELECT r.* FROM evaluation_rounds r WHERE {round_scope}
        AND r.id IN (SELECT round_id FROM final_results) ORDER BY r.year DESC, r.id DESC""",
}
PAGE_NEEDS = {
    "/statistics/": [
        "certificates by year",
        "certificates by group",
        "certificates by commune",
        "certificates by status",
        "certificate years",
    ],
    "/statistics/results": ["results by group", "results by round", "rounds with results"],
}


class NationalBuilder(Builder):
    """Every province's five years, each dossier scored by nine members."""

    def build(self, rows: Rows) -> dict:
        self.units(rows)
        per_round = scaled(DOSSIERS_PER_ROUND, self.scale, 3)
        for province in PROVINCES:
            self.province(rows, province, per_round)
        self.finish(rows)
        return self.manifest

    def province(self, rows: Rows, province: str, per_round: int) -> None:
        m, unit = self.m, self.provinces[province]
        slug = fold_slug(province)
        self.staff(rows, slug, unit)
        people = self.members(rows, slug, province, unit, SCORERS)
        for year in YEARS:
            day = min(date(year, 6, 10), self.today - timedelta(days=60))
            name = f"Đợt đánh giá OCOP {province} năm {year}"
            round_id = self.round(rows, unit, name, year, day)
            self.round_unit[round_id] = unit
            seats = self.council(rows, round_id, province, people, self.secretary_id)
            signed_on = day + timedelta(days=25)
            decision = self.decision(rows, round_id, unit, signed_on)
            dossiers = [
                self.dossier(rows, round_id, province, m.DossierState.PUBLISHED, day)
                for _ in range(per_round)
            ]
            start = 0
            for number, size in enumerate(split(per_round, max(1, per_round // 21)), start=1):
                starts = utc(day + timedelta(days=number % 20))
                title = f"Phiên họp số {number} năm {year}"
                part = dossiers[start : start + size]
                start += size
                session, items = self.session(rows, title, starts, seats, part)
                for item, dossier in items:
                    quality = self.random.uniform(0.3, 0.95)
                    sheets = [
                        (*self.sheet(rows, item, seat, dossier.code, True, day, quality), n)
                        for n, seat in enumerate(seats, start=1)
                    ]
                    scored = [(sheet, n, choices) for sheet, choices, n in sheets]
                    figures = self.frozen(dossier.code, scored)
                    self.result(rows, item, dossier, round_id, decision, figures, signed_on)
                self.to_close.append((session, utc(day + timedelta(days=number % 20), 16)))
            self.manifest.setdefault("rounds", {})[f"{province} {year}"] = round_id
            rows.flush(*TABLE_ORDER)
        self.manifest.setdefault("provinces", {})[province] = unit


def median_ms(call, rounds: int) -> float:
    call()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def raw_runner(connection, names: list[str], scope: dict, today: date):
    def run() -> None:
        for name in names:
            sql = RAW[name].format(figures=FIGURES.format(**scope), **scope)
            connection.execute(sa.text(sql), {"today": today}).fetchall()

    return run


def scopes(unit_id: int | None) -> dict:
    if unit_id is None:
        return {"certificate_scope": "true", "round_scope": "true"}
    return {"certificate_scope": f"unit_id = {unit_id}", "round_scope": f"r.unit_id = {unit_id}"}


def verdict(ratio: float, target: float) -> str:
    return "yes" if ratio <= target else "NO"


def measure(app, manifest: dict, rounds: int) -> None:
    from flask import Response

    from evalapp.api import tokens
    from evalapp.auth.models import User
    from evalapp.common.access import PUBLIC
    from evalapp.common.time import local_today
    from evalapp.extensions import db
    from evalapp.statistics import queries, results
    from evalapp.statistics.criteria import criterion_averages
    from evalapp.units.models import AdministrativeUnit, UnitLevel

    province = PROVINCES[7]  # Thanh Hóa
    bodies = {}  # the API's answers, served again by a route that does nothing else

    @app.route("/bench/bare/<name>")
    def bare(name):
        return Response(bodies[name], mimetype="application/json")

    bare.access_rule = PUBLIC
    with app.app_context():
        today = local_today()
        central = db.session.scalar(
            sa.select(AdministrativeUnit).where(AdministrativeUnit.level == UnitLevel.CENTRAL)
        )
        unit = db.session.get(AdministrativeUnit, manifest["provinces"][province])
        ministry_secretary = db.session.scalar(
            sa.select(User).where(User.email == "thuky1.hanoi@vi-du.vn")
        )
        ministry_secretary.unit_id = central.id  # the ministry's secretariat
        admin = db.session.scalar(sa.select(User).where(User.unit_id == unit.id))
        _, token = tokens.issue(unit, "Bench", by=admin)
        _, ministry_token = tokens.issue(central, "Bench quốc gia", by=admin)
        db.session.commit()
        counts = {
            table: db.session.scalar(sa.text(f"SELECT count(*) FROM {table}"))
            for table in ("dossiers", "score_sheets", "final_results", "certificates")
        }
        levels = db.session.scalar(
            sa.text(
                "SELECT sum((SELECT count(*) FROM json_object_keys(choices))) FROM score_sheets"
            )
        )
        print(f"\nData: {counts}, chosen levels in the sheets: {levels:,}")
        connection = (
            db.engine.connect()
        )  # its own: each request of the test client ends the session's

        print(
            f"\n{'statistics function (' + str(rounds) + ' runs)':58} {'app ms':>8} {'raw ms':>8} {'ratio':>6}  ≤ 1.5×"
        )
        functions = {
            "certificates by year": lambda u: queries.by_year(u),
            "certificates by group": lambda u: queries.by_group(u),
            "certificates by commune": lambda u: queries.by_commune(u),
            "certificates by status": lambda u: queries.by_status(u, today),
            "results by group": lambda u: results.by_group(u),
            "results by round": lambda u: results.by_round(u),
        }
        for who, target_unit, unit_id in (("ministry", central, None), (province, unit, unit.id)):
            for name, function in functions.items():
                app_ms = median_ms(lambda f=function, u=target_unit: f(u), rounds)
                raw_ms = median_ms(raw_runner(connection, [name], scopes(unit_id), today), rounds)
                ratio = app_ms / raw_ms
                print(
                    f"{name + ' — ' + who:58} {app_ms:8.1f} {raw_ms:8.1f} {ratio:6.2f}  {verdict(ratio, PAGE_TARGET)}"
                )

        print(
            f"\n{'statistics page (test client, signed in)':58} {'page ms':>8} {'raw ms':>8} {'ratio':>6}  ≤ 1.5×"
        )
        for who, user, unit_id in (
            ("ministry", ministry_secretary, None),
            (
                province,
                db.session.scalar(
                    sa.select(User).where(User.email == f"thuky1.{fold_slug(province)}@vi-du.vn")
                ),
                unit.id,
            ),
        ):
            client = app.test_client()
            with app.app_context():
                client.post(
                    "/auth/login", data={"email": user.email, "password": manifest["password"]}
                )
            for path, needs in PAGE_NEEDS.items():

                def page(path=path, client=client):
                    # A fresh application context: inside the bench's own, Flask would reuse it
                    # and its `g`, and with it the user Flask-Login loaded for another client.
                    with app.app_context():
                        response = client.get(path)
                    assert response.status_code == 200, (path, response.status_code)

                page_ms = median_ms(page, rounds)
                raw_ms = median_ms(raw_runner(connection, needs, scopes(unit_id), today), rounds)
                ratio = page_ms / raw_ms
                print(
                    f"{path + ' — ' + who:58} {page_ms:8.1f} {raw_ms:8.1f} {ratio:6.2f}  {verdict(ratio, PAGE_TARGET)}"
                )

        round_id = manifest["rounds"][f"{province} {YEARS[-1]}"]
        average_ms = median_ms(lambda: criterion_averages(round_id), max(1, rounds // 2))
        read_ms = median_ms(
            lambda: connection.execute(
                sa.text(
                    "SELECT s.choices FROM score_sheets s JOIN agenda_items a ON a.id = s.item_id "
                    "JOIN final_results f ON f.item_id = a.id WHERE f.round_id = :r"
                ),
                {"r": round_id},
            ).fetchall(),
            rounds,
        )
        print(
            f"\nA round's per-criterion averages ({province} {YEARS[-1]}, re-scored in Python): "
            f"{average_ms:.0f} ms; reading its sheets alone: {read_ms:.1f} ms "
            f"({average_ms / read_ms:.0f}×, no target: one round at a time)"
        )

        logging.getLogger("werkzeug").setLevel(logging.ERROR)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_port

        def http_get(path: str, headers: dict) -> bytes:
            connection = http.client.HTTPConnection("127.0.0.1", port)
            connection.request("GET", path, headers=headers)
            answer = connection.getresponse()
            body = answer.read()
            connection.close()
            assert answer.status == 200, (path, answer.status, body[:200])
            return body

        print(
            f"\n{'API list, 100 items, over HTTP':58} {'api ms':>8} {'bare ms':>8} {'ratio':>6}  ≤ 3×"
        )
        for name, path, secret in (
            ("results", "/api/v1/results?limit=100", ministry_token),
            ("results (province)", "/api/v1/results?limit=100", token),
            ("dossiers", "/api/v1/dossiers?limit=100", ministry_token),
            ("certificates (public)", "/api/v1/certificates?limit=100", None),
        ):
            headers = {"Authorization": f"Bearer {secret}"} if secret else {}
            cursor = json.loads(http_get(path, headers))["next_cursor"]
            deep = f"{path}&cursor={cursor}" if cursor else path
            key = str(len(bodies))
            bodies[key] = http_get(deep, headers)
            api_ms = median_ms(
                lambda deep=deep, headers=headers: http_get(deep, headers), rounds * 4
            )
            bare_ms = median_ms(lambda key=key: http_get(f"/bench/bare/{key}", {}), rounds * 4)
            ratio = api_ms / bare_ms
            size = len(bodies[key]) // 1024
            label = f"{name} ({size} KB, page 2)"
            print(
                f"{label:58} {api_ms:8.2f} {bare_ms:8.2f} {ratio:6.2f}  {verdict(ratio, API_TARGET)}"
            )
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--server", default="postgresql://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", help="measure this database again (made with --keep)")
    options = parser.parse_args()
    admin = sa.create_engine(options.server, isolation_level="AUTOCOMMIT")
    name = options.reuse or f"evalapp_statbench_{uuid.uuid4().hex[:8]}"
    url = sa.make_url(options.server).set(database=name).render_as_string(hide_password=False)
    work = Path(tempfile.mkdtemp(prefix="statbench-"))
    key = str(Path(tempfile.gettempdir()) / f"{name}-signing-key.pem")
    app = bench_app(url, key, STORAGE_LOCAL_DIR=str(work / "files"))
    manifest_file = Path(tempfile.gettempdir()) / f"{name}.json"
    try:
        if not options.reuse:
            with admin.connect() as connection:
                connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
            from flask_migrate import upgrade

            from evalapp.extensions import db

            with app.app_context():
                upgrade()
                db.session.remove()
                started = time.monotonic()
                builder = NationalBuilder(app, options.scale)
                with db.engine.begin() as connection:
                    manifest = builder.build(Rows(connection))
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                    c.execute(sa.text("VACUUM ANALYZE"))
                print(
                    f"Built {name} at scale {options.scale} in {time.monotonic() - started:.0f} s"
                )
            manifest_file.write_text(json.dumps(manifest, ensure_ascii=False))
        manifest = json.loads(manifest_file.read_text())
        measure(app, manifest, options.rounds)
    finally:
        if not options.keep and not options.reuse:
            with admin.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        elif options.keep:
            print(f"\nKept: --reuse {name}")


if __name__ == "__main__":
    main()
