"""Reopening a finalised result takes the chair and the secretary, with a written reason."""

import pytest
from sqlalchemy import select

from evalapp.common.audit import AuditEntry
from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from evalapp.results.models import FinalResult, ReopeningState, ResultState
from evalapp.results.reopening import decide_reopening, request_reopening
from evalapp.results.services import ResultsError
from tests.factories import make_decision, make_final_result
from tests.integration.results.test_finalise import finalise

REASON = "Phiếu giấy của thành viên số 3 nhập sai tiêu chí 6.5 khi chuyển lên hệ thống."


@pytest.fixture
def finalised(scored, client, auth):
    auth.login(scored.chair.user)
    finalise(client, scored)
    auth.logout()
    db.session.expire_all()
    scored.result = db.session.scalars(select(FinalResult)).one()
    return scored


def ask(client, result, reason=REASON):
    return client.post(
        f"/results/{result.id}/reopen", data={"reason": reason}, follow_redirects=True
    )


def decide(client, result, reopening, decision, confirmed="1"):
    data = {"decision": decision, "confirmed": confirmed} if confirmed else {"decision": decision}
    return client.post(
        f"/results/{result.id}/reopenings/{reopening.id}", data=data, follow_redirects=True
    )


def test_an_unconfirmed_approval_reopens_nothing_and_says_what_will(finalised, client, auth):
    result = finalised.result
    auth.login(finalised.secretary.user)
    ask(client, result)
    db.session.expire_all()
    [reopening] = result.reopenings
    auth.logout()
    auth.login(finalised.chair.user)

    response = decide(client, result, reopening, "approve", confirmed=None)
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirmation"' in page
    product = finalised.item.dossier.product.name
    assert f"({product}, 72,00 điểm) được mở lại" in page
    assert "Chủ tịch phải chốt lại kết quả" in page and REASON in page
    assert "Không thể huỷ việc mở lại" in page
    assert f"Người đề nghị: {finalised.secretary.user.full_name}" in page
    assert 'name="decision" value="approve"' in page and 'name="confirmed" value="1"' in page
    db.session.expire_all()
    assert result.state is ResultState.FINALISED
    assert reopening.state is ReopeningState.REQUESTED

    assert "Đã mở lại kết quả" in decide(client, result, reopening, "approve").get_data(
        as_text=True
    )
    db.session.expire_all()
    assert result.state is ResultState.REOPENED


def test_withdrawing_needs_no_confirmation(finalised, client, auth):
    result = finalised.result
    auth.login(finalised.secretary.user)
    ask(client, result)
    db.session.expire_all()
    [reopening] = result.reopenings
    page = decide(client, result, reopening, "withdraw", confirmed=None).get_data(as_text=True)
    assert "Đã rút đề nghị mở lại" in page
    db.session.expire_all()
    assert reopening.state is ReopeningState.WITHDRAWN


def test_the_secretary_asks_and_the_chair_approves(finalised, client, auth):
    result = finalised.result
    auth.login(finalised.secretary.user)
    assert "Đã gửi đề nghị mở lại" in ask(client, result).get_data(as_text=True)
    db.session.expire_all()
    [reopening] = result.reopenings
    page = decide(client, result, reopening, "approve").get_data(as_text=True)
    assert "Người đề nghị không thể tự phê duyệt" in page
    db.session.expire_all()
    assert result.state is ResultState.FINALISED

    auth.logout()
    auth.login(finalised.chair.user)
    assert "Đã mở lại kết quả" in decide(client, result, reopening, "approve").get_data(
        as_text=True
    )
    db.session.expire_all()
    assert result.state is ResultState.REOPENED and result.reopened_at is not None
    assert reopening.state is ReopeningState.APPROVED
    assert reopening.decided_by_id == finalised.chair.user_id
    dossier = result.dossier
    assert dossier.state is DossierState.ACCEPTED
    assert dossier.events[-1].action == "result_reopened" and dossier.events[-1].message == REASON
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "result.reopened")
    ).one()
    assert entry.note == REASON

    finalise(client, finalised, conclusion="Sau khi sửa phiếu, Hội đồng giữ kết luận 4 sao.")
    db.session.expire_all()
    results = db.session.scalars(select(FinalResult).order_by(FinalResult.id)).all()
    assert [r.state for r in results] == [ResultState.REOPENED, ResultState.FINALISED]
    assert results[1].dossier.state is DossierState.EVALUATED


def test_the_chair_asks_and_the_secretary_approves(finalised):
    result = finalised.result
    reopening = request_reopening(result, REASON, finalised.chair.user)
    with pytest.raises(ResultsError, match="không thể tự phê duyệt"):
        decide_reopening(reopening, True, finalised.chair.user)
    decide_reopening(reopening, True, finalised.secretary.user)
    assert result.state is ResultState.REOPENED


def test_a_reason_is_required_and_reasonably_long(finalised, client, auth):
    auth.login(finalised.chair.user)
    assert "Tối thiểu 20 ký tự" in ask(client, finalised.result, "Sai").get_data(as_text=True)
    with pytest.raises(ResultsError, match="ít nhất 20 ký tự"):
        request_reopening(finalised.result, "   sai sót    ", finalised.chair.user)
    assert finalised.result.reopenings == []


def test_a_request_can_be_withdrawn_and_only_one_waits_at_a_time(finalised):
    result = finalised.result
    reopening = request_reopening(result, REASON, finalised.secretary.user)
    with pytest.raises(ResultsError, match="đang chờ"):
        request_reopening(result, REASON, finalised.chair.user)
    decide_reopening(reopening, False, finalised.secretary.user)
    assert reopening.state is ReopeningState.WITHDRAWN
    assert result.state is ResultState.FINALISED
    with pytest.raises(ResultsError, match="đã được xử lý"):
        decide_reopening(reopening, True, finalised.chair.user)


def test_an_ordinary_member_takes_no_part(finalised, client, auth):
    auth.login(finalised.members[2].user)
    assert ask(client, finalised.result).status_code == 403
    with pytest.raises(ResultsError, match="Chỉ Chủ tịch"):
        request_reopening(finalised.result, REASON, finalised.members[2].user)


def test_a_published_result_cannot_be_reopened(meeting):
    result = make_final_result(meeting.item, "72.50", 4)
    make_decision(meeting.council.round, [result], number="77/QĐ-UBND")
    with pytest.raises(ResultsError, match="Quyết định số 77/QĐ-UBND"):
        request_reopening(result, REASON, meeting.secretary.user)


def test_the_page_of_a_published_result_says_why_it_cannot_be_reopened(meeting, client, auth):
    result = make_final_result(meeting.item, "72.50", 4)
    make_decision(meeting.council.round, [result], number="77/QĐ-UBND")
    db.session.commit()
    auth.login(meeting.secretary.user)
    page = client.get(f"/results/items/{meeting.item.id}").text
    assert "Quyết định số 77/QĐ-UBND; không thể mở lại" in page
    assert f"/results/{result.id}/reopen" not in page


def test_a_forwarded_result_cannot_be_reopened(meeting):
    from evalapp.results.forwarding import forward_result
    from tests.factories import make_round

    target = make_round(meeting.council.round.unit.parent, level_code="province")
    result = make_final_result(meeting.item, "72.50", 4)
    reopening = request_reopening(result, REASON, meeting.secretary.user)
    forward_result(result, target, meeting.secretary.user)
    with pytest.raises(ResultsError, match="đã được đề xuất lên Tỉnh Ninh Bình"):
        decide_reopening(reopening, True, meeting.chair.user)


def test_a_reopened_result_leaves_the_draft_decision_that_listed_it(meeting):
    result = make_final_result(meeting.item, "72.50", 4)
    draft = make_decision(meeting.council.round, [result], number=None, issued=False)
    reopening = request_reopening(result, REASON, meeting.secretary.user)
    decide_reopening(reopening, True, meeting.chair.user)
    db.session.flush()
    db.session.refresh(draft)
    assert result.decision_id is None and draft.results == []
