"""The member's sheet page: open, save, sign, read-only after signing, a sheet changed in another
tab, a closed session, conflicts, the re-scoring round."""

from decimal import Decimal

from evalapp.councils.models import SessionState
from evalapp.councils.services import close_session, declare
from evalapp.extensions import db
from evalapp.results.rescoring import open_rescoring
from evalapp.scoring import services
from evalapp.scoring.models import AdvisoryNote
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES
from tests.integration.scoring.conftest import own_sheet, sheet_form, with_changes


def url(meeting) -> str:
    return f"/scoring/items/{meeting.item.id}"


def test_a_member_opens_an_empty_sheet_with_the_dossier_at_hand(client, auth, meeting):
    member = meeting.members[1]
    auth.login(member.user)
    page = client.get(url(meeting)).get_data(as_text=True)
    assert "Phiếu chấm điểm: Giỏ đay Hiếu Lâm" in page
    assert 'id="l-1.1-4"' in page and 'name="comment-1.1"' in page
    assert f'href="/dossiers/{meeting.item.dossier_id}"' in page
    assert "Lưu nháp" in page and "Ký phiếu" in page
    sheet = own_sheet(meeting, member)
    assert f'name="version" value="{sheet.version}"' in page and sheet.choices == {}


def test_a_draft_is_saved_with_comments_and_shown_again(client, auth, meeting):
    member = meeting.members[1]
    auth.login(member.user)
    client.get(url(meeting))
    data = sheet_form({"1.1": "4"}, 1, **{"comment-1.1": "Cói tại chỗ", "overall_comment": "Tốt"})
    response = client.post(url(meeting), data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Đã lưu nháp phiếu chấm điểm." in page
    assert 'id="l-1.1-4"' in page and 'value="4" data-points="3"\n                checked' in page
    assert "Cói tại chỗ" in page
    sheet = own_sheet(meeting, member)
    assert sheet.choices == {"1.1": "4"} and sheet.overall_comment == "Tốt"
    assert f'name="version" value="{sheet.version}"' in page


def test_signing_makes_the_sheet_read_only(client, auth, meeting):
    member = meeting.members[1]
    auth.login(member.user)
    client.get(url(meeting))
    response = client.post(
        url(meeting), data=sheet_form(HIEU_LAM_CHOICES, 1, "sign", confirmed="1")
    )
    assert response.status_code == 302
    page = client.get(url(meeting)).get_data(as_text=True)
    assert "Đã ký lúc" in page and "Tổng điểm của bạn: 72,00" in page
    assert "Ký phiếu" not in page and "disabled" in page
    sheet = own_sheet(meeting, member)
    assert sheet.is_signed and sheet.total == Decimal("72.00")
    again = client.post(url(meeting), data=sheet_form(with_changes(**{"1.1": "2"}), sheet.version))
    assert again.status_code == 422 and "Phiếu đã được ký" in again.get_data(as_text=True)
    assert own_sheet(meeting, member).choices == HIEU_LAM_CHOICES


def test_signing_an_incomplete_sheet_keeps_what_was_chosen(client, auth, meeting):
    auth.login(meeting.members[1].user)
    client.get(url(meeting))
    response = client.post(
        url(meeting), data=sheet_form({"1.1": "4", "1.2": "1"}, 1, "sign", confirmed="1")
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "tiêu chí chưa chọn mức; chưa thể ký phiếu" in page
    assert 'value="4" data-points="3"\n                checked' in page


def test_a_sheet_saved_in_another_tab_is_never_overwritten_silently(client, auth, meeting):
    member = meeting.members[1]
    auth.login(member.user)
    client.get(url(meeting))
    client.post(url(meeting), data=sheet_form({"1.1": "4"}, 1))  # first tab: now version 2
    response = client.post(url(meeting), data=sheet_form({"1.1": "2", "1.2": "1"}, 1))
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Phiếu vừa được lưu ở nơi khác" in page
    assert "Tiêu chí 1.1 — bản đã lưu:" in page and "bản của bạn:" in page
    assert "Tiêu chí 1.2 — bản đã lưu: chưa chọn" in page
    assert 'id="l-1.1-2"' in page and 'value="2" data-points="1"\n                checked' in page
    sheet = own_sheet(meeting, member)
    assert sheet.choices == {"1.1": "4"}
    assert f'name="version" value="{sheet.version}"' in page  # saving again is a deliberate choice
    kept = client.post(url(meeting), data=sheet_form({"1.1": "2"}, sheet.version))
    assert kept.status_code == 302 and own_sheet(meeting, member).choices == {"1.1": "2"}


def test_a_copy_without_a_version_is_treated_as_stale(client, auth, meeting):
    auth.login(meeting.members[1].user)
    client.get(url(meeting))
    assert client.post(url(meeting), data=sheet_form({"1.1": "4"}, None)).status_code == 409


def test_nothing_is_saved_once_the_session_is_closed(client, auth, meeting):
    member = meeting.members[1]
    auth.login(member.user)
    client.get(url(meeting))
    close_session(meeting.session, meeting.secretary.user)
    db.session.commit()
    response = client.post(url(meeting), data=sheet_form({"1.1": "4"}, 1))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Phiên họp không mở chấm điểm" in page
    assert 'value="4" data-points="3"\n                checked' in page  # nothing lost
    assert own_sheet(meeting, member).choices == {}
    assert "Lưu nháp" not in client.get(url(meeting)).get_data(as_text=True)


def test_extra_fields_are_never_assigned(client, auth, meeting):
    member = meeting.members[1]
    auth.login(member.user)
    client.get(url(meeting))
    data = sheet_form({"1.1": "4"}, 1, total="100", state="signed", member_id="1")
    client.post(url(meeting), data=data)
    sheet = own_sheet(meeting, member)
    assert sheet.total is None and not sheet.is_signed and sheet.member_id == member.id


def test_a_conflicted_member_is_refused_with_the_way_back(client, auth, meeting):
    member = meeting.members[2]
    meeting.item.declaration_of(member).has_conflict = True
    db.session.commit()
    auth.login(member.user)
    response = client.get(url(meeting))
    assert response.status_code == 403
    assert f'href="/councils/sessions/{meeting.session.id}"' in response.get_data(as_text=True)
    assert client.post(url(meeting), data=sheet_form({"1.1": "4"}, 1)).status_code == 403
    assert own_sheet(meeting, member) is None


def test_an_undeclared_member_is_sent_to_declare(client, auth, meeting):
    member = meeting.members[2]
    db.session.delete(meeting.item.declaration_of(member))
    db.session.commit()
    auth.login(member.user)
    response = client.get(url(meeting))
    assert response.status_code == 403
    assert "khai báo" in response.get_data(as_text=True)


def test_neither_the_secretary_nor_another_council_reaches_a_sheet(
    client, auth, meeting, make_user
):
    from evalapp.auth.models import Role

    auth.login(meeting.secretary.user)
    assert client.get(url(meeting)).status_code == 403
    auth.logout()
    auth.login(make_user(Role.COUNCIL_MEMBER))
    assert client.get(url(meeting)).status_code == 403
    assert client.get("/scoring/items/9999").status_code == 404


def test_an_absent_member_sees_why_the_sheet_cannot_be_filled(client, auth, meeting):
    member = meeting.members[2]
    next(a for a in meeting.session.attendance if a.member_id == member.id).present = False
    db.session.commit()
    auth.login(member.user)
    page = client.get(url(meeting)).get_data(as_text=True)
    assert "Thư ký chưa ghi nhận bạn có mặt" in page and "Ký phiếu" not in page


def test_advisory_notes_appear_under_their_criterion(client, auth, meeting):
    db.session.add(
        AdvisoryNote(
            item_id=meeting.item.id,
            member_id=meeting.secretary.id,
            criterion_code="1.1",
            note="Vùng nguyên liệu cói đã có hợp đồng",
        )
    )
    db.session.commit()
    auth.login(meeting.members[1].user)
    page = client.get(url(meeting)).get_data(as_text=True)
    criterion = page[page.index('id="criterion-1.1"') : page.index('id="criterion-1.2"')]
    assert "Ý kiến tổ tư vấn:" in criterion and "Vùng nguyên liệu cói" in criterion


def sign(meeting, member, choices=HIEU_LAM_CHOICES):
    sheet = services.open_sheet(meeting.item, member, member.user)
    services.save_draft(sheet, choices, {}, "", sheet.version, member.user)
    services.sign_sheet(sheet, sheet.version, member.user)
    db.session.commit()


LOW = with_changes(**{"6.3": "1", "6.1": "1", "6.4": "1", "4.1": "1"})  # 50


def test_a_rescoring_round_shows_the_summary_and_the_previous_own_sheet(client, auth, meeting):
    for member in meeting.members[:3]:
        sign(meeting, member)
    sign(meeting, meeting.members[3], LOW)
    open_rescoring(meeting.item, meeting.chair.user)
    db.session.commit()
    auth.login(meeting.members[1].user)
    page = client.get(url(meeting)).get_data(as_text=True)
    assert "Vòng chấm lại 2" in page and "chênh lệch 22" in page.lower()
    assert "Tiêu chí 6.3: chênh lệch" in page
    for other in meeting.members[:1] + meeting.members[2:]:
        assert other.user.full_name not in page
    assert "Phiếu của bạn ở vòng trước" in page and "Tổng điểm vòng trước: 72,00" in page
    assert "Ký phiếu" in page  # a new sheet for round 2
    assert own_sheet(meeting, meeting.members[1], 2).choices == {}


def test_a_member_who_declared_a_conflict_late_cannot_score(client, auth, meeting):
    member = meeting.members[3]
    declare(meeting.item, member, True, "Người thân", member.user)
    db.session.commit()
    auth.login(member.user)
    assert client.get(url(meeting)).status_code == 403
    assert meeting.session.state is SessionState.OPEN


def test_signing_asks_first_and_names_each_unscored_criterion(client, auth, meeting):
    """Issue 14: "Ký phiếu" without confirmation keeps the draft, signs nothing, and names
    every criterion still unscored by code and name."""
    from evalapp.common.i18n import localised

    member = meeting.members[1]
    auth.login(member.user)
    client.get(url(meeting))
    response = client.post(url(meeting), data=sheet_form({"1.1": "4"}, 1, "sign"))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirmation"' in page
    criteria = services.criteria_sheet(meeting.item)
    for leaf in criteria.leaves[1:3]:
        assert f"{leaf.code} {localised(leaf.name)}" in page
    assert "chưa thể ký phiếu" in page and 'name="confirmed"' not in page
    sheet = own_sheet(meeting, member)
    assert not sheet.is_signed and sheet.choices == {"1.1": "4"}


def test_a_complete_sheet_is_signed_only_once_confirmed(client, auth, meeting):
    member = meeting.members[1]
    auth.login(member.user)
    client.get(url(meeting))
    response = client.post(url(meeting), data=sheet_form(HIEU_LAM_CHOICES, 1, "sign"))
    page = response.get_data(as_text=True)
    assert "Sau khi ký, phiếu không thể sửa." in page
    assert "Tổng điểm 72,00 sẽ được tính vào kết quả của hội đồng." in page
    sheet = own_sheet(meeting, member)
    assert not sheet.is_signed
    assert (
        f'name="version" value="{sheet.version}"' in page and 'name="confirmed" value="1"' in page
    )
    confirmed = client.post(
        url(meeting), data=sheet_form(HIEU_LAM_CHOICES, sheet.version, "sign", confirmed="1")
    )
    assert confirmed.status_code == 302 and own_sheet(meeting, member).is_signed
