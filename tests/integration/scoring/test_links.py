"""The session page leads each person to the scoring page that is theirs."""

from tests.conftest import TEST_PASSWORD


def page_for(app, user, url):
    client = app.test_client()
    client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    return client.get(url).text


def test_members_find_their_sheet_and_the_chair_the_result(app, meeting):
    url = f"/councils/sessions/{meeting.session.id}"
    member_page = page_for(app, meeting.members[2].user, url)
    assert f"/scoring/items/{meeting.item.id}" in member_page and "Chấm điểm" in member_page
    assert f"/results/items/{meeting.item.id}" not in member_page
    assert f"/results/items/{meeting.item.id}" in page_for(app, meeting.chair.user, url)


def test_the_secretary_finds_the_dashboard_and_the_paper_sheets(app, meeting):
    page = page_for(app, meeting.secretary.user, f"/councils/sessions/{meeting.session.id}")
    assert f"/scoring/sessions/{meeting.session.id}" in page
    dashboard = page_for(app, meeting.secretary.user, f"/scoring/sessions/{meeting.session.id}")
    member = meeting.members[1]
    assert f"/scoring/items/{meeting.item.id}/members/{member.id}/sheet.xlsx" in dashboard
    assert f"/scoring/items/{meeting.item.id}/members/{member.id}/import" in dashboard
