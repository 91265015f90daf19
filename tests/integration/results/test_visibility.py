"""Who sees a dossier's result page, and what: members only when the rulebook allows it."""

import dataclasses

import pytest

from evalapp.extensions import db
from evalapp.rules import load_rulebook
from tests.integration.results.test_finalise import finalise


@pytest.fixture
def members_see_result(monkeypatch):
    def with_flag(code):
        rulebook = load_rulebook(code)
        council = dataclasses.replace(rulebook.council, members_see_result=True)
        return dataclasses.replace(rulebook, council=council)

    monkeypatch.setattr("evalapp.councils.seats.load_rulebook", with_flag)


def page_of(client, meeting):
    return client.get(f"/results/items/{meeting.item.id}")


def test_members_never_see_the_result_under_the_default_rulebook(scored, client, auth):
    auth.login(scored.chair.user)
    finalise(client, scored)
    auth.logout()
    auth.login(scored.members[2].user)
    assert page_of(client, scored).status_code == 403


def test_members_see_the_aggregate_once_finalised_when_the_rulebook_allows(
    scored, client, auth, members_see_result
):
    auth.login(scored.members[2].user)
    assert page_of(client, scored).status_code == 403  # not finalised yet
    auth.logout()
    auth.login(scored.chair.user)
    finalise(client, scored)
    auth.logout()
    auth.login(scored.members[2].user)
    response = page_of(client, scored)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "72,00" in page and 'id="criteria-table"' in page
    assert 'id="frozen-sheets"' not in page and 'id="result-robustness"' not in page
    assert "Đề nghị mở lại" not in page


def test_a_conflicted_member_never_sees_it(meeting, client, auth, members_see_result):
    from tests.integration.results.conftest import close
    from tests.integration.scoring.conftest import signed_sheet

    conflicted = meeting.members[3]
    declaration = meeting.item.declaration_of(conflicted)
    declaration.has_conflict, declaration.reason = True, "Cùng hợp tác xã"
    db.session.commit()
    for member in meeting.members[:3]:
        signed_sheet(meeting.item, member)
    close(meeting)
    auth.login(meeting.chair.user)
    finalise(client, meeting)
    auth.logout()
    auth.login(conflicted.user)
    assert page_of(client, meeting).status_code == 403


def test_the_secretariat_sees_the_live_result_with_the_chart_data(scored, client, auth):
    auth.login(scored.secretary.user)
    page = page_of(client, scored).get_data(as_text=True)
    assert 'type="application/json" id="criteria-chart-data"' in page
    assert "vendor/chart.js/chart.umd.min.js" in page and "js/result_chart.js" in page
    assert "<script>" not in page  # no inline script: the CSP forbids it
    assert "1048/QĐ-TTg" in page or "1048-2019" in page
    assert "Chênh lệch 4,00 ≤ 10,00: đạt yêu cầu" in page
    assert "Trung vị" in page and "Độ lệch chuẩn" in page
    assert 'id="finalise-form"' not in page  # only the chair finalises


def test_before_every_sheet_is_signed_the_page_says_how_many(meeting, client, auth):
    from tests.integration.scoring.conftest import signed_sheet

    signed_sheet(meeting.item, meeting.members[0])
    auth.login(meeting.secretary.user)
    page = page_of(client, meeting).get_data(as_text=True)
    assert "Chưa có kết quả: đã ký 1/4 phiếu." in page


def test_the_robustness_note_names_member_numbers_never_names(meeting, client, auth):
    from tests.integration.results.conftest import close, sign_all
    from tests.integration.scoring.conftest import with_changes

    # 72, 72, 72 and 66 → 70.50 (4★); without the 66 → 72 (4★), without a 72 → 70 (4★)…
    # a 62 makes it 69.50 (3★) and removing that sheet gives 4★.
    sign_all(meeting, {3: with_changes(**{"6.1": "1", "6.2": "2", "6.3": "1", "6.5": "1"})})
    close(meeting)
    auth.login(meeting.chair.user)
    page = page_of(client, meeting).get_data(as_text=True)
    number = meeting.members[3].number
    assert f"Nếu bỏ phiếu của thành viên số {number}, hạng sao sẽ thay đổi." in page
    assert meeting.members[3].user.full_name not in page
