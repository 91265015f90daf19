"""Every page asked for /favicon.ico and got a 404 (issue 14): the app ships its icon."""

import re


def test_favicon_ico_is_served_to_every_visitor(client):
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200
        assert response.mimetype == "image/vnd.microsoft.icon"
        assert response.data[:4] == b"\x00\x00\x01\x00"  # an ICO file
        assert response.headers["Cache-Control"] == "public, max-age=86400"


def test_every_page_links_its_icon_and_the_links_work(client):
    page = client.get("/").get_data(as_text=True)
    links = re.findall(r'<link rel="icon" href="([^"]+)"', page)
    assert links[0] == "/favicon.ico"
    assert re.fullmatch(r"/static/favicon\.svg\?v=[0-9a-f]{12}", links[1])  # hashed, kept a year
    with client.get(links[1]) as svg:
        assert svg.status_code == 200 and svg.mimetype == "image/svg+xml"
        assert b"<svg" in svg.data
