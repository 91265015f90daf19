"""A session's results: each agenda dossier with its stage, score and class."""

from sqlalchemy import select

from evalapp.extensions import db
from evalapp.results.models import FinalResult
from tests.factories import make_decision, make_round
from tests.integration.results.conftest import close
from tests.integration.scoring.conftest import add_dossiers, signed_sheet, with_changes


def rows_of(client, meeting):
    return client.get(f"/results/sessions/{meeting.session.id}")


def test_each_dossier_shows_its_stage(meeting, client, auth):
    waiting, rescoring, published, forwarded = add_dossiers(meeting, 4)
    for member in meeting.members:
        signed_sheet(meeting.item, member)
        signed_sheet(waiting, member)
        signed_sheet(published, member)
        signed_sheet(forwarded, member)
    signed_sheet(
        rescoring, meeting.members[0], with_changes(**{"6.1": "1", "6.2": "2", "6.3": "1"})
    )
    for member in meeting.members[1:]:
        signed_sheet(rescoring, member, with_changes(**{"1.6": "2", "4.3": "4", "6.6": "4"}))
    incomplete = add_dossiers(meeting, 1)[0]
    close(meeting)
    auth.login(meeting.chair.user)
    for item in (meeting.item, published, forwarded):
        client.post(
            f"/results/items/{item.id}/finalise",
            data={"conclusion": "Đạt 4 sao.", "confirmed": "1"},
        )
    db.session.expire_all()
    by_item = {r.item_id: r for r in db.session.scalars(select(FinalResult))}
    make_decision(meeting.council.round, [by_item[published.id]])
    from evalapp.results.forwarding import forward_result

    target = make_round(meeting.council.round.unit.parent, level_code="province")
    forward_result(by_item[forwarded.id], target, meeting.secretary.user)
    db.session.commit()

    page = rows_of(client, meeting).get_data(as_text=True)

    def stage(item):
        row = page.split(f'data-item="{item.id}"', 1)[1].split("</tr>", 1)[0]
        return row

    assert "Đã chốt" in stage(meeting.item) and "72,00" in stage(meeting.item)
    assert "Chờ chốt kết quả" in stage(waiting) and "Xem và chốt" in stage(waiting)
    assert "Cần chấm lại" in stage(rescoring)
    assert "Chưa đủ phiếu" in stage(incomplete)
    assert "Đã công bố" in stage(published)
    assert "Đã đề xuất lên cấp trên" in stage(forwarded)


def test_the_secretary_sees_it_members_do_not(scored, client, auth):
    auth.login(scored.secretary.user)
    assert rows_of(client, scored).status_code == 200
    auth.logout()
    auth.login(scored.members[2].user)
    assert rows_of(client, scored).status_code == 403


def test_a_conflicted_chair_sees_no_figure_of_that_dossier(meeting, client, auth):
    declaration = meeting.item.declaration_of(meeting.chair)
    declaration.has_conflict, declaration.reason = True, "Người thân của chủ thể"
    db.session.commit()
    for member in meeting.members[1:]:
        signed_sheet(meeting.item, member)
    close(meeting)
    auth.login(meeting.chair.user)
    page = rows_of(client, meeting).get_data(as_text=True)
    assert "Bạn có xung đột lợi ích với hồ sơ này." in page and "72,00" not in page


def test_a_dossier_without_a_criteria_sheet_says_so_instead_of_0_of_0(meeting, client, auth):
    """A dossier of a group with no criteria sheet (put on an agenda before acceptance and the
    agenda refused it) is not "đã ký 0/0 phiếu": the page says there is no sheet to score on."""
    meeting.item.dossier.sheet_code = None
    db.session.commit()
    auth.login(meeting.chair.user)
    page = client.get(f"/results/items/{meeting.item.id}").text
    assert "0/0" not in page and "đã ký" not in page
    assert "chưa có phiếu đánh giá theo 1048/QĐ-TTg; 781/QĐ-TTg: hồ sơ này không thể chấm" in page


def test_a_live_row_shows_the_score_and_class_of_its_result_page(meeting, client, auth):
    """While the council scores, the list shows the provisional score and class the result page
    computes from the same signed sheets (the class-changing sheets only on that page)."""
    from evalapp.results.live import live_result

    choices = [
        with_changes(**{"4.3": "4", "1.6": "2"}),
        with_changes(**{"6.5": "1"}),
        with_changes(**{"6.1": "1", "2.1": "2"}),
        None,
    ]
    for member, chosen in zip(meeting.members, choices, strict=True):
        signed_sheet(meeting.item, member, chosen)
    auth.login(meeting.secretary.user)
    row = rows_of(client, meeting).text.split(f'data-item="{meeting.item.id}"', 1)[1]
    row = row.split("</tr>", 1)[0]
    product = live_result(meeting.item).product
    assert f"{product.score:.2f}".replace(".", ",") in row
    assert f"Đạt {product.stars} sao" in row and "Chờ chốt kết quả" in row


def test_the_results_download_as_the_page_shows_them(meeting, client, auth):
    import csv
    import io

    from openpyxl import load_workbook

    incomplete = add_dossiers(meeting, 1)[0]
    for member in meeting.members:
        signed_sheet(meeting.item, member)
    close(meeting)
    auth.login(meeting.chair.user)
    client.post(
        f"/results/items/{meeting.item.id}/finalise",
        data={"conclusion": "Đạt 4 sao.", "confirmed": "1"},
    )
    auth.logout()
    auth.login(meeting.secretary.user)
    page = rows_of(client, meeting).text
    assert f'href="/results/sessions/{meeting.session.id}/export.xlsx"' in page

    response = client.get(f"/results/sessions/{meeting.session.id}/export.xlsx")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows[0] == ("TT", "Mã hồ sơ", "Mã số sản phẩm", "Sản phẩm", "Tình trạng", "Điểm",
                       "Hạng sao", "Kết quả")  # fmt: skip
    by_code = {row[1]: row for row in rows[1:]}
    finalised = by_code[meeting.item.dossier.receipt_code]
    assert finalised[4] == "Đã chốt" and finalised[5] == 72.0
    assert finalised[6] == 4 and finalised[7] == "4 sao"
    missing = by_code[incomplete.dossier.receipt_code]
    assert missing[4] == "Chưa đủ phiếu" and missing[5] is None

    response = client.get(f"/results/sessions/{meeting.session.id}/export.csv")
    text = response.data.decode("utf-8-sig")
    found = {row[1]: row for row in csv.reader(io.StringIO(text, newline=""))}
    assert found[meeting.item.dossier.receipt_code][5] == "72.00"
    auth.logout()
    auth.login(meeting.members[2].user)
    assert client.get(f"/results/sessions/{meeting.session.id}/export.csv").status_code == 403
