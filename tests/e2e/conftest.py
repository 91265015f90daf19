"""Browser journeys in Debian's Chromium driven by Playwright (never `playwright install`)."""

import shutil
import threading
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from evalapp.demo.data import DEMO_PASSWORD

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


# The development server opens a static file (a web font) for a request the browser may drop or
# answer from its cache (304); when that file object is collected later, its ResourceWarning
# (an error under `filterwarnings = error`) surfaces as an unraisable exception in whichever test
# runs then. It is the test server's static serving, not the application: browser tests ignore
# exactly that warning.
STATIC_FILE_LEFT_OPEN = (
    pytest.mark.filterwarnings("ignore:unclosed file <_io.BufferedReader name='[^']*static/"),
    pytest.mark.filterwarnings(
        "ignore:Exception ignored in. <_io.FileIO name='[^']*static/"
        ":pytest.PytestUnraisableExceptionWarning"
    ),
)


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in item.keywords:
            for mark in STATIC_FILE_LEFT_OPEN:
                item.add_marker(mark)
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(
        reason=f"browser test skipped: Chromium not found at {CHROMIUM} (apt-get install chromium)"
    )
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {
        **browser_context_args,
        "locale": "vi-VN",
        "timezone_id": "Asia/Ho_Chi_Minh",
        "viewport": {"width": 1280, "height": 900},
    }


@pytest.fixture
def live_server(app):
    """The app served on a free local port, with CSRF on as in production."""
    app.config["WTF_CSRF_ENABLED"] = True
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)


@pytest.fixture
def screenshot(page):
    def take(name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def log_in(page: Page, base: str, login: str) -> None:
    page.goto(base + "/auth/login")
    page.get_by_label("Email").fill(f"{login}@evalapp-demo.vn")
    page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_text("Đăng nhập thành công")).to_be_visible()
