"""Every page each role reaches fits the screen (issue 14: "at 1366 px and at 390 px every role's
pages fit"). On the demo's data, for each role: the home page, the menu's links (dropdown items
included), the home page's cards and queues, the first entry of each list (a dossier, a round, a
council, a certificate…) and from it the pages it leads to (a session, its results, a decision),
at most 28 a role. At 390 × 844 and at 1366 × 768 the page never scrolls sideways (a wide data
table may scroll inside its own box); every offender is reported at once."""

import re
from urllib.parse import urldefrag, urlsplit

import pytest
from playwright.sync_api import Browser, Error, Page

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

WIDTHS = ((390, 844), (1366, 768))
# Enough for every menu entry and card of the longest menu (the secretary's) and a detail page of
# most of its lists, while keeping a role to about half a minute.
MOST_PAGES = 28
# From a round, a council, a dossier: its sessions, results, decisions, certificates…
LINKS_PER_ENTRY = 3
# Files, not pages: the browser downloads them.
DOWNLOADS = (".pdf", ".xlsx", ".csv", ".zip", ".docx")
# The public reference pages, the same for everyone: checked in the visitor's run only.
PUBLIC = ("/rulebooks/", "/rulebooks/N", "/rulebooks/N/sheets/N", "/registry", "/verify/N")
# One person per role; None for the visitor who has not signed in.
ROLES = {
    "producer": "htxcoi",
    "commune officer": "canbo.xakimson",
    "province secretary": "thuky.ninhbinh",
    "ministry secretary": "thuky.bo",
    "council chair": "chutich.kimson",
    "council member": "thanhvien5.kimson",
    "advisory member": "tuvan.kimson",
    "administrator": "quantri",
    "visitor": None,
}
# The first link of a list to one of its rows.
FIRST_ENTRY = (
    "main table tbody a[href], main .list-group a[href], main a.list-group-item[href],"
    " main .card-body a[href]"
)
# What sticks out past the right edge, to name in the failure message: the outermost element out
# of a box that does not scroll or clip it, or one positioned out of its scrolling box.
WIDEST = """width => {
    const out = element => element.getBoundingClientRect().right > width + 1;
    const positioned = element => ['absolute', 'fixed'].includes(getComputedStyle(element).position);
    const clipped = element => {
        for (let box = element.parentElement; box !== document.body; box = box.parentElement) {
            if (getComputedStyle(box).overflowX !== 'visible') return true;
        }
        return false;
    };
    return [...document.body.querySelectorAll('*')]
        .filter(element => out(element) &&
            (positioned(element) || (!out(element.parentElement) && !clipped(element))))
        .slice(0, 3)
        .map(element => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') +
            (typeof element.className === 'string' && element.className.trim() ?
                '.' + element.className.trim().split(/\\s+/).join('.') : ''));
}"""


def links(page: Page, selector: str, base: str) -> list[str]:
    """The page's links under `selector` to pages of this site, in order, without downloads."""
    hrefs = page.locator(selector).evaluate_all("anchors => anchors.map(a => a.href)")
    found = []
    for href in hrefs:
        url = urldefrag(href).url
        path = urlsplit(url).path
        if url.startswith(base) and not path.endswith(DOWNLOADS) and url not in found:
            found.append(url)
    return found


def visit(page: Page, url: str) -> bool:
    """Open `url`; False when it is not an HTML page (a file, an error)."""
    try:
        response = page.goto(url)
    except Error as error:
        if "Download is starting" in error.message:
            return False
        raise
    return bool(response and response.ok and "html" in response.headers.get("content-type", ""))


def overflows(page: Page, url: str) -> list[str]:
    """The widths at which the page scrolls sideways, with what sticks out."""
    found = []
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width:
            culprits = page.evaluate(WIDEST, width)
            found.append(f"{url} at {width} px: {scroll_width} px wide ({', '.join(culprits)})")
    page.set_viewport_size({"width": WIDTHS[0][0], "height": WIDTHS[0][1]})
    return found


def kind(url: str) -> str:
    """The page a URL opens, whichever record: /dossiers/14 and /dossiers/16 are one kind."""
    return re.sub(r"[^/]*\d[^/]*", "N", urlsplit(url).path)


def new_kinds(page: Page, selector: str, base: str, seen: set[str], most: int) -> list[str]:
    """Up to `most` of the page's links to kinds of page not `seen` yet (now seen)."""
    found = []
    for link in links(page, selector, base):
        if len(found) < most and kind(link) not in seen:
            seen.add(kind(link))
            found.append(link)
    return found


def pages_and_offenders(page: Page, base: str, signed_in: bool) -> tuple[list[str], list[str]]:
    """Breadth first from the home page: the menu's and the home page's links (one of each kind,
    other filters of a list last), the first entry of each list, then from each entry the first
    link to each kind of page not seen yet (a council's sessions, a certificate's decision…), and
    from those one more (a session's dashboard)."""
    page.goto(base + "/")
    seen = {"/", *(PUBLIC if signed_in else ())}
    frontier = [base + "/", *new_kinds(page, "nav a[href], main a[href]", base, seen, MOST_PAGES)]
    variants = [url for url in links(page, "main a[href]", base) if url not in frontier]
    visited, offenders = [], []
    steps = ((FIRST_ENTRY, 1), ("main a[href]", LINKS_PER_ENTRY), ("main a[href]", 1), ("", 0))
    for selector, most in steps:
        deeper = []
        for url in frontier[: MOST_PAGES - len(visited)]:
            if visit(page, url):
                visited.append(url)
                offenders += overflows(page, url)
                deeper += new_kinds(page, selector, base, seen, most) if most else []
        frontier = deeper
    for url in variants[: MOST_PAGES - len(visited)]:
        if visit(page, url):
            visited.append(url)
            offenders += overflows(page, url)
    return visited, offenders


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_a_role_reaches_fits(browser: Browser, live_server, demo, role):
    context = browser.new_context(
        locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    if ROLES[role]:
        log_in(page, live_server, ROLES[role])
    visited, offenders = pages_and_offenders(page, live_server, bool(ROLES[role]))
    context.close()

    assert len(visited) >= 3, visited
    assert not offenders, "\n".join(offenders)
