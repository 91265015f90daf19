"""Security headers on every response, error pages and downloads included."""

from flask import current_app, request

from evalapp.common import static_urls

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if max_age := current_app.config.get("HSTS_SECONDS"):
        headers.setdefault("Strict-Transport-Security", f"max-age={max_age}; includeSubDomains")
    if request.endpoint == "static":
        if static_urls.is_current_version():  # a new file gets a new URL
            headers["Cache-Control"] = static_urls.IMMUTABLE
    else:
        # Dossiers, results, receipts and every page behind a login must not stay in a shared
        # computer's or a proxy's cache; a view that may be cached says so itself
        # (`common.page_cache`).
        headers.setdefault("Cache-Control", "no-store")
    return response
