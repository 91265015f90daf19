import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal

from babel.messages.pofile import read_po
from flask_babel import force_locale

from evalapp.common.i18n import format_day, format_moment, format_number, format_score


def test_vietnamese_is_the_default_and_english_is_one_click_away(client):
    assert "Đăng nhập" in client.get("/auth/login").text
    response = client.post("/language", data={"lang": "en", "next": "/auth/login"})
    assert response.headers["Location"] == "/auth/login"
    page = client.get("/auth/login").text
    assert '<html lang="en">' in page and "Log in" in page and "Password" in page


def test_language_switch_ignores_unknown_languages_and_foreign_next(client):
    response = client.post("/language", data={"lang": "fr", "next": "https://evil.example/"})
    assert response.headers["Location"] == "/"
    assert '<html lang="vi">' in client.get("/").text


def test_dates_and_numbers_in_vietnamese_format(app):
    with app.test_request_context(), force_locale("vi"):
        assert format_day(date(2021, 12, 9)) == "09/12/2021"
        # stored in UTC, shown in Asia/Ho_Chi_Minh
        assert format_moment(datetime(2021, 12, 9, 20, 30, tzinfo=UTC)) == "10/12/2021 03:30"
        assert format_number(1234567.5) == "1.234.567,5"
        assert format_score(Decimal("87.5")) == "87,50"


def test_english_keeps_the_same_date_pattern_with_english_numbers(app):
    with app.test_request_context(), force_locale("en"):
        assert format_day(date(2021, 12, 9)) == "09/12/2021"
        assert format_score(Decimal("87.5")) == "87.50"


def test_english_catalogue_is_complete(project_root, tmp_path):
    """Every translatable string in code and templates has an English translation."""
    pot = tmp_path / "messages.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            "babel.cfg",
            "-k",
            "_l",
            "-o",
            str(pot),
            ".",
        ],
        cwd=project_root,
        check=True,
        capture_output=True,
    )
    with pot.open("rb") as handle:
        wanted = {message.id for message in read_po(handle) if message.id}
    with (project_root / "evalapp/translations/en/LC_MESSAGES/messages.po").open("rb") as handle:
        catalogue = read_po(handle)
    translated = {
        message.id for message in catalogue if message.id and message.string and not message.fuzzy
    }
    missing = sorted(str(message) for message in wanted - translated)
    assert missing == []
