"""The public pages with and without caching (issue 17, item 4), run by hand:
`.venv/bin/python bench/caching_bench.py [DATABASE_URL] [--certificates N] [--runs R]`.

On the given database (an empty one it migrates; default a throw-away SQLite file) it issues N
signed certificates (default 3,000) across 10 provinces through the test factories, then asks,
in one process through the Flask test client (no network), interleaved, R rounds after a
warm-up, the verification page of one certificate, the registry's first page and a criteria
sheet page of a rulebook:
- "off": an app with `CACHE_URL=null://` (nothing kept: every page read and rendered);
- "on, 200": the cached app answering a browser without the page (the page kept rendered on the
  server: the visitor's CSRF token put in);
- "on, 304": the cached app answering a browser that holds the page (`If-None-Match`).
It prints the median and min–max milliseconds and the SQL statements of one request of each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from flask_migrate import upgrade
from sqlalchemy import event, select

from config import TestConfig
from evalapp import create_app
from evalapp.certificates.models import Certificate
from evalapp.extensions import db
from tests.factories import make_unit
from tests.integration.registry.issued import Issuer

PROVINCES = 10
PAGES = {
    "verify": None,  # filled with a certificate's page
    "registry, first page": "/registry",
    "rulebook criteria sheet": "/rulebooks/1048-2019/sheets/tcmn-trang-tri",
}


def make_app(url: str, cache_url: str, folder: str):
    return create_app(
        TestConfig,
        SQLALCHEMY_DATABASE_URI=url,
        CACHE_URL=cache_url,
        CERTIFICATE_SIGNING_KEY=f"{folder}/certificate_signing_key.pem",
        STORAGE_LOCAL_DIR=f"{folder}/uploads",
    )


def populate(app, count: int) -> str:
    """`count` certificates (unless the database already holds them); a public id to verify."""
    with app.app_context():
        upgrade()
        held = db.session.scalar(select(db.func.count(Certificate.id)))
        started = time.perf_counter()
        for province in range(PROVINCES if held < count else 0):
            issuer = Issuer(make_unit(f"Tỉnh Thử {province}", code=f"T{province}"))
            for number in range((count - held) // PROVINCES):
                issuer.certificate(product_name=f"Sản phẩm {province}-{number}")
            db.session.commit()
        if held < count:
            print(f"{count - held} certificates issued in {time.perf_counter() - started:.0f} s")
        return db.session.scalar(select(Certificate.public_id).limit(1))


def counted(app, client, path: str, headers: dict) -> int:
    statements = []
    with app.app_context():
        engine = db.engine
    listener = lambda *args: statements.append(1)  # noqa: E731
    event.listen(engine, "before_cursor_execute", listener)
    try:
        client.get(path, headers=headers)
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    return len(statements)


def measure(apps: dict, runs: int) -> None:
    clients = {name: app.test_client() for name, app in apps.items()}
    for path in PAGES.values():
        for client in clients.values():
            client.get(path)  # warm-up (and the session's CSRF token)
    etags = {path: clients["on"].get(path).headers.get("ETag") for path in PAGES.values()}
    cases = {}
    for page, path in PAGES.items():
        cases[(page, "off")] = (apps["off"], clients["off"], path, {})
        cases[(page, "on, 200")] = (apps["on"], clients["on"], path, {})
        cases[(page, "on, 304")] = (
            apps["on"],
            clients["on"],
            path,
            {"If-None-Match": etags[path]},
        )
    times = {case: [] for case in cases}
    for _ in range(runs):
        for case, (_app, client, path, headers) in cases.items():
            started = time.perf_counter()
            response = client.get(path, headers=headers)
            times[case].append((time.perf_counter() - started) * 1000)
            expected = 304 if headers else 200
            assert response.status_code == expected, (case, response.status_code)
    print(f"{'page':<26}{'cache':<10}{'median ms':>10}{'min–max':>16}{'queries':>9}")
    for case, values in times.items():
        app, client, path, headers = cases[case]
        spread = f"{min(values):.1f}–{max(values):.1f}"
        queries = counted(app, client, path, headers)
        median = statistics.median(values)
        print(f"{case[0]:<26}{case[1]:<10}{median:>10.1f}{spread:>16}{queries:>9}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", nargs="?")
    parser.add_argument("--certificates", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=30)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = arguments.database or f"sqlite:///{folder}/bench.sqlite3"
        apps = {"on": make_app(url, "simple://", folder), "off": make_app(url, "null://", folder)}
        public_id = populate(apps["on"], arguments.certificates)
        PAGES["verify"] = f"/verify/{public_id}"
        measure(apps, arguments.runs)


if __name__ == "__main__":
    main()
