"""The paper path: blank XLSX/PDF sheets per member, filled XLSX imported on the member's behalf."""

import zipfile
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common import pdf as pdf_rendering
from evalapp.common.audit import AuditEntry
from evalapp.common.mail import outbox_messages
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.scoring import offline
from evalapp.scoring.models import ScoreSheet
from tests.factories import make_accepted_dossier, make_council, make_round, make_unit, make_user
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES


def url(meeting, member, what="sheet.xlsx", item=None):
    item = item or meeting.item
    return f"/scoring/items/{item.id}/members/{member.id}/{what}"


def blank(client, auth, meeting, member):
    auth.login(meeting.secretary.user)
    response = client.get(url(meeting, member))
    assert response.status_code == 200
    return response.data


def filled(data: bytes, choices: dict, **cells) -> bytes:
    """The downloaded workbook with `choices` typed into the input column (as a member would),
    then any raw `cells` (reference → value) overwritten."""
    wb = load_workbook(BytesIO(data))
    ws = wb.worksheets[0]
    for row in ws.iter_rows(min_row=offline.FIRST_ROW, max_col=1):
        code = row[0].value
        if code in choices:
            ws[f"C{row[0].row}"] = choices[code]
    for ref, value in cells.items():
        ws[ref] = value
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def row_of(data: bytes, code: str) -> int:
    ws = load_workbook(BytesIO(data)).worksheets[0]
    return next(c.row for c in ws["A"] if c.value == code and c.row >= offline.FIRST_ROW)


def upload(client, meeting, member, data, name="phieu.xlsx"):
    form = {"file": (BytesIO(data), name), "note": "Đã ký trên phiếu giấy", "confirmed": "y"}
    return client.post(
        url(meeting, member, "import"), data=form, content_type="multipart/form-data"
    )


def sheet_in_db(meeting, member):
    return db.session.scalar(
        select(ScoreSheet).where(
            ScoreSheet.item_id == meeting.item.id, ScoreSheet.member_id == member.id
        )
    )


def test_a_filled_xlsx_round_trips_into_a_sheet_awaiting_the_members_confirmation(
    app, client, auth, meeting
):
    """The secretary's import never signs, whatever the form says (issue 13, item 1)."""
    member = meeting.members[1]
    data = filled(blank(client, auth, meeting, member), HIEU_LAM_CHOICES)
    response = upload(client, meeting, member, data)
    assert response.status_code == 302
    db.session.expire_all()
    sheet = sheet_in_db(meeting, member)
    assert not sheet.is_signed and sheet.signed_at is None and sheet.awaits_member
    assert sheet.choices == HIEU_LAM_CHOICES
    assert sheet.entered_by_id == meeting.secretary.user.id
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "sheet.paper_imported")
    ).one()
    assert entry.note == "Đã ký trên phiếu giấy" and entry.after["awaits_member"] is True
    notice = db.session.scalars(
        select(Notification).where(Notification.user_id == member.user.id)
    ).one()
    assert "chờ bạn xác nhận" in notice.body and notice.link == f"/scoring/items/{meeting.item.id}"
    assert any(m["To"] == member.user.email for m in outbox_messages(app))


def imported(client, auth, meeting, member):
    data = filled(blank(client, auth, meeting, member), HIEU_LAM_CHOICES)
    assert upload(client, meeting, member, data).status_code == 302
    auth.logout()
    db.session.expire_all()
    return sheet_in_db(meeting, member)


def test_an_awaiting_sheet_is_not_counted_in_the_aggregate(client, auth, meeting):
    from evalapp.results.live import live_result
    from evalapp.scoring.services import signed_sheets

    member = meeting.members[1]
    imported(client, auth, meeting, member)
    assert signed_sheets(meeting.item) == []
    assert live_result(meeting.item).signed == 0


def test_the_member_sees_the_banner_and_confirming_signs_as_their_own_act(client, auth, meeting):
    member = meeting.members[1]
    sheet = imported(client, auth, meeting, member)
    auth.login(member.user)
    page = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert "Phiếu giấy do thư ký nhập ngày" in page and "đang chờ bạn xác nhận" in page
    response = client.post(
        f"/scoring/items/{meeting.item.id}/paper/confirm",
        data={"version": sheet.version, "confirmed": "1"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    sheet = sheet_in_db(meeting, member)
    assert sheet.is_signed and sheet.total == Decimal("72.00") and not sheet.awaits_member
    entry = db.session.scalars(
        select(AuditEntry).where(AuditEntry.action == "sheet.paper_confirmed")
    ).one()
    assert entry.actor_id == member.user.id and entry.after["confirmed_by"] == "member"


def test_an_unconfirmed_paper_confirmation_signs_nothing_and_says_what_signing_means(
    client, auth, meeting
):
    member = meeting.members[1]
    sheet = imported(client, auth, meeting, member)
    auth.login(member.user)
    response = client.post(
        f"/scoring/items/{meeting.item.id}/paper/confirm", data={"version": sheet.version}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirmation"' in page
    assert f"Xác nhận phiếu giấy: {meeting.item.dossier.product.name}" in page
    assert "được ký là phiếu của chính bạn" in page and "không thể sửa hay phản đối" in page
    assert "Tổng điểm 72,00 sẽ được tính vào kết quả của hội đồng" in page
    assert f"Thư ký đã nhập phiếu: {meeting.secretary.user.full_name}" in page
    assert f'name="version" value="{sheet.version}"' in page
    assert "Xác nhận và ký phiếu giấy" in page
    db.session.expire_all()
    assert sheet_in_db(meeting, member).awaits_member


def test_an_unconfirmed_paper_confirmation_of_a_stale_copy_says_so_at_once(client, auth, meeting):
    member = meeting.members[1]
    sheet = imported(client, auth, meeting, member)
    auth.login(member.user)
    response = client.post(
        f"/scoring/items/{meeting.item.id}/paper/confirm", data={"version": sheet.version - 1}
    )
    assert response.status_code == 422
    assert 'id="confirmation"' not in response.get_data(as_text=True)


def test_a_secretary_cannot_confirm_a_members_paper_sheet_by_any_route(client, auth, meeting):
    member = meeting.members[1]
    sheet = imported(client, auth, meeting, member)
    auth.login(meeting.secretary.user)
    base = f"/scoring/items/{meeting.item.id}"
    for path, data in [
        (f"{base}/paper/confirm", {"version": sheet.version, "confirmed": "1"}),
        (base, {"action": "sign", "version": sheet.version, "confirmed": "1"}),
    ]:
        assert client.post(path, data=data).status_code == 403
    db.session.expire_all()
    assert not sheet_in_db(meeting, member).is_signed


def test_the_signing_service_refuses_anyone_but_the_member(client, auth, meeting):
    from evalapp.scoring.services import ScoringError, sign_sheet

    member = meeting.members[1]
    sheet = imported(client, auth, meeting, member)
    with pytest.raises(ScoringError):
        sign_sheet(sheet, sheet.version, meeting.secretary.user)
    db.session.rollback()
    assert not sheet_in_db(meeting, member).is_signed


def test_contesting_keeps_the_sheet_unsigned_and_tells_the_secretary(client, auth, meeting):
    member = meeting.members[1]
    sheet = imported(client, auth, meeting, member)
    auth.login(member.user)
    path = f"/scoring/items/{meeting.item.id}/paper/contest"
    page = client.post(path, data={"version": sheet.version, "reason": ""})
    assert page.status_code == 422 and "lý do" in page.get_data(as_text=True)
    response = client.post(
        path, data={"version": sheet.version, "reason": "Tiêu chí 1.4 tôi chấm mức khác"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    sheet = sheet_in_db(meeting, member)
    assert not sheet.is_signed and not sheet.awaits_member
    notice = db.session.scalars(
        select(Notification).where(Notification.user_id == meeting.secretary.user.id)
    ).one()
    assert "Tiêu chí 1.4 tôi chấm mức khác" in notice.body
    page = client.get(f"/scoring/items/{meeting.item.id}").get_data(as_text=True)
    assert "đang chờ bạn xác nhận" not in page
    form = {f"c-{code}": level for code, level in HIEU_LAM_CHOICES.items()}
    response = client.post(
        f"/scoring/items/{meeting.item.id}",
        data={**form, "version": sheet.version, "action": "sign", "confirmed": "1"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert sheet_in_db(meeting, member).is_signed


def test_the_blank_xlsx_names_the_dossier_member_and_round_and_lists_levels(client, auth, meeting):
    member = meeting.members[2]
    wb = load_workbook(BytesIO(blank(client, auth, meeting, member)))
    ws = wb.worksheets[0]
    text = " ".join(str(c.value) for row in ws.iter_rows(max_row=8) for c in row if c.value)
    assert "Giỏ đay Hiếu Lâm" in text and meeting.item.dossier.receipt_code in text
    assert member.user.full_name in text
    row = row_of(wb_bytes(wb), "3.2")
    assert "b2: 1 đ" in ws[f"D{row}"].value
    rule = next(dv for dv in ws.data_validations.dataValidation if f"C{row}" in str(dv.sqref))
    assert rule.formula1 == '"a1,a2,b1,b2"'
    assert ws.protection.sheet and not ws[f"C{row}"].protection.locked
    assert ws[f"B{row}"].protection.locked
    meta = wb[offline.META_SHEET]
    assert meta.sheet_state == "hidden"
    assert {r[0].value: r[1].value for r in meta.iter_rows()}["member_id"] == str(member.id)


def wb_bytes(wb) -> bytes:
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def refusal(response) -> str:
    assert response.status_code == 200
    return response.get_data(as_text=True)


def assert_nothing_saved(meeting, member):
    db.session.expire_all()
    sheet = sheet_in_db(meeting, member)
    assert sheet is None or not sheet.is_signed


def test_an_empty_cell_and_an_unknown_level_are_refused_with_cell_names(client, auth, meeting):
    member = meeting.members[1]
    data = blank(client, auth, meeting, member)
    choices = {**HIEU_LAM_CHOICES, "6.3": "7"}
    del choices["1.4"]
    page = refusal(upload(client, meeting, member, filled(data, choices)))
    row_14, row_63 = row_of(data, "1.4"), row_of(data, "6.3")
    assert f"Ô C{row_63} (tiêu chí 6.3): mức “7” không có trong phiếu" in page
    assert f"Ô C{row_14} (tiêu chí 1.4) chưa điền" in page
    assert_nothing_saved(meeting, member)


def test_conditional_criteria_may_stay_empty_when_the_condition_fails(client, auth, meeting):
    member = meeting.members[1]
    data = blank(client, auth, meeting, member)
    choices = {**HIEU_LAM_CHOICES, "5.1": "1"}  # 0 points: 5.2 and 5.3 are not scored
    del choices["5.2"], choices["5.3"]
    assert upload(client, meeting, member, filled(data, choices)).status_code == 302
    db.session.expire_all()
    sheet = sheet_in_db(meeting, member)
    assert sheet.awaits_member and sheet.choices["5.1"] == "1" and "5.2" not in sheet.choices


def test_a_file_of_another_member_or_dossier_or_round_is_refused(client, auth, meeting):
    one, other = meeting.members[1], meeting.members[2]
    data = filled(blank(client, auth, meeting, other), HIEU_LAM_CHOICES)
    page = refusal(upload(client, meeting, one, data))
    assert "Tệp này là phiếu của thành viên khác." in page
    meeting.item.scoring_round = 2
    db.session.commit()
    page = refusal(upload(client, meeting, other, data))
    assert "Tệp này là phiếu của vòng chấm khác." in page
    assert_nothing_saved(meeting, one)
    assert_nothing_saved(meeting, other)


def test_a_file_of_another_dossier_is_refused(client, auth, meeting):
    from evalapp.councils.models import AgendaItem, ConflictDeclaration

    member = meeting.members[1]
    dossier = make_accepted_dossier(meeting.council.round, meeting.item.dossier.organisation)
    second = AgendaItem(dossier=dossier, position=2)
    meeting.session.agenda.append(second)
    db.session.flush()
    second.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
    db.session.commit()
    auth.login(meeting.secretary.user)
    data = client.get(url(meeting, member, item=second)).data
    page = refusal(upload(client, meeting, member, filled(data, HIEU_LAM_CHOICES)))
    assert "Tệp này là phiếu của hồ sơ khác." in page
    assert_nothing_saved(meeting, member)


def test_a_file_that_is_not_an_xlsx_is_refused(client, auth, meeting):
    member = meeting.members[1]
    auth.login(meeting.secretary.user)
    page = refusal(upload(client, meeting, member, b"Ma,tieu chi\n1.1,4\n", name="phieu.xlsx"))
    assert "Phiếu chưa được nhập" in page
    assert "Thành viên đã xác nhận phiếu giấy" not in page
    assert_nothing_saved(meeting, member)


def test_a_foreign_workbook_is_refused(client, auth, meeting):
    from openpyxl import Workbook

    auth.login(meeting.secretary.user)
    member = meeting.members[1]
    page = refusal(upload(client, meeting, member, wb_bytes(Workbook())))
    assert "không phải phiếu chấm tải từ hệ thống" in page


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x")', "=1+1", "@SUM(A1)", "-2+3"])
def test_a_formula_like_product_name_stays_text(client, auth, meeting, name):
    meeting.item.dossier.product.name = name
    db.session.commit()
    data = blank(client, auth, meeting, meeting.members[1])
    ws = load_workbook(BytesIO(data)).worksheets[0]
    cell = next(c for row in ws.iter_rows(max_row=8) for c in row if c.value == name)
    assert cell.data_type == "s"
    with zipfile.ZipFile(BytesIO(data)) as package:
        assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


def test_the_pdf_is_a_pdf_and_loads_nothing_but_its_fonts(client, auth, meeting):
    meeting.item.dossier.product.name = 'Giỏ đay Hiếu Lâm <img src="file:///etc/passwd">'
    db.session.commit()
    auth.login(meeting.secretary.user)
    response = client.get(url(meeting, meeting.members[1], "sheet.pdf"))
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert b"root:" not in response.data
    try:
        from pypdf import PdfReader
    except ImportError:
        assert len(response.data) > 1000
    else:
        text = "".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)
        assert "Giỏ đay Hiếu Lâm" in text


def test_the_pdf_fetcher_refuses_local_files_and_accepts_the_fonts():
    fetcher = pdf_rendering.local_only_fetcher()
    html = f'<style>{pdf_rendering.font_faces()}</style><p style="font-family: Noto Serif">Hiếu Lâm</p>'
    hostile = '<img src="file:///etc/passwd"><img src="http://example.invalid/x.png">'
    pdf = pdf_rendering.render_pdf(html + hostile, fetcher)
    assert pdf.startswith(b"%PDF")
    assert fetcher.refused == ["file:///etc/passwd", "http://example.invalid/x.png"]
    assert any("noto-serif-vietnamese-400-normal" in url for url in fetcher.served)


def test_a_member_or_another_units_secretary_is_refused(client, auth, meeting):
    member = meeting.members[1]
    outsider = make_user(Role.SECRETARY, unit=make_unit("Tỉnh Khác"))
    for user in (member.user, outsider):
        auth.login(user)
        for what in ("sheet.xlsx", "sheet.pdf", "import"):
            assert client.get(url(meeting, member, what)).status_code == 403
        auth.logout()


def test_the_secretary_is_not_a_scorer(client, auth, meeting):
    auth.login(meeting.secretary.user)
    assert client.get(url(meeting, meeting.secretary)).status_code == 404


def test_another_councils_round_is_refused(client, auth, meeting):
    council = make_council(make_round(make_unit()))
    db.session.commit()
    auth.login(meeting.secretary.user)
    assert client.get(url(meeting, council.members[1])).status_code == 404


def test_a_26_2026_paper_sheet_carries_the_markers_and_imports_the_exclusion_line(
    client, auth, meeting26
):
    from tests.unit.rules.test_hand_computed_26_2026 import BASKET

    member = meeting26.members[1]
    data = blank(client, auth, meeting26, member)
    ws = load_workbook(BytesIO(data)).worksheets[0]
    assert "Hồ sơ bị loại khi" in ws[f"B{row_of(data, 'HS')}"].value
    assert "3: 2 đ – Có hợp đồng liên kết trên 75% sản lượng tiêu thụ ****" in (
        ws[f"D{row_of(data, '1.4')}"].value
    )
    response = upload(client, meeting26, member, filled(data, BASKET | {"HS": "loai"}))
    assert response.status_code == 302
    db.session.expire_all()
    sheet = sheet_in_db(meeting26, member)
    assert sheet.awaits_member and sheet.choices["HS"] == "loai" and sheet.total is None
