"""The load benchmark of issue 17: one province's five years on PostgreSQL under a council and
the public at once.

    .venv/bin/python bench/load.py --all              # everything below, about 15 minutes
    .venv/bin/python bench/load.py --seconds 60       # the mixed load alone (100 % data)
    .venv/bin/python bench/load.py --pages            # per-page figures alone
    .venv/bin/python bench/load.py --growth           # 10 % against 100 % alone
    .venv/bin/python bench/load.py --all --keep       # keep the databases (then --reuse)

Builds the dataset (bench/dataset.py) in throw-away databases `evalapp_loadbench_s010` and
`evalapp_loadbench_s100`, starts gunicorn as deployed (deploy/gunicorn.conf.py, production
settings, bench/loadwsgi.py around the app: the floor page and a query counter), and runs from
this separate process: the per-page figures (bench/pages.py), the growth from 10 % to 100 %,
and the mixed load: 50 members autosaving every 5 s (two complete choice sets in turn), 100
public visitors (2–8 s think time: 40 % /verify, 20 % registry list, 30 % registry search with
or without accents, some page 2, 10 % API) and 20 staff (intake, certificates, dashboard,
session results, home). Prints requests/s, p50/p95/p99 and errors per request class, and the
floor measured in the same run, each beside its target. Cleans up unless --keep.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pages as page_bench
from loadsite import VERSION_FIELD, Browser, Site, load_average, median, percentile, timed

SAVE_EVERY = 5.0  # seconds between a member's saves
THINK = (2.0, 8.0)  # a visitor's or a staff member's pause
SAVE_TARGET_MS = 500  # members' saves, p95 under the mixed load
SEARCHES = ("giỏ cói", "gio coi", "mật ong", "mat ong", "nước mắm", "nuoc mam", "chè búp",
            "che bup", "bánh gai", "nga sơn")  # fmt: skip


@dataclass
class Record:
    """Every request of the mixed load: (class, status or exception name, seconds)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    rows: list[tuple[str, str, float]] = field(default_factory=list)

    def add(self, kind: str, outcome: str, seconds: float) -> None:
        with self.lock:
            self.rows.append((kind, outcome, seconds))

    def ask(self, kind: str, browser: Browser, method: str, path: str, **kwargs):
        started = time.perf_counter()
        try:
            answer = timed(browser, method, path, **kwargs)
        except Exception as error:  # every failure is a figure
            self.add(kind, type(error).__name__, time.perf_counter() - started)
            return None
        self.add(kind, str(answer.status), answer.seconds)
        return answer


def member(site: Site, seat: dict, browser: Browser, record: Record, stop: threading.Event):
    path = f"/scoring/items/{seat['item']}"
    found = VERSION_FIELD.search(browser.get(path).text)
    version = int(found[1]) if found else None
    stop.wait(random.uniform(0, SAVE_EVERY))
    saves = 0
    while not stop.is_set():
        cycle = time.monotonic()
        saves += 1
        body = {"version": version, "choices": seat["choices"][saves % 2], "comments": {},
                "overall": f"lần lưu {saves}"}  # fmt: skip
        answer = record.ask("autosave", browser, "POST", f"{path}/autosave", json=body,
                            headers={"X-CSRFToken": browser.csrf})  # fmt: skip
        if answer is not None and answer.status in (200, 409):
            version = answer.response.json().get("version", version)
        stop.wait(max(0.0, SAVE_EVERY - (time.monotonic() - cycle)))


def visitor(site: Site, record: Record, stop: threading.Event) -> None:
    browser = Browser(site.base, timeout=60)
    public_ids = site.manifest["public_ids"]
    stop.wait(random.uniform(*THINK))
    while not stop.is_set():
        draw = random.random()
        if draw < 0.4:
            record.ask("verify", browser, "GET", f"/verify/{random.choice(public_ids)}")
        elif draw < 0.6:
            record.ask("registry list", browser, "GET", f"/registry?page={random.randint(1, 5)}")
        elif draw < 0.9:
            page = "&page=2" if random.random() < 0.3 else ""
            path = f"/registry?q={quote(random.choice(SEARCHES))}{page}"
            record.ask("registry search", browser, "GET", path)
        else:
            record.ask("api", browser, "GET", f"/api/v1/certificates/{random.choice(public_ids)}")
        stop.wait(random.uniform(*THINK))


def staff(site: Site, email: str, browser: Browser, record: Record, stop: threading.Event):
    slug = email.split("@")[0].split(".", 1)[1]
    session = site.manifest["home" if slug == "thanhhoa" else slug]["open_session"]
    paths = {
        "intake": "/dossiers/intake",
        "certificates list": "/certificates/",
        "dashboard": f"/scoring/sessions/{session}",
        "session results": f"/results/sessions/{session}",
        "home (staff)": "/",
    }
    stop.wait(random.uniform(*THINK))
    while not stop.is_set():
        kind = random.choice(list(paths))
        record.ask(kind, browser, "GET", paths[kind])
        stop.wait(random.uniform(*THINK))


def floor_probe(site: Site, record: Record, stop: threading.Event) -> None:
    browser = Browser(site.base, timeout=60)
    while not stop.is_set():
        record.ask("floor (probe)", browser, "GET", "/floor/table")
        stop.wait(1.0)


def log_in_everyone(site: Site) -> tuple[list, list]:
    """Members' and staff's browsers, logged in once (four at a time: a login is a scrypt
    hash of 128 MiB), before the load starts."""
    password = site.manifest["password"]
    members, staff_emails = site.manifest["members"], site.manifest["staff"]
    with ThreadPoolExecutor(4) as pool:
        member_browsers = list(
            pool.map(lambda s: Browser(site.base, 60).log_in(s["email"], password), members)
        )
        staff_browsers = list(
            pool.map(lambda e: Browser(site.base, 60).log_in(e, password), staff_emails)
        )
    return member_browsers, staff_browsers


def mixed_load(site: Site, seconds: float, visitors: int = 100) -> Record:
    """The mixed load for `seconds`; requests still in flight then are waited for and counted."""
    member_browsers, staff_browsers = log_in_everyone(site)
    record, stop = Record(), threading.Event()
    threads = [
        threading.Thread(target=member, args=(site, seat, browser, record, stop), daemon=True)
        for seat, browser in zip(site.manifest["members"], member_browsers, strict=True)
    ]
    threads += [
        threading.Thread(target=staff, args=(site, email, browser, record, stop), daemon=True)
        for email, browser in zip(site.manifest["staff"], staff_browsers, strict=True)
    ]
    threads += [
        threading.Thread(target=visitor, args=(site, record, stop), daemon=True)
        for _ in range(visitors)
    ]
    threads.append(threading.Thread(target=floor_probe, args=(site, record, stop), daemon=True))
    for thread in threads:
        thread.start()
    stop.wait(seconds)
    stop.set()
    for thread in threads:
        thread.join(60)
    return record


def print_load(record: Record, seconds: float, people: str) -> None:
    rows = record.rows
    print(f"\n== mixed load: {people}, {seconds:.0f} s, load average {load_average()}")
    print(f"requests: {len(rows)} answered, {len(rows) / seconds:.1f} requests/s;"
          f" errors: {sum(1 for _, o, _ in rows if not o.startswith(('2', '3')))}")  # fmt: skip
    print(f"{'class':<20} {'n':>6} {'p50 ms':>9} {'p95 ms':>9} {'p99 ms':>9}  errors (status: n)")
    print("(ReadTimeout: no answer within 60 s, the client's limit and gunicorn's timeout)")
    by_kind: dict[str, list] = defaultdict(list)
    for kind, outcome, taken in rows:
        by_kind[kind].append((outcome, taken * 1000))
    for kind, answers in sorted(by_kind.items()):
        times = [ms for _, ms in answers]
        errors = Counter(o for o, _ in answers if not o.startswith(("2", "3")))
        shown = ", ".join(f"{o}: {n}" for o, n in sorted(errors.items())) or "none"
        print(f"{kind:<20} {len(answers):>6} {median(times):>9.1f} {percentile(times, 0.95):>9.1f}"
              f" {percentile(times, 0.99):>9.1f}  {shown}")  # fmt: skip
    saves = [ms for outcome, ms in by_kind["autosave"] if outcome == "200"]
    p95 = percentile(saves, 0.95)
    verdict = "met" if p95 < SAVE_TARGET_MS else "NOT met"
    print(f"target: members' saves p95 < {SAVE_TARGET_MS} ms: {p95:.0f} ms, {verdict}")
    floors = [ms for outcome, ms in by_kind["floor (probe)"]]
    print(
        f"floor under load (1 request/s): p50 {median(floors):.1f} ms, p95 {percentile(floors, 0.95):.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--all", action="store_true", help="build, pages, growth, mixed load")
    parser.add_argument("--pages", action="store_true", help="per-page figures (100 %%)")
    parser.add_argument("--growth", action="store_true", help="10 %% against 100 %%")
    parser.add_argument("--seconds", type=float, default=60.0, help="mixed load duration")
    parser.add_argument("--no-load", action="store_true", help="skip the mixed load")
    parser.add_argument("--visitors", type=int, default=100, help="public visitors of the load")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of the page benchmark")
    parser.add_argument("--scale", type=float, default=1.0, help="the large dataset's scale")
    parser.add_argument("--small-scale", type=float, default=0.1)
    parser.add_argument("--keep", action="store_true", help="keep the databases")
    parser.add_argument("--reuse", action="store_true", help="reuse databases kept before")
    parser.add_argument("--workdir", default=str(Path(tempfile.gettempdir()) / "evalapp-loadbench"))
    args = parser.parse_args()
    pages_too = args.all or args.pages
    growth = args.all or args.growth
    load = not args.no_load and (args.all or not (args.pages or args.growth))
    workdir = Path(args.workdir)
    large = Site(args.scale, workdir, keep=args.keep)
    small = Site(args.small_scale, workdir, keep=args.keep) if growth else None
    sites = [s for s in (small, large) if s is not None]
    print(f"evalapp load bench: load average {load_average()} (2 cores; other work may share them)")
    try:
        for site in sites:
            taken = site.prepare(reuse=args.reuse)
            rows = site.manifest["rows"]
            print(f"dataset {round(site.scale * 100)} %: {site.name}, built in {taken:.0f} s"
                  f" ({site.manifest.get('seconds', 0):.0f} s filling): {rows['certificates']}"
                  f" certificates, {rows['dossiers']} dossiers, {rows['score_sheets']} sheets;"
                  f" search rebuild: {site.manifest['search_rebuild']}")  # fmt: skip
            site.start()
        if pages_too:
            pages, floors = page_bench.run_pages(large, rounds=args.rounds)
            page_bench.print_pages(pages, floors, f"pages at {round(large.scale * 100)} % "
                                   f"(load average {load_average()})")  # fmt: skip
        if growth:
            pairs = page_bench.run_growth(small, large, rounds=max(2, args.rounds // 2))
            page_bench.print_growth(pairs, (small.scale, large.scale))
            small.stop()
        if load:
            record = mixed_load(large, args.seconds, args.visitors)
            people = (
                f"{len(large.manifest['members'])} members saving every 5 s, {args.visitors}"
                f" visitors, {len(large.manifest['staff'])} staff, 2 gthread workers"
            )
            print_load(record, args.seconds, people)
    finally:
        for site in sites:
            site.stop()
            site.drop()


if __name__ == "__main__":
    main()
