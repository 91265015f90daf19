"""Scoring services: drafts, signing, integrity, results and re-scoring."""

from decimal import Decimal

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from evalapp.common.refusals import Refusal
from evalapp.councils import seats
from evalapp.councils.models import SessionState
from evalapp.councils.services import close_session, declare
from evalapp.extensions import db
from evalapp.results.live import live_result
from evalapp.results.rescoring import open_rescoring
from evalapp.scoring import services
from evalapp.scoring.models import ScoreSheet
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES
from tests.integration.scoring.conftest import with_changes


def signed(meeting, member, choices=HIEU_LAM_CHOICES):
    sheet = services.open_sheet(meeting.item, member, member.user)
    services.save_draft(sheet, choices, {}, "", sheet.version, member.user)
    services.sign_sheet(sheet, sheet.version, member.user)
    db.session.commit()
    return sheet


def test_a_member_saves_a_draft_then_signs(meeting):
    member = meeting.members[1]
    sheet = services.open_sheet(meeting.item, member, member.user)
    score = services.save_draft(
        sheet, {"1.1": "4"}, {"1.1": "Nguyên liệu cói tại chỗ"}, "", sheet.version, member.user
    )
    assert score.total == 3 and not score.is_complete
    with pytest.raises(services.ScoringError, match="Còn 25 tiêu chí chưa chọn mức"):
        services.sign_sheet(sheet, sheet.version, member.user)
    comments = {"1.1": "Nguyên liệu cói tại chỗ"}
    services.save_draft(
        sheet, HIEU_LAM_CHOICES, comments, "Sản phẩm tốt", sheet.version, member.user
    )
    services.sign_sheet(sheet, sheet.version, member.user)
    db.session.commit()
    assert sheet.is_signed and sheet.total == Decimal("72.00")
    assert sheet.comments == {"1.1": "Nguyên liệu cói tại chỗ"}


def test_a_signed_sheet_is_read_only_in_the_service_and_the_database(meeting):
    sheet = signed(meeting, meeting.members[1])
    with pytest.raises(services.ScoringError, match="Phiếu đã được ký"):
        services.save_draft(
            sheet, with_changes(**{"1.6": "2"}), {}, "", sheet.version, sheet.member.user
        )
    db.session.rollback()
    for statement in (
        f"UPDATE score_sheets SET total = 99 WHERE id = {sheet.id}",
        f"DELETE FROM score_sheets WHERE id = {sheet.id}",
    ):
        with pytest.raises(DatabaseError, match="read-only"):
            db.session.execute(text(statement))
        db.session.rollback()


def test_nothing_is_written_once_the_session_is_closed(meeting):
    member = meeting.members[1]
    sheet = services.open_sheet(meeting.item, member, member.user)
    db.session.commit()
    close_session(meeting.session, meeting.secretary.user)
    db.session.commit()
    with pytest.raises(services.ScoringError, match="Phiên họp không mở chấm điểm"):
        services.save_draft(sheet, HIEU_LAM_CHOICES, {}, "", sheet.version, member.user)
    db.session.rollback()
    with pytest.raises(DatabaseError, match="the session is closed"):
        db.session.execute(
            text(f"UPDATE score_sheets SET overall_comment = 'x' WHERE id = {sheet.id}")
        )
    db.session.rollback()


def test_a_second_tab_is_told_the_sheet_changed(meeting):
    member = meeting.members[1]
    sheet = services.open_sheet(meeting.item, member, member.user)
    loaded_version = sheet.version
    services.save_draft(sheet, {"1.1": "4"}, {}, "", loaded_version, member.user)  # first tab
    db.session.commit()
    with pytest.raises(services.SheetChanged) as refused:
        services.save_draft(sheet, {"1.1": "2"}, {}, "", loaded_version, member.user)  # second tab
    assert refused.value.current.choices == {"1.1": "4"}


def test_a_conflicted_member_cannot_open_a_sheet(meeting):
    member = meeting.members[2]
    meeting.item.declaration_of(member).has_conflict = True
    db.session.commit()
    with pytest.raises(services.ScoringError, match="khai báo không có xung đột"):
        services.open_sheet(meeting.item, member, member.user)


def test_an_absent_member_cannot_score(meeting):
    member = meeting.members[2]
    next(a for a in meeting.session.attendance if a.member_id == member.id).present = False
    db.session.commit()
    with pytest.raises(services.ScoringError, match="có mặt"):
        services.open_sheet(meeting.item, member, member.user)


def test_the_result_waits_for_every_expected_sheet(meeting):
    *others, last = meeting.members
    for member in others:
        signed(meeting, member)
    assert live_result(meeting.item).product is None
    signed(meeting, last, with_changes(**{"6.5": "1"}))  # 70
    result = live_result(meeting.item).product
    assert sorted(result.totals) == [70, 72, 72, 72]
    assert result.score == Decimal("71.50") and result.stars == 4 and not result.needs_rescoring


def test_a_conflicted_member_is_not_waited_for(meeting):
    conflicted = meeting.members[3]
    declare(meeting.item, conflicted, True, "Người thân làm việc tại công ty", conflicted.user)
    for member in meeting.members[:3]:
        signed(meeting, member)
    assert live_result(meeting.item).product.member_count == 3


def low_sheet():
    return with_changes(
        **{"6.3": "1", "6.1": "1", "6.4": "1", "4.1": "1"}
    )  # 72 − 10 − 3 − 5 − 4 = 50


def test_a_spread_over_the_limit_leads_to_a_rescoring_round(meeting):
    signed(meeting, meeting.members[0])
    signed(meeting, meeting.members[1])
    signed(meeting, meeting.members[2])
    signed(meeting, meeting.members[3], low_sheet())
    result = live_result(meeting.item).product
    assert result.spread == 22 and result.needs_rescoring
    with pytest.raises(Refusal, match="Chỉ Chủ tịch"):
        open_rescoring(meeting.item, meeting.members[2].user)
    rescoring = open_rescoring(meeting.item, meeting.chair.user)
    db.session.commit()
    assert meeting.item.scoring_round == 2
    assert {c["code"] for c in rescoring.summary["criteria"]} == {"6.3", "6.1", "6.4", "4.1"}
    assert "name" not in str(rescoring.summary) and "member" not in str(rescoring.summary)
    assert live_result(meeting.item).product is None  # nobody has signed round 2 yet
    assert db.session.query(ScoreSheet).filter_by(scoring_round=1).count() == 4  # kept


def test_a_conflicted_chair_is_replaced_by_the_vice_chair(meeting):
    declare(meeting.item, meeting.chair, True, "Là thành viên sáng lập công ty", meeting.chair.user)
    for member in meeting.members[1:3]:
        signed(meeting, member)
    signed(meeting, meeting.members[3], low_sheet())
    assert seats.is_acting_chair(meeting.vice.user, meeting.item)
    assert not seats.is_acting_chair(meeting.chair.user, meeting.item)
    open_rescoring(meeting.item, meeting.vice.user)


def test_the_session_must_be_open_to_score(meeting):
    meeting.session.state = SessionState.PLANNED
    db.session.commit()
    with pytest.raises(services.ScoringError, match="Phiên họp không mở chấm điểm"):
        services.open_sheet(meeting.item, meeting.members[1], meeting.members[1].user)
