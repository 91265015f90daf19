"""PDF rendering with WeasyPrint: documents load nothing but `data:` URLs and the project's own
font files (a custom URL fetcher refuses everything else), and templates receive plain data.

WeasyPrint is imported only when a PDF is rendered: the import costs about 0.35 s.

Long documents of independent pages (the certificates of a decision) can be laid out in a small
pool of worker processes (`render_parts`), WeasyPrint being bound to one core, and their PDFs
merged with pypdf (`merge_pdfs`). The workers get HTML strings and give back PDF bytes: they never
touch the database nor Flask.
"""

from __future__ import annotations

import atexit
import copy
import functools
import logging
import multiprocessing
import shutil
import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from flask import render_template

log = logging.getLogger(__name__)

FONT_DIR = Path(__file__).resolve().parents[2] / "static" / "fonts"
# fontsource subsets: unicode ranges as in its own CSS, so the three files make one face.
SUBSETS = {
    "vietnamese": "U+0102-0103, U+0110-0111, U+0128-0129, U+0168-0169, U+01A0-01A1, "
    "U+01AF-01B0, U+0300-0301, U+0303-0304, U+0308-0309, U+0323, U+0329, U+1EA0-1EF9, U+20AB",
    "latin-ext": "U+0100-02BA, U+02BD-02C5, U+02C7-02CC, U+02CE-02D7, U+02DD-02FF, U+0304, "
    "U+0308, U+0329, U+1D00-1DBF, U+1E00-1E9F, U+1EF2-1EFF, U+2020, U+20A0-20AB, U+20AD-20C0, "
    "U+2113, U+2C60-2C7F, U+A720-A7FF",
    "latin": "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, "
    "U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD",
}
FACES = (("400", "normal"), ("700", "normal"), ("400", "italic"))
# The same faces as whole TrueType files (Noto Serif 2.004, fonts-noto-core): one file a face,
# nothing to decompress, and one font for a Vietnamese line instead of three subsets, so a worker
# process starts in a fraction of a second. Used by the certificates (`full_font_faces`).
FULL_FONTS = {
    ("400", "normal"): "NotoSerif-Regular.ttf",
    ("700", "normal"): "NotoSerif-Bold.ttf",
    ("400", "italic"): "NotoSerif-Italic.ttf",
}


_import_lock = threading.Lock()


def import_weasyprint():
    """Import WeasyPrint, on Linux without the compiler runs of its library lookups.

    WeasyPrint (`text/ffi.py`) asks cffi for each native library under several names, the Windows
    and macOS ones first; for every name that fails cffi falls back on `ctypes.util.find_library`,
    which on Linux runs ldconfig, then gcc, then ld (Kozea/WeasyPrint#1125): 22 lookups, 54
    processes, 0.4-0.8 s in every process that renders a PDF (each print worker at its start).
    During the import that fallback finds nothing, so WeasyPrint goes on to the library's own
    soname (`libpango-1.0.so.0`), which the dynamic loader opens itself. Should that fail on
    some system, the import is done again the usual way."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux"):
        import weasyprint

        return weasyprint
    import ctypes.util

    with _import_lock:
        lookup = ctypes.util.find_library
        ctypes.util.find_library = lambda name: None
        try:
            import weasyprint
        except OSError:
            for name in [name for name in sys.modules if name.split(".")[0] == "weasyprint"]:
                del sys.modules[name]
            ctypes.util.find_library = lookup
            import weasyprint
        finally:
            ctypes.util.find_library = lookup
    return weasyprint


def font_files(stem: str = "noto-serif") -> list[Path]:
    return [
        FONT_DIR / f"{stem}-{subset}-{weight}-{style}.woff2"
        for subset in SUBSETS
        for weight, style in FACES
        if (FONT_DIR / f"{stem}-{subset}-{weight}-{style}.woff2").is_file()
    ]


def font_faces(family: str = "Noto Serif", stem: str = "noto-serif") -> str:
    """@font-face rules pointing at the project's font files by `file://` URL."""
    rules = []
    for subset, ranges in SUBSETS.items():
        for weight, style in FACES:
            path = FONT_DIR / f"{stem}-{subset}-{weight}-{style}.woff2"
            if path.is_file():
                rules.append(
                    f"@font-face {{ font-family: '{family}'; font-weight: {weight}; "
                    f"font-style: {style}; src: url('{path.as_uri()}') format('woff2'); "
                    f"unicode-range: {ranges}; }}"
                )
    return "\n".join(rules)


def full_font_files() -> list[Path]:
    return [FONT_DIR / name for name in FULL_FONTS.values() if (FONT_DIR / name).is_file()]


def full_font_faces(family: str = "Noto Serif") -> str:
    """@font-face rules for the whole TrueType faces of `FULL_FONTS` (no unicode ranges)."""
    return "\n".join(
        f"@font-face {{ font-family: '{family}'; font-weight: {weight}; font-style: {style}; "
        f"src: url('{(FONT_DIR / name).as_uri()}') format('truetype'); }}"
        for (weight, style), name in FULL_FONTS.items()
        if (FONT_DIR / name).is_file()
    )


@functools.cache
def font_bytes(path: Path) -> bytes:
    """A font file as plain TrueType, decompressed once per process: WeasyPrint decompresses
    WOFF2 in pure Python on every render (≈0.33 s a file, 3 s for the nine files of a page)."""
    data = path.read_bytes()
    if data[:4] != b"wOF2":
        return data
    from fontTools.ttLib import woff2

    plain = BytesIO()
    woff2.decompress(BytesIO(data), plain)
    return plain.getvalue()


def local_only_fetcher():
    """A WeasyPrint fetcher for `data:` URLs and the font files of `font_faces`, nothing else.
    It keeps what it `served` and what it `refused` (WeasyPrint logs those and renders without).

    A copy of one fetcher built per process: building one (urllib's opener with its ten
    handlers) and looking for the font files took 3 ms, more than a tenth of a bare page."""
    fetcher = copy.copy(_fetcher_prototype())
    fetcher.served, fetcher.refused = [], []
    return fetcher


@functools.cache
def _fetcher_prototype():
    """The fetcher `local_only_fetcher` copies. The copies share its urllib handlers, which keep
    no state between requests (and only the `data:` handler is ever used)."""
    import_weasyprint()
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.as_uri(): path for path in (*font_files("noto-serif"), *full_font_files())}

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if url in allowed:
                self.served.append(url)
                body = font_bytes(allowed[url])
                return URLFetcherResponse(url, body, {"Content-Type": "font/ttf"})
            self.refused.append(url)
            raise ValueError(f"refused to load {url!r}: only data: URLs and local fonts")

    return LocalOnlyFetcher(allowed_protocols=("data", "file"))


def render_pdf(html: str, fetcher=None) -> bytes:
    """The PDF of `html` (a document of our own templates, never producer-supplied markup)."""
    fetcher = fetcher or local_only_fetcher()
    return import_weasyprint().HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


def render_document(template: str, fetcher=None, **context) -> bytes:
    """Render a Jinja template (autoescaped, plain data in `context`) to PDF, with the project's
    fonts available as `font_faces`."""
    html = render_template(template, font_faces=font_faces(), **context)
    return render_pdf(html, fetcher)


# Cached font configurations ----------------------------------------------------------------

_thread = threading.local()
_configs: list = []


def cached_fonts():
    """This thread's WeasyPrint font configuration with the whole Noto Serif faces loaded, and
    the stylesheet declaring them, built once: loading the faces on every render doubled the time
    of a certificate. Per thread, because Pango and fontconfig objects are not shared across
    threads."""
    cached = getattr(_thread, "fonts", None)
    if cached is None:
        CSS = import_weasyprint().CSS
        from weasyprint.text.fonts import FontConfiguration

        config = FontConfiguration()
        css = CSS(string=full_font_faces(), font_config=config, url_fetcher=local_only_fetcher())
        cached = _thread.fonts = (config, css)
        _configs.append(config)
    return cached


@atexit.register
def _remove_font_folders() -> None:
    """WeasyPrint removes a configuration's temporary font folder when it is collected, which
    for these long-lived ones is at interpreter shutdown, too late to do it cleanly."""
    for config in _configs:
        if config._folder:
            shutil.rmtree(config._folder, ignore_errors=True)
            config._folder = None


def cached_stylesheet(css: str):
    """The parsed WeasyPrint stylesheet of `css`, parsed once per thread (a certificate spent a
    sixth of its time parsing its own <style> element)."""
    sheets = getattr(_thread, "stylesheets", None)
    if sheets is None:
        sheets = _thread.stylesheets = {}
    sheet = sheets.get(css)
    if sheet is None:
        config, _ = cached_fonts()
        sheet = sheets[css] = import_weasyprint().CSS(
            string=css, font_config=config, url_fetcher=local_only_fetcher()
        )
    return sheet


def layout_cached(html: str, fetcher=None, css: str | None = None):
    """The laid-out WeasyPrint document of our own `html` (which styles its text with the
    'Noto Serif' family of `cached_fonts`), loading only `data:` URLs and our fonts; `css`, a
    stylesheet of our own applied to it, is parsed once (`cached_stylesheet`)."""
    config, fonts_css = cached_fonts()
    stylesheets = [fonts_css] if css is None else [fonts_css, cached_stylesheet(css)]
    document = import_weasyprint().HTML(
        string=html, base_url=None, url_fetcher=fetcher or local_only_fetcher()
    )
    return document.render(stylesheets=stylesheets, font_config=config)


# Worker processes --------------------------------------------------------------------------

_pool: ProcessPoolExecutor | None = None
_pool_workers = 0
_pool_lock = threading.Lock()
_pool_broken = False
_pool_users = 0  # batches using the pool now
_release_timer: threading.Timer | None = None


def _start_worker() -> None:
    """Initializer of a worker process: import WeasyPrint and load the fonts once, and lay out a
    tiny page so the first real part does not pay for Pango's warm-up."""
    layout_cached("<p style=\"font-family: 'Noto Serif'\">Khởi động</p>").write_pdf()


def _render_part(html: str, css: str | None) -> bytes:
    """In a worker process: the PDF of one part (font subsets embedded)."""
    return layout_cached(html, css=css).write_pdf()


def pdf_pool(workers: int) -> ProcessPoolExecutor | None:
    """The process pool, created on first use and kept while batches come (the workers' WeasyPrint
    import and fonts are paid once per process, not per document); None if it cannot be started, the callers then
    render in their own process. "spawn" start method: the workers are fresh interpreters that
    share nothing with this process's threads, locks, database connections or Pango objects
    (forking a threaded web or job worker is not safe); they are this process's children and are
    stopped at exit (`shutdown_pool`)."""
    global _pool, _pool_workers, _pool_broken
    if workers < 2 or _pool_broken:
        return None
    with _pool_lock:
        if _pool is not None and _pool_workers == workers:
            return _pool
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None
        try:
            _pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
            )
        except Exception:  # no semaphores (some containers), fork limits, ...
            log.exception("PDF worker processes could not start: rendering in this process")
            _pool_broken = True
            return None
        _pool_workers = workers
        return _pool


@atexit.register
def shutdown_pool() -> None:
    """Stop the worker processes (at exit, or by tests); the next `pdf_pool` starts new ones."""
    global _pool
    with _pool_lock:
        _cancel_release()
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None


@contextmanager
def _pool_in_use(release_after: float | None):
    """Keeps the pool from being released while a batch uses it; when the last batch is done,
    the workers (about 100 MB each) are stopped if no batch comes within `release_after` seconds
    (None: kept until exit)."""
    global _pool_users
    with _pool_lock:
        _pool_users += 1
        _cancel_release()
    try:
        yield
    finally:
        with _pool_lock:
            _pool_users -= 1
            if _pool_users == 0 and _pool is not None and release_after is not None:
                _schedule_release(release_after)


def _schedule_release(seconds: float) -> None:  # _pool_lock held
    global _release_timer
    _release_timer = threading.Timer(seconds, _release_idle_pool, (seconds,))
    _release_timer.daemon = True
    _release_timer.start()


def _cancel_release() -> None:  # _pool_lock held
    global _release_timer
    if _release_timer is not None:
        _release_timer.cancel()
        _release_timer = None


def _release_idle_pool(seconds: float) -> None:
    """In the timer's thread: stop the workers unless a batch started since."""
    global _pool, _release_timer
    with _pool_lock:
        if _pool_users or _release_timer is not threading.current_thread():
            return
        pool, _pool, _release_timer = _pool, None, None
    if pool is not None:
        pool.shutdown(wait=True)
        log.info("PDF worker processes stopped: no batch for %s s", seconds)


def render_parts(
    parts: Iterable[str],
    workers: int,
    done: Callable[[int], None] | None = None,
    css: str | None = None,
    release_after: float | None = None,
) -> list[bytes]:
    """The PDF of each HTML string of `parts` (with the stylesheet `css`, see `layout_cached`),
    in order, rendered by `workers` processes (in this one if `workers` < 2 or the pool cannot
    start). `parts` may be a generator: each part goes to a worker as soon as it is produced, so
    the workers start while the next parts are still being templated. `done(i)` is called, in
    this thread, as each part `i` is finished (in completion order). The workers are stopped
    `release_after` seconds after the last batch (None: kept, see `_pool_in_use`)."""
    with _pool_in_use(release_after):
        return _render_in_pool(parts, workers, done, css)


def _render_in_pool(parts, workers, done, css) -> list[bytes]:
    pool = pdf_pool(workers)
    if pool is None:
        return _render_here(list(parts), done, css)
    htmls: list[str] = []
    futures = {}
    try:
        for index, html in enumerate(parts):
            htmls.append(html)
            futures[pool.submit(_render_part, html, css)] = index
    except Exception:  # cannot spawn, or a worker died since the last batch: afresh next time
        log.exception("PDF worker processes unavailable: rendering in this process")
        shutdown_pool()
        for future in futures:
            future.cancel()
        htmls.extend(parts)
        return _render_here(htmls, done, css)
    results: list[bytes | None] = [None] * len(htmls)
    pending = set(futures)
    try:
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                results[futures[future]] = future.result()
                if done is not None:
                    done(futures[future])
    except BrokenProcessPool:  # a worker died (killed, out of memory): finish here
        log.exception("a PDF worker process died: rendering the rest in this process")
        shutdown_pool()
        return _render_here(htmls, done, css, results)
    except BaseException:
        for future in pending:
            future.cancel()
        raise
    return results  # type: ignore[return-value]


def _render_here(parts: list[str], done, css: str | None, results=None) -> list[bytes]:
    """`render_parts` in this process, for the parts not already in `results`."""
    results = results or [None] * len(parts)
    for index, html in enumerate(parts):
        if results[index] is None:
            results[index] = layout_cached(html, css=css).write_pdf()
            if done is not None:
                done(index)
    return results


def merge_pdfs(pdfs: Sequence[bytes]) -> bytes:
    """One PDF of the pages of `pdfs` in turn (pypdf), with the document information (title,
    author) of the first. Each part keeps its own font subsets (a few kilobytes a part)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(BytesIO(pdf)))
    first = PdfReader(BytesIO(pdfs[0])).metadata
    if first:
        writer.add_metadata({key: value for key, value in first.items() if key != "/Producer"})
    output = BytesIO()
    writer.write(output)
    return output.getvalue()
