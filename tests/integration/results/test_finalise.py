"""The acting chair finalises a closed session's result; the figures are frozen."""

from decimal import Decimal

from sqlalchemy import select

from evalapp.common.audit import AuditEntry
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.results.models import FinalResult
from tests.integration.results.conftest import close, sign_all
from tests.integration.scoring.conftest import with_changes

CONCLUSION = "Hội đồng thống nhất đề nghị công nhận sản phẩm đạt 4 sao."


def finalise(client, meeting, **data):
    return client.post(
        f"/results/items/{meeting.item.id}/finalise",
        data={"conclusion": CONCLUSION, "confirmed": "1", **data},
        follow_redirects=True,
    )


def results_of(meeting):
    db.session.expire_all()
    return list(
        db.session.scalars(select(FinalResult).where(FinalResult.item_id == meeting.item.id))
    )


def test_the_chair_finalises_and_the_figures_are_frozen(scored, client, auth):
    auth.login(scored.chair.user)
    page = client.get(f"/results/items/{scored.item.id}").get_data(as_text=True)
    assert "72,00" in page and "chưa được chốt" in page and 'id="finalise-form"' in page

    response = finalise(client, scored)
    assert response.status_code == 200
    assert "Đã chốt kết quả" in response.get_data(as_text=True)
    [result] = results_of(scored)
    assert (result.score, result.stars, result.outcome) == (Decimal("72.00"), 4, "classified")
    assert result.part_scores == {"A": "26.25", "B": "15.25", "C": "30.50"}
    assert result.member_count == 4 and result.scoring_round == 1
    assert result.rulebook_code == "1048-2019" and result.level_code == "district"
    assert sorted(s["total"] for s in result.sheets) == ["70", "72", "72", "74"]
    assert {s["member_number"] for s in result.sheets} == {m.number for m in scored.members}
    assert all(set(s) == {"sheet_id", "member_number", "total", "parts"} for s in result.sheets)
    assert result.statistics["spread"] == "4" and result.statistics["median"] == "72.00"
    assert any(c["code"] == "6.5" for c in result.statistics["criteria"])
    assert result.classification["band"]["stars"] == 4
    assert result.conclusion == CONCLUSION
    assert result.dossier.state is DossierState.EVALUATED
    assert result.dossier.events[-1].action == "result_finalised"
    assert db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "result.finalised")
    ).one()


def test_the_page_shows_the_frozen_values_not_a_recomputation(scored, client, auth):
    auth.login(scored.chair.user)
    finalise(client, scored)
    [result] = results_of(scored)
    result.score, result.stars = Decimal("81.25"), 4  # as if frozen under other figures
    db.session.commit()
    page = client.get(f"/results/items/{scored.item.id}").get_data(as_text=True)
    assert "81,25" in page and "đã được Hội đồng chốt" in page
    assert 'id="frozen-sheets"' in page and 'id="finalise-form"' not in page


def test_only_the_acting_chair_finalises(scored, client, auth):
    auth.login(scored.secretary.user)
    assert client.post(f"/results/items/{scored.item.id}/finalise").status_code == 403
    auth.logout()
    auth.login(scored.members[2].user)
    assert finalise(client, scored).status_code == 403
    assert results_of(scored) == []


def test_a_conflicted_chair_sees_nothing_and_the_vice_chair_acts(meeting, client, auth):
    declaration = meeting.item.declaration_of(meeting.chair)
    declaration.has_conflict, declaration.reason = True, "Người thân của chủ thể"
    db.session.commit()
    for member in meeting.members[1:]:
        from tests.integration.scoring.conftest import signed_sheet

        signed_sheet(meeting.item, member)
    close(meeting)
    auth.login(meeting.chair.user)
    assert client.get(f"/results/items/{meeting.item.id}").status_code == 403
    auth.logout()
    auth.login(meeting.vice.user)
    assert finalise(client, meeting).status_code == 200
    assert len(results_of(meeting)) == 1


def test_not_before_the_session_is_closed(meeting, client, auth):
    sign_all(meeting)
    auth.login(meeting.chair.user)
    response = finalise(client, meeting)
    assert response.status_code == 400
    assert "sau khi phiên họp đã kết thúc" in response.get_data(as_text=True)
    assert results_of(meeting) == []


def test_not_before_every_sheet_is_signed(meeting, client, auth):
    from tests.integration.scoring.conftest import signed_sheet

    signed_sheet(meeting.item, meeting.members[0])
    close(meeting)
    auth.login(meeting.chair.user)
    response = finalise(client, meeting)
    assert response.status_code == 400
    assert "đã ký 1/4 phiếu" in response.get_data(as_text=True)


def test_the_conclusion_is_required(scored, client, auth):
    auth.login(scored.chair.user)
    response = finalise(client, scored, conclusion="  ")
    assert response.status_code == 400
    assert "Vui lòng ghi kết luận của Hội đồng" in response.get_data(as_text=True)
    assert results_of(scored) == []


def test_a_second_finalisation_is_refused(scored, client, auth):
    auth.login(scored.chair.user)
    finalise(client, scored)
    response = finalise(client, scored)
    assert response.status_code == 400
    assert "Kết quả đã được chốt" in response.get_data(as_text=True)
    assert len(results_of(scored)) == 1


KNOCKED_OUT = with_changes(**{"6.2": "1"})  # "infringes intellectual property": excluded


def test_a_knock_out_is_confirmed_with_its_reason(meeting, client, auth):
    sign_all(meeting, {3: KNOCKED_OUT})
    close(meeting)
    auth.login(meeting.chair.user)
    page = client.get(f"/results/items/{meeting.item.id}").get_data(as_text=True)
    assert "Loại sản phẩm: tiêu chí 6.2 Thiết kế độc đáo" in page
    assert f"phiếu của thành viên số {meeting.members[3].number}" in page

    response = finalise(client, meeting, **{"finding-6.2": "confirm"})
    assert response.status_code == 400
    assert "Vui lòng ghi lý do cho tiêu chí 6.2" in response.get_data(as_text=True)

    finalise(client, meeting, **{"finding-6.2": "confirm", "reason-6.2": "Mẫu mã sao chép."})
    [result] = results_of(meeting)
    assert result.outcome == "excluded" and result.stars is None
    assert result.classification["knockouts"][0]["criterion"] == "6.2"
    assert result.classification["knockouts"][0]["members"] == [meeting.members[3].number]
    assert "Mẫu mã sao chép." in result.knockout_reason
    assert not result.earns_certificate


def test_a_dismissed_knock_out_is_left_out_of_the_class(meeting, client, auth):
    sign_all(meeting, {3: KNOCKED_OUT})
    close(meeting)
    auth.login(meeting.chair.user)
    finalise(
        client,
        meeting,
        **{"finding-6.2": "dismiss", "reason-6.2": "Đã có văn bằng bảo hộ kiểu dáng."},
    )
    [result] = results_of(meeting)
    assert result.outcome == "classified" and result.stars == 4  # 72, 72, 72, 69 → 71.25
    assert result.classification["knockouts"] == []
    assert result.classification["dismissed"][0]["criterion"] == "6.2"
    page = client.get(f"/results/items/{meeting.item.id}").get_data(as_text=True)
    assert "Hội đồng bác bỏ tiêu chí 6.2 Thiết kế độc đáo: Đã có văn bằng bảo hộ" in page


def test_an_unanswered_knock_out_is_refused(meeting, client, auth):
    sign_all(meeting, {3: KNOCKED_OUT})
    close(meeting)
    auth.login(meeting.chair.user)
    response = finalise(client, meeting)
    assert response.status_code == 400
    assert "Hãy xác nhận hoặc bác bỏ tiêu chí 6.2" in response.get_data(as_text=True)


def test_an_unconfirmed_finalisation_freezes_nothing_and_says_what_will(scored, client, auth):
    """Issue 14: the chair reads the score and class that will be frozen, how it could be
    reopened, and who is concerned; the conclusion typed is carried to the confirm button."""
    auth.login(scored.chair.user)
    response = client.post(
        f"/results/items/{scored.item.id}/finalise", data={"conclusion": CONCLUSION}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirmation"' in page
    assert "sẽ được chốt: 72,00 điểm, Đạt 4 sao" in page
    assert "Không thể sửa nếu không mở lại theo quy định" in page
    assert f"Chủ tịch: {scored.chair.user.full_name}" in page
    assert f'name="conclusion" value="{CONCLUSION}"' in page
    assert 'name="confirmed" value="1"' in page
    assert results_of(scored) == []


def test_an_unconfirmed_finalisation_that_would_be_refused_says_why_at_once(meeting, client, auth):
    sign_all(meeting)
    auth.login(meeting.chair.user)
    response = client.post(
        f"/results/items/{meeting.item.id}/finalise", data={"conclusion": CONCLUSION}
    )
    assert response.status_code == 400
    assert "sau khi phiên họp đã kết thúc" in response.get_data(as_text=True)
    assert 'id="confirmation"' not in response.get_data(as_text=True)
