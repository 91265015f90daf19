from flask import current_app, has_request_context, url_for


def absolute_url(endpoint: str, **values) -> str:
    """An absolute URL for e-mails and QR codes, also outside a request (CLI, jobs):
    then `PUBLIC_BASE_URL` says where the site lives."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_BASE_URL"]):
        return url_for(endpoint, _external=True, **values)
