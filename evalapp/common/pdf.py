"""PDF rendering with WeasyPrint: documents load nothing but `data:` URLs and the project's own
font files (a custom URL fetcher refuses everything else), and templates receive plain data.

WeasyPrint is imported only when a PDF is rendered: the import costs about 0.35 s.
"""

from __future__ import annotations

import functools
from io import BytesIO
from pathlib import Path

from flask import render_template

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
    It keeps what it `served` and what it `refused` (WeasyPrint logs those and renders without)."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    allowed = {path.as_uri(): path for stem in ("noto-serif",) for path in font_files(stem)}

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

    fetcher = LocalOnlyFetcher(allowed_protocols=("data", "file"))
    fetcher.served, fetcher.refused = [], []
    return fetcher


def render_pdf(html: str, fetcher=None) -> bytes:
    """The PDF of `html` (a document of our own templates, never producer-supplied markup)."""
    from weasyprint import HTML

    fetcher = fetcher or local_only_fetcher()
    return HTML(string=html, base_url=None, url_fetcher=fetcher).write_pdf()


def render_document(template: str, fetcher=None, **context) -> bytes:
    """Render a Jinja template (autoescaped, plain data in `context`) to PDF, with the project's
    fonts available as `font_faces`."""
    html = render_template(template, font_faces=font_faces(), **context)
    return render_pdf(html, fetcher)
