"""Issue 18's API journey: the demo's administrator creates a token for Ninh Bình's portal from
the API page, copies it, and a client pages through the province's results with it; the token is
then revoked (asked first) and refused."""

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e


def test_the_administrator_issues_a_token_a_client_pages_with(
    page: Page, live_server, demo, screenshot
):
    log_in(page, live_server, "quantri")
    page.goto(live_server + "/")
    page.get_by_role("link", name="API", exact=True).first.click()
    expect(page.get_by_role("heading", name="Mã truy cập API")).to_be_visible()
    page.get_by_label("Tên hệ thống sử dụng").fill("Cổng OCOP Ninh Bình")
    page.get_by_label("Đơn vị").select_option(label="Tỉnh Ninh Bình")
    page.get_by_role("button", name="Tạo mã truy cập").click()
    token = page.locator("#new-token-value").inner_text().strip()
    assert token.startswith("evk_")
    screenshot("api-token-created")

    client = page.context.request
    headers = {"Authorization": f"Bearer {token}"}
    seen, url = [], f"{live_server}/api/v1/results?limit=2"
    while url:
        answer = client.get(url, headers=headers)
        assert answer.ok, answer.text()
        body = answer.json()
        seen += body["items"]
        url = (
            f"{live_server}/api/v1/results?limit=2&cursor={body['next_cursor']}"
            if body["next_cursor"]
            else None
        )
    assert seen and len({item["id"] for item in seen}) == len(seen)
    assert all(item["stars"] is None or 1 <= item["stars"] <= 5 for item in seen)

    page.goto(live_server + "/admin/api-tokens/")
    row = page.locator("#api-tokens tr", has_text="Cổng OCOP Ninh Bình")
    row.get_by_role("button", name="Thu hồi").click()
    page.get_by_role("button", name="Thu hồi mã").click()
    expect(page.get_by_text("Đã thu hồi mã truy cập “Cổng OCOP Ninh Bình”.")).to_be_visible()
    assert client.get(f"{live_server}/api/v1/results", headers=headers).status == 401

    page.goto(live_server + "/api/v1/docs")
    expect(page.get_by_role("heading", name="API dữ liệu OCOP v1")).to_be_visible()
    expect(page.locator("#api_results")).to_contain_text("/api/v1/results")
