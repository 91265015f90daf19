"""Issue 18's journey: the demo's provincial secretary opens the statistics from the certificate
list, sees the classes by year and group as charts beside their tables, and downloads a table as
XLSX and CSV; the page's Content Security Policy reports nothing."""

import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import ConsoleMessage, Page, expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_the_demo_secretary_reads_and_downloads_the_statistics(
    page: Page, live_server, demo, screenshot
):
    problems: list[str] = []

    def keep(message: ConsoleMessage) -> None:
        if message.type in {"error", "warning"}:
            problems.append(message.text)

    page.on("console", keep)
    log_in(page, live_server, "thuky.ninhbinh")
    page.goto(live_server + "/certificates/")
    page.locator("#statistics-link").click()
    expect(page.get_by_role("heading", name="Thống kê", exact=True)).to_be_visible()
    for name in ("years", "groups"):
        canvas = page.locator(f"#{name} canvas.statistics-chart")
        expect(canvas).to_be_visible()
        drawn = page.evaluate("(c) => Chart.getChart(c) !== undefined", canvas.element_handle())
        assert drawn, name
    total = page.locator("#years tfoot td").last.inner_text()
    assert int(total) > 0
    screenshot("statistics-demo-secretary")

    with page.expect_download() as download:
        page.locator("#groups a", has_text="XLSX").click()
    rows = list(load_workbook(io.BytesIO(download.value.path().read_bytes())).active.values)
    assert rows[0][0] == "Nhóm sản phẩm" and rows[0][-1] == "Tổng"
    assert sum(row[-1] for row in rows[1:]) == int(total)
    with page.expect_download() as download:
        page.locator("#years a", has_text="CSV").click()
    assert download.value.path().read_bytes().startswith("\ufeff".encode())

    page.locator("#statistics-tabs a", has_text="Kết quả đánh giá").click()
    canvas = page.locator("#groups canvas.statistics-chart")
    expect(canvas).to_be_visible()
    assert page.evaluate("(c) => Chart.getChart(c) !== undefined", canvas.element_handle())
    evaluated = page.locator("#rounds tbody tr td").first.inner_text()
    assert int(evaluated.replace(".", "")) > 0
    page.locator("#round").select_option(index=1)
    page.get_by_role("button", name="Lọc").click()
    expect(page.locator("#criteria tbody tr").first).to_contain_text("/")
    assert "round=" in page.url  # the filter stays in the address
    screenshot("statistics-results-demo-secretary")
    assert not [text for text in problems if "Content Security Policy" in text], problems
