"""Per-page figures against the floor, and their growth from 10 % to 100 % of the data (issue 17).

Run by `bench/load.py --all` (or `--pages`, `--growth`). Every page of the issue's table is
requested through the bench's gunicorn, each request preceded by one request of the floor (a
plain Jinja page of a 40-row table served by the same workers), after a warm-up; per page: the
median and p95 of the client-side time, the SQL statements of one request, the ratio to the
floor (the median over rounds of page median ÷ floor median within the round) and the target.
Documents are timed from the request to the file, following redirects and a job's progress page
if the application builds them in the background.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass, field
from urllib.parse import quote

from loadsite import VERSION_FIELD, Answer, Browser, Site, fetch_document, median, percentile, timed

HTML_TARGET = 10.0  # × the floor, at median
DOCUMENT_TARGET = 2.0  # seconds, or a job with progress
GROWTH_TARGET = 1.5  # 100 % ÷ 10 %, for search and lists


@dataclass
class Page:
    name: str
    role: str | None  # who asks: None (the public), "secretary", "member", "chair"
    path: str
    kind: str = "html"  # "html", "document", "autosave"
    repeat: int = 3  # requests per round
    grows: bool = False  # shows what grows with the data (a session of 15 → 150 dossiers)
    hops: int = 0  # reached by following the page's "next" link this many times (keyset pages)
    answers: list[Answer] = field(default_factory=list)
    rounds: list[float] = field(default_factory=list)  # median seconds per round


def pages_of(manifest: dict) -> list[Page]:
    home = manifest["home"]
    deep = max(2, manifest["certificates"] // 100)  # page 300 of 30 at 30,000 certificates
    words = quote("giỏ cói")
    public_id = manifest["public_ids"][0]
    return [
        Page("session results, open (live)", "secretary",
             f"/results/sessions/{home['open_session']}", repeat=1, grows=True),
        Page("session results, finalised", "secretary",
             f"/results/sessions/{home['closed_session']}", grows=True),
        Page("session results, small, finalised", "secretary",
             f"/results/sessions/{home['small_session']}", grows=True),
        Page("session dashboard, open", "secretary", f"/scoring/sessions/{home['open_session']}",
             grows=True),
        Page("minutes PDF", "secretary",
             f"/reports/sessions/{home['closed_session']}/minutes.pdf", "document", 1, True),
        Page("score XLSX", "secretary",
             f"/reports/sessions/{home['closed_session']}/scores.xlsx", "document", 1, True),
        Page("registry, no query", None, "/registry"),
        Page("registry q=giỏ cói", None, f"/registry?q={words}"),
        Page("registry q=gio coi", None, "/registry?q=gio+coi"),
        Page("registry q=gio coi, page 2", None, "/registry?q=gio+coi&page=2", hops=1),
        Page(f"registry deep page ({deep})", None, f"/registry?page={deep}", hops=deep - 1),
        Page("intake queue", "secretary", "/dossiers/intake"),
        Page("member's sheet page", "member", f"/scoring/items/{manifest['members'][0]['item']}"),
        Page("sheet autosave (POST JSON)", "member",
             f"/scoring/items/{manifest['members'][0]['item']}/autosave", "autosave"),
        Page("result page, frozen", "secretary", f"/results/items/{home['closed_item']}"),
        Page("result page, live", "secretary", f"/results/items/{home['live_item']}"),
        Page("decision certificates", "secretary",
             f"/certificates/decisions/{home['big_decision']}", grows=True),
        Page("unit's certificates list", "secretary", "/certificates/"),
        Page("/verify/<id>", None, f"/verify/{public_id}"),
        Page("/api/v1/certificates/<id>", None, f"/api/v1/certificates/{public_id}"),
        Page("home: anonymous", None, "/"),
        Page("home: secretary", "secretary", "/"),
        Page("home: chair", "chair", "/"),
        Page("home: member", "member", "/"),
    ]  # fmt: skip


class People:
    """The browsers of one site, logged in once."""

    def __init__(self, site: Site) -> None:
        manifest, password = site.manifest, site.manifest["password"]
        home = manifest["home"]
        member = manifest["members"][0]
        self.browsers = {
            None: Browser(site.base),
            "secretary": Browser(site.base).log_in(home["secretary"], password),
            "chair": Browser(site.base).log_in(home["chair"], password),
            "member": Browser(site.base).log_in(member["email"], password),
        }
        self.choices = member["choices"]
        self.saves = 0
        page = self.browsers["member"].get(f"/scoring/items/{member['item']}")
        found = VERSION_FIELD.search(page.text)
        self.version = int(found[1]) if found else None

    def ask(self, page: Page) -> Answer:
        browser = self.browsers[page.role]
        if page.kind == "document":
            return fetch_document(browser, page.path)
        if page.kind == "autosave":
            self.saves += 1
            body = {"version": self.version, "choices": self.choices[self.saves % 2],
                    "comments": {}, "overall": ""}  # fmt: skip
            answer = timed(browser, "POST", page.path, json=body,
                           headers={"X-CSRFToken": browser.csrf})  # fmt: skip
            if answer.status in (200, 409):  # 409: saved elsewhere; the answer gives the version
                self.version = answer.response.json().get("version", self.version)
            return answer
        return timed(browser, "GET", page.path)


NEXT_LINK = re.compile(r'<a [^>]*rel="next" href="([^"]+)"')


def followed(browser: Browser, path: str, hops: int) -> str:
    """The page `hops` "next" links after `path`, when the registry pages by cursor (keyset);
    `path` itself (its `page=N`) when it has no such link."""
    for _ in range(hops):
        found = NEXT_LINK.search(browser.get(path).text)
        if not found:
            break
        path = html.unescape(found[1])
    return path


def floor(browser: Browser) -> float:
    return timed(browser, "GET", "/floor/table").seconds


def run_pages(site: Site, rounds: int = 5, warmup: int = 1) -> tuple[list[Page], list[float]]:
    """Warm-up passes, then `rounds` rounds of every page, each request after a floor request;
    the pages with their answers and the floor's median per round."""
    people = People(site)
    pages = pages_of(site.manifest)
    for page in pages:
        page.path = followed(people.browsers[page.role], page.path, page.hops)
    for _ in range(warmup):
        for page in pages:
            people.ask(page)
    floors: list[float] = []
    for _ in range(rounds):
        within: list[float] = []
        for page in random.sample(pages, len(pages)):
            times = []
            for _ in range(page.repeat):
                within.append(floor(people.browsers[None]))
                answer = people.ask(page)
                page.answers.append(answer)
                times.append(answer.seconds)
            page.rounds.append(median(times))
        floors.append(median(within))
    return pages, floors


def ratio(page: Page, floors: list[float]) -> float:
    return median([seconds / floor for seconds, floor in zip(page.rounds, floors, strict=True)])


def target_of(page: Page) -> str:
    return (
        f"≤ {DOCUMENT_TARGET:.0f} s or job" if page.kind == "document" else f"≤ {HTML_TARGET:.0f}×"
    )


def meets(page: Page, floors: list[float]) -> str:
    ok = [a for a in page.answers if 200 <= a.status < 400]
    if len(ok) < len(page.answers):
        return "ERRORS"
    if page.kind == "document":
        jobs = all(a.kind == "job" for a in ok)
        return "yes" if jobs or median([a.seconds for a in ok]) <= DOCUMENT_TARGET else "no"
    return "yes" if ratio(page, floors) <= HTML_TARGET else "no"


def print_pages(pages: list[Page], floors: list[float], title: str) -> None:
    print(f"\n== {title}")
    print(f"floor (Jinja, 40 rows): median {median(floors) * 1000:.1f} ms over rounds "
          f"({min(floors) * 1000:.1f}–{max(floors) * 1000:.1f})")  # fmt: skip
    header = f"{'page':<34} {'median ms':>10} {'p95 ms':>9} {'queries':>8} {'× floor':>9}"
    print(f"{header} {'target':>14} {'met':>6}  status, bytes")
    for page in pages:
        times = [a.seconds * 1000 for a in page.answers]
        queries = sorted({a.queries for a in page.answers if a.queries is not None})
        shown = "/".join(str(q) for q in queries[:3]) or "–"
        statuses = sorted({a.status for a in page.answers})
        kinds = sorted({a.kind for a in page.answers if a.kind})
        size = median([a.size for a in page.answers])
        note = f"{','.join(map(str, statuses))} {size / 1024:.0f} KB {' '.join(kinds)}".rstrip()
        print(
            f"{page.name:<34} {median(times):>10.1f} {percentile(times, 0.95):>9.1f} {shown:>8}"
            f" {ratio(page, floors):>8.0f}× {target_of(page):>14} {meets(page, floors):>6}  {note}"
        )


def run_growth(small: Site, large: Site, rounds: int = 3) -> list[tuple[Page, Page]]:
    """The same pages on both sites, interleaved request by request."""
    people = People(small), People(large)
    pairs = list(zip(pages_of(small.manifest), pages_of(large.manifest), strict=True))
    for pair in pairs:  # warm-up
        for who, page in zip(people, pair, strict=True):
            who.ask(page)
    for _ in range(rounds):
        for pair in random.sample(pairs, len(pairs)):
            times: tuple[list, list] = ([], [])
            for _ in range(pair[0].repeat):
                for n, (who, page) in enumerate(zip(people, pair, strict=True)):
                    answer = who.ask(page)
                    page.answers.append(answer)
                    times[n].append(answer.seconds)
            for n, page in enumerate(pair):
                page.rounds.append(median(times[n]))
    return pairs


def print_growth(pairs: list[tuple[Page, Page]], scales: tuple[float, float]) -> None:
    low, high = (f"{round(s * 100)} %" for s in scales)
    print(f"\n== growth from {low} to {high} of the data (median of per-round ratios)")
    print(f"{'page':<34} {low + ' ms (q)':>14} {high + ' ms (q)':>15} {'growth':>8} {'target':>22}")
    for small, large in pairs:
        growth = median([b / a for a, b in zip(small.rounds, large.rounds, strict=True)])
        target = "lists what grows" if small.grows else f"≤ {GROWTH_TARGET}×"
        if not small.grows:
            target += " yes" if growth <= GROWTH_TARGET else " NO"
        print(
            f"{small.name:<34} {describe(small):>14} {describe(large):>15} {growth:>7.2f}× {target:>22}"
        )


def describe(page: Page) -> str:
    queries = [a.queries for a in page.answers if a.queries is not None]
    shown = f" ({max(queries)})" if queries else ""
    return f"{median([a.seconds * 1000 for a in page.answers]):.1f}{shown}"


def as_json(pages: list[Page], floors: list[float]) -> str:
    return json.dumps(
        {page.name: {"median_ms": median([a.seconds * 1000 for a in page.answers]),
                     "ratio": ratio(page, floors)} for page in pages},
        ensure_ascii=False,
    )  # fmt: skip
