"""Independence, tested as non-interference: what member B does with their sheet changes nothing
on any page member A can reach (after normalising CSRF tokens and times). The secretary sees who
signed, never a figure a member gave; the sheet page only ever shows the viewer's own sheet."""

import re

from evalapp.extensions import db
from evalapp.scoring.models import ScoreSheet
from tests.conftest import TEST_PASSWORD
from tests.integration.scoring.conftest import signed_sheet, with_changes

LOW = with_changes(**{"6.3": "1", "6.1": "1", "6.4": "1", "4.1": "1"})  # 50
VOLATILE = [
    (re.compile(r'(name="csrf[-_]token" (?:value|content)=)"[^"]*"'), r'\1"…"'),
    (re.compile(r"\d{1,2}:\d{2}(:\d{2})?"), "hh:mm"),
    (re.compile(r"\d{1,2}/\d{1,2}/\d{4}"), "dd/mm/yyyy"),
]


def normalised(html: str) -> str:
    for pattern, replacement in VOLATILE:
        html = pattern.sub(replacement, html)
    return html


def pages_of(client, meeting) -> dict[str, str]:
    urls = [
        f"/councils/sessions/{meeting.session.id}",
        "/councils/my-sessions",
        f"/scoring/items/{meeting.item.id}",
        f"/dossiers/{meeting.item.dossier_id}",
        "/notifications/",
    ]
    snapshot = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        snapshot[url] = normalised(response.get_data(as_text=True))
    return snapshot


def test_what_b_does_changes_nothing_that_a_can_see(app, meeting):
    a, b = meeting.members[1], meeting.members[2]
    signed_sheet(meeting.item, a)
    client_a, client_b = app.test_client(), app.test_client()
    client_a.post("/auth/login", data={"email": a.user.email, "password": TEST_PASSWORD})
    client_b.post("/auth/login", data={"email": b.user.email, "password": TEST_PASSWORD})
    pages_of(client_a, meeting)  # the login's welcome message is shown once
    before = pages_of(client_a, meeting)

    url = f"/scoring/items/{meeting.item.id}"
    client_b.get(url)
    version = db.session.query(ScoreSheet).filter_by(member_id=b.id).one().version
    data = {f"c-{code}": level for code, level in LOW.items()}
    client_b.post(url, data={**data, "version": version, "action": "save", "comment-6.3": "Thấp"})
    version = db.session.query(ScoreSheet).filter_by(member_id=b.id).one().version
    client_b.post(url, data={**data, "version": version, "action": "sign", "confirmed": "1"})
    for member in (meeting.members[0], meeting.members[3]):  # the dossier's sheets are complete
        signed_sheet(meeting.item, member)
    db.session.expire_all()
    assert db.session.query(ScoreSheet).filter_by(member_id=b.id).one().is_signed

    after = pages_of(client_a, meeting)
    for url_a, page in before.items():
        assert after[url_a] == page, url_a


def test_the_sheet_page_shows_only_the_viewers_own_sheet(app, client, auth, meeting):
    signed_sheet(meeting.item, meeting.members[2], LOW)
    auth.login(meeting.members[1].user)
    page = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert "Đã ký lúc" not in page and "50,00" not in page and "Ký phiếu" in page
    own = db.session.query(ScoreSheet).filter_by(member_id=meeting.members[1].id).one()
    assert f'name="version" value="{own.version}"' in page
    assert f"evalapp.sheet.{meeting.item.id}.{meeting.members[1].id}." in page
    # whatever is asked for, the sheet is the viewer's: no parameter names another member
    other = client.get(
        f"/scoring/items/{meeting.item.id}?member_id={meeting.members[2].id}"
    ).get_data(as_text=True)
    assert "Đã ký lúc" not in other and "50,00" not in other


def test_the_secretary_never_sees_a_members_total(client, auth, meeting):
    for member, choices in zip(
        meeting.members, [LOW, LOW, with_changes(), with_changes()], strict=True
    ):
        signed_sheet(meeting.item, member, choices)
    auth.login(meeting.secretary.user)
    page = client.get(f"/scoring/sessions/{meeting.session.id}").get_data(as_text=True)
    assert "4/4" in page
    for total in ("50", "72"):
        assert f"{total},00" not in page and f">{total}<" not in page and f" {total} " not in page
