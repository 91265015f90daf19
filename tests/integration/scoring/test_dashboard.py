"""The secretary's dashboard (counts, never a member's figure; a bounded number of queries), the
reminders, a dossier's result and the chair's re-scoring round."""

import re

from sqlalchemy import event, select

from evalapp.councils.services import declare
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from tests.integration.scoring.conftest import add_dossiers, signed_sheet, with_changes

LOW = with_changes(**{"6.3": "1", "6.1": "1", "6.4": "1", "4.1": "1"})  # 50 against 72
KNOCKED_OUT = with_changes(**{"1.1": "1"})
CONFIRMED = {"confirmed": "1"}


def dashboard(meeting) -> str:
    return f"/scoring/sessions/{meeting.session.id}"


def row(page: str, item) -> str:
    return re.search(rf'<tr id="progress-{item.id}">(.*?)</tr>', page, re.S).group(1)


def test_the_dashboard_counts_sheets_and_flags_spread_and_knockouts(client, auth, meeting):
    first = meeting.item
    second, third = add_dossiers(meeting, 2)
    for member in meeting.members[:3]:
        signed_sheet(first, member)
    signed_sheet(first, meeting.members[3], LOW)
    signed_sheet(second, meeting.members[0], KNOCKED_OUT)
    auth.login(meeting.secretary.user)
    page = client.get(dashboard(meeting)).get_data(as_text=True)
    assert "4/4" in row(page, first) and "Chênh lệch 22 &gt; 10: cần chấm lại" in row(page, first)
    assert "1/4" in row(page, second) and "Chưa đủ phiếu" in row(page, second)
    assert "1 phiếu chọn mức loại" in row(page, second)
    assert "0/4" in row(page, third) and "Đủ" in row(page, third)
    members = page[page.index('id="member-todo"') :]
    assert meeting.members[1].user.full_name in members  # names, but no figures
    for total in ("72", "50", "71", "66"):
        assert f"{total},00" not in page and f">{total}<" not in page


def test_a_member_with_a_conflict_is_not_waited_for(client, auth, meeting):
    declare(meeting.item, meeting.members[3], True, "Người thân", meeting.members[3].user)
    db.session.commit()
    for member in meeting.members[:3]:
        signed_sheet(meeting.item, member)
    auth.login(meeting.secretary.user)
    page = client.get(dashboard(meeting)).get_data(as_text=True)
    assert "3/3" in row(page, meeting.item) and "Chênh lệch 0 ≤ 10" in row(page, meeting.item)


def count_queries(client, url: str) -> tuple[int, int]:
    statements = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        status = client.get(url).status_code
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return status, len(statements)


def test_the_dashboard_runs_the_same_queries_for_2_and_for_6_dossiers(client, auth, meeting):
    items = [meeting.item, *add_dossiers(meeting, 1)]
    auth.login(meeting.secretary.user)
    for item in items:
        signed_sheet(item, meeting.members[1])
    client.get(dashboard(meeting))  # warm-up
    status, with_two = count_queries(client, dashboard(meeting))
    assert status == 200
    for item in add_dossiers(meeting, 4):
        signed_sheet(item, meeting.members[1])
        signed_sheet(item, meeting.members[2], KNOCKED_OUT)
    for member in meeting.members[:1] + meeting.members[2:]:
        signed_sheet(items[1], member)  # one complete dossier: its result is computed too
    status, with_six = count_queries(client, dashboard(meeting))
    assert status == 200 and with_six == with_two
    assert (
        with_two <= 17
    )  # user, roles, session, agenda, seats, dossiers, sheets, round, badge, library stamp…


def test_only_the_secretariat_of_the_council_sees_the_dashboard(client, auth, meeting, make_user):
    from evalapp.auth.models import Role

    auth.login(make_user(Role.SECRETARY))  # another unit's secretariat
    assert client.get(dashboard(meeting)).status_code == 403
    auth.logout()
    auth.login(meeting.members[1].user)
    assert client.get(dashboard(meeting)).status_code == 403
    assert client.get("/scoring/sessions/9999").status_code in {403, 404}


def test_reminders_go_to_members_with_sheets_to_sign(client, auth, meeting):
    signed_sheet(meeting.item, meeting.members[0])
    auth.login(meeting.secretary.user)
    response = client.post(f"{dashboard(meeting)}/remind", follow_redirects=True)
    assert "Đã gửi nhắc nhở tới 3 thành viên." in response.get_data(as_text=True)
    reminded = set(db.session.scalars(select(Notification.user_id)))
    assert reminded == {m.user_id for m in meeting.members[1:]}
    body = db.session.scalars(select(Notification.body)).first()
    assert "1 hồ sơ chưa ký phiếu" in body


def result_url(meeting) -> str:
    return f"/results/items/{meeting.item.id}"


def test_the_old_result_address_leads_to_the_result_page(client, auth, meeting):
    auth.login(meeting.secretary.user)
    response = client.get(f"/scoring/items/{meeting.item.id}/result")
    assert response.status_code == 302 and response.location.endswith(result_url(meeting))


def spread_over_the_limit(meeting):
    for member in meeting.members[:3]:
        signed_sheet(meeting.item, member)
    signed_sheet(meeting.item, meeting.members[3], LOW)


def test_the_result_waits_for_every_sheet(client, auth, meeting):
    signed_sheet(meeting.item, meeting.members[0])
    auth.login(meeting.secretary.user)
    page = client.get(result_url(meeting)).get_data(as_text=True)
    assert "Chưa có kết quả: đã ký 1/4 phiếu." in page


def test_the_secretary_sees_the_result_but_only_the_chair_opens_a_rescoring(client, auth, meeting):
    spread_over_the_limit(meeting)
    auth.login(meeting.secretary.user)
    page = client.get(result_url(meeting)).get_data(as_text=True)
    assert "66,50" in page and "Chênh lệch 22,00 > 10,00: cần chấm lại" in page
    assert "Mở vòng chấm lại" in page
    for member in meeting.members:
        assert member.user.full_name not in page
    refused = client.post(
        f"/results/items/{meeting.item.id}/rescore", data=CONFIRMED, follow_redirects=True
    )
    assert "Chỉ Chủ tịch (hoặc Phó Chủ tịch điều hành) mới mở vòng chấm lại." in refused.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert meeting.item.scoring_round == 1
    auth.logout()
    auth.login(meeting.chair.user)
    done = client.post(
        f"/results/items/{meeting.item.id}/rescore", data=CONFIRMED, follow_redirects=True
    )
    assert "Đã mở vòng chấm lại" in done.get_data(as_text=True)
    db.session.expire_all()
    assert meeting.item.scoring_round == 2


def test_members_other_than_the_acting_chair_never_see_the_result(client, auth, meeting):
    spread_over_the_limit(meeting)
    auth.login(meeting.members[2].user)
    assert client.get(result_url(meeting)).status_code == 403
    assert client.post(f"/results/items/{meeting.item.id}/rescore").status_code == 403


def test_a_conflicted_chair_is_replaced_by_the_vice_chair(client, auth, meeting):
    declare(meeting.item, meeting.chair, True, "Thành viên sáng lập", meeting.chair.user)
    db.session.commit()
    for member in meeting.members[1:3]:
        signed_sheet(meeting.item, member)
    signed_sheet(meeting.item, meeting.members[3], LOW)
    auth.login(meeting.chair.user)
    assert client.get(result_url(meeting)).status_code == 403  # no figure that includes it
    auth.logout()
    auth.login(meeting.vice.user)
    assert (
        client.post(f"/results/items/{meeting.item.id}/rescore", data=CONFIRMED).status_code == 302
    )
    db.session.expire_all()
    assert meeting.item.scoring_round == 2


def test_an_unconfirmed_rescoring_opens_nothing_and_names_the_members(client, auth, meeting):
    """Issue 14: the chair first reads what re-scoring does and whom it calls back."""
    spread_over_the_limit(meeting)
    auth.login(meeting.chair.user)
    response = client.post(f"/results/items/{meeting.item.id}/rescore")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Vòng chấm lại 2 sẽ được mở" in page
    assert "Không thể huỷ vòng chấm lại sau khi đã mở." in page
    assert all(member.user.full_name in page for member in meeting.members)
    assert 'name="confirmed" value="1"' in page and "Xác nhận mở vòng chấm lại" in page
    db.session.expire_all()
    assert meeting.item.scoring_round == 1
    assert db.session.scalars(select(Notification)).all() == []


def test_the_dashboard_counts_knockouts_as_scoring_the_sheet_would():
    """The dashboard scores a signed sheet only when it chose a knock-out level or the exclusion
    line; on every shipped sheet, with random choices (some after a stop, some skipped), it
    counts a knock-out exactly when `score_sheet` finds one."""
    import random

    from evalapp.rules import EXCLUSION_CODE, EXCLUSION_LEVEL, list_rulebooks, list_sheets
    from evalapp.rules import score_sheet as scored
    from evalapp.scoring.dashboard import SheetFigures

    class Signed:
        def __init__(self, choices):
            self.choices, self.total = choices, None

    pick = random.Random(17)
    figures = SheetFigures()
    for rulebook in list_rulebooks():
        for criteria in list_sheets(rulebook.code):
            for _ in range(60):
                choices = {
                    leaf.code: pick.choice(leaf.levels).code
                    for leaf in criteria.leaves
                    if pick.random() < 0.9
                }
                if criteria.exclusion is not None and pick.random() < 0.1:
                    choices[EXCLUSION_CODE] = EXCLUSION_LEVEL
                expected = bool(scored(criteria, choices).knockouts)
                assert figures.knocks_out(criteria, Signed(choices)) is expected, choices
