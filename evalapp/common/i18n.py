"""Language and format: Vietnamese first, English second; dd/MM/yyyy dates and Vietnamese numbers."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel.numbers import parse_pattern
from flask import current_app, has_request_context, request, session
from flask_babel import format_date, format_datetime, format_decimal, get_locale

DATE_PATTERN = "dd/MM/yyyy"
DATETIME_PATTERN = "dd/MM/yyyy HH:mm"


def select_locale() -> str:
    """The language the user chose (kept in the session); a client of the JSON API has no
    session and asks with `Accept-Language`."""
    if has_request_context() and request.path.startswith("/api/"):
        languages = current_app.config["LANGUAGES"]
        return (
            request.accept_languages.best_match(languages)
            or current_app.config["BABEL_DEFAULT_LOCALE"]
        )
    chosen = session.get("lang") if has_request_context() else None
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return str(get_locale() or "vi")


def format_day(value: date | datetime | None) -> str:
    return "" if value is None else format_date(value, DATE_PATTERN)


def format_moment(value: datetime | None) -> str:
    """A UTC datetime shown in the user's time zone."""
    return "" if value is None else format_datetime(value, DATETIME_PATTERN)


def format_clock(value: datetime | None) -> str:
    """A UTC datetime as the hour and minute in the app's time zone, 24-hour ("21:12"), in every
    language: what the autosave line shows, whatever the browser's clock and locale say."""
    return "" if value is None else format_datetime(value, "HH:mm")


def format_number(value: int | float | Decimal | None, pattern: str | None = None) -> str:
    return "" if value is None else format_decimal(value, format=pattern)


# Parsed once: a list of 150 dossiers formats 150 scores (Babel parses the pattern on each call).
SCORE_PATTERN = parse_pattern("#,##0.00")


def format_score(value: Decimal | float | int | None) -> str:
    """Scores always with two decimals: 87,50."""
    return "" if value is None else SCORE_PATTERN.apply(value, get_locale())


def format_filesize(size: int | None) -> str:
    """Sizes as people read them: 820 B, 14 KB, 2,4 MB."""
    if size is None:
        return ""
    if size < 1024:
        return f"{format_decimal(size)} B"
    if size < 1024 * 1024:
        return f"{format_decimal(round(size / 1024))} KB"
    return f"{format_decimal(round(size / 1024 / 1024, 1))} MB"


def localised(value, language: str | None = None) -> str:
    """A bilingual value of the rules core in the user's language: a `Text` (`.get(lang)`) or a
    problem or error carrying `message_vi` / `message_en`. A loop over thousands of values
    passes the `language` it read once."""
    if value is None:
        return ""
    language = language or current_language()
    if hasattr(value, "message_vi"):
        return value.message_en if language == "en" and value.message_en else value.message_vi
    return value.get(language)


def register_filters(app) -> None:
    app.jinja_env.filters.update(
        day=format_day,
        moment=format_moment,
        number=format_number,
        score=format_score,
        local=localised,
        filesize=format_filesize,
    )
    app.jinja_env.globals.update(current_language=current_language)
