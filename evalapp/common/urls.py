from urllib.parse import urlsplit

from flask import current_app


def absolute_url(endpoint: str, **values) -> str:
    """An absolute URL for everything that leaves the site (e-mails, invitation tokens, QR codes,
    PDFs), always on `PUBLIC_BASE_URL`: never the request's Host header, which a client chooses
    (issue 13, item 3). Values that are None are left out, as `url_for` does."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(
        base.netloc, script_name=base.path.rstrip("/") or "/", url_scheme=base.scheme or "https"
    )
    values = {name: value for name, value in values.items() if value is not None}
    return adapter.build(endpoint, values, force_external=True)
