from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook
from sqlalchemy import event

from evalapp.auth.models import Role
from evalapp.councils.models import AgendaItem, ConflictDeclaration, SessionState
from evalapp.extensions import db
from evalapp.reports import services
from tests.factories import make_accepted_dossier, make_final_result, make_producer, make_user
from tests.integration.reports.conftest import build_session, flat, pdf_text
from tests.integration.scoring.conftest import signed_sheet


def minutes(client, closed, names: bool = False):
    query = "?names=1" if names else ""
    return client.get(f"/reports/sessions/{closed.session.id}/minutes.pdf{query}")


def test_the_minutes_name_the_unit_the_council_the_session_and_its_attendance(client, auth, closed):
    auth.login(closed.secretary)
    response = minutes(client, closed)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = flat(pdf_text(response.data))
    assert "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN" in text
    assert "HỘI ĐỒNG ĐÁNH GIÁ, PHÂN HẠNG SẢN PHẨM OCOP" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "Kim Sơn, ngày 15 tháng 9 năm 2021" in text
    assert "BIÊN BẢN HỌP HỘI ĐỒNG" in text
    assert "Quyết định số 45/QĐ-UBND ngày 02/08/2021" in text
    assert "08 giờ 30, ngày 15 tháng 9 năm 2021" in text
    assert "Hội trường UBND huyện Kim Sơn" in text
    assert "6 Thành viên Vắng mặt" in text and "1 Chủ tịch hội đồng Có mặt" in text
    assert "Thành viên chấm điểm có mặt: 5/6. Phiên họp đủ điều kiện theo quy định." in text


def test_each_dossier_lists_the_members_totals_by_number_the_average_and_the_class(
    client, auth, closed
):
    auth.login(closed.secretary)
    text = flat(pdf_text(minutes(client, closed).data))
    assert "Giỏ đay Hiếu Lâm — Công ty TNHH Hiếu Lâm" in text
    assert "Xóm 3, Xã Thượng Kiệm, Huyện Kim Sơn, Tỉnh Ninh Bình" in text
    assert (
        "Tổng điểm của các thành viên: Thành viên số 1: 72,00; Thành viên số 2: 73,00; "
        "Thành viên số 3: 71,00; Thành viên số 4: 74,00; "
        "Thành viên số 5: không chấm (xung đột lợi ích); Thành viên số 6: vắng mặt." in text
    )
    assert "Số phiếu hợp lệ: 4. Điểm trung bình: 72,50 điểm." in text
    assert "Hạng đề xuất: 4 sao." in text
    assert "Kết luận: Chưa chốt kết quả" in text
    # numbers only: no scoring member is named; the chair and the secretary sign with their names
    for name in ("Trần Thị Phó", "Lê Văn Ba", "Hoàng Văn Năm", "Vũ Thị Sáu"):
        assert name not in text
    assert "CHỦ TỊCH HỘI ĐỒNG" in text and "Phạm Văn Chủ" in text
    assert "THƯ KÝ HỘI ĐỒNG" in text and "Ngô Thị Thư Ký" in text


def test_the_unit_may_choose_names(client, auth, closed):
    auth.login(closed.secretary)
    text = flat(pdf_text(minutes(client, closed, names=True).data))
    assert "Trần Thị Phó: 73,00; Lê Văn Ba: 71,00" in text
    assert "Hoàng Văn Năm: không chấm (xung đột lợi ích); Vũ Thị Sáu: vắng mặt." in text
    assert "6 Vũ Thị Sáu Thành viên Vắng mặt" in text
    assert "Thành viên số 2" not in text


def test_a_finalised_result_gives_the_frozen_figures_and_the_conclusion(client, auth, closed):
    make_final_result(
        closed.item,
        "72.50",
        4,
        conclusion="Hội đồng thống nhất đề nghị công nhận sản phẩm đạt 4 sao.",
        part_scores={"A": "26.50", "B": "15.00", "C": "31.00"},
    )
    db.session.commit()
    auth.login(closed.secretary)
    text = flat(pdf_text(minutes(client, closed).data))
    assert "Kết luận: Hội đồng thống nhất đề nghị công nhận sản phẩm đạt 4 sao." in text
    assert "Chưa chốt kết quả" not in text
    assert "phần A: 26,50" in text


def test_only_signed_sheets_of_the_final_scoring_round_count(app):
    closed = build_session()
    closed.item.scoring_round = 2  # the chair opened a second round; nobody signed it yet
    db.session.commit()
    text = flat(pdf_text(services.minutes_pdf(closed.session)))
    assert "Thành viên số 1: chưa ký phiếu" in text
    assert "Số phiếu hợp lệ: 0." in text and "Chưa đủ phiếu chấm" in text


def test_an_open_session_has_no_minutes_yet_and_the_page_says_why(client, auth, app):
    closed = build_session()
    closed.session.state, closed.session.closed_at = SessionState.OPEN, None
    db.session.commit()
    auth.login(closed.secretary)
    response = minutes(client, closed)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/reports/sessions/{closed.session.id}")
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "chỉ lập được sau khi phiên họp kết thúc" in page
    assert client.get(f"/reports/sessions/{closed.session.id}/scores.xlsx").status_code == 302


def test_the_documents_page_offers_numbers_by_default_and_names(client, auth, closed):
    auth.login(closed.secretary)
    page = client.get(f"/reports/sessions/{closed.session.id}").get_data(as_text=True)
    assert 'value="0" id="names-0" checked' in page and 'value="1" id="names-1"' in page
    assert f"/reports/sessions/{closed.session.id}/scores.xlsx" in page
    assert "0/1 hồ sơ đã chốt kết quả." in page and "Chưa chốt kết quả" in page
    session_page = client.get(f"/councils/sessions/{closed.session.id}").get_data(as_text=True)
    assert f"/reports/sessions/{closed.session.id}" in session_page


def test_the_chair_reads_the_documents_and_others_are_refused(client, auth, closed):
    auth.login(closed.chair)
    assert client.get(f"/reports/sessions/{closed.session.id}").status_code == 200
    assert minutes(client, closed).status_code == 200
    session_page = client.get(f"/councils/sessions/{closed.session.id}").get_data(as_text=True)
    assert f"/reports/sessions/{closed.session.id}" in session_page
    auth.logout()
    auth.login(closed.members[2].user)  # a member (council member role, not the chair)
    assert minutes(client, closed).status_code == 403
    auth.logout()
    auth.login(make_user(Role.SECRETARY))  # another unit's secretariat
    assert minutes(client, closed).status_code == 403
    assert client.get(f"/reports/sessions/{closed.session.id}/scores.xlsx").status_code == 403
    auth.logout()
    auth.login(make_producer(closed.item.dossier.organisation))
    assert minutes(client, closed).status_code == 403


def count_statements(work) -> int:
    statements = []

    def listener(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        work()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)


def more_dossiers(closed, count: int) -> None:
    """Dossiers scored by members 1–4 (the session reopened for them, then closed again)."""
    closed.session.state = SessionState.OPEN
    db.session.commit()
    for index in range(count):
        dossier = make_accepted_dossier(
            closed.round, closed.item.dossier.organisation, f"Thảm cói {index}"
        )
        item = AgendaItem(dossier=dossier, position=len(closed.session.agenda) + 1)
        closed.session.agenda.append(item)
        db.session.flush()
        for member in closed.members[:6]:
            item.declarations.append(ConflictDeclaration(member=member, has_conflict=False))
        db.session.commit()
        for member in closed.members[:5]:
            signed_sheet(item, member)
    closed.session.state = SessionState.CLOSED
    db.session.commit()


def test_the_minutes_read_the_same_number_of_queries_for_1_and_for_4_dossiers(app):
    closed = build_session()
    services.minutes_pdf(closed.session)  # warm-up (rulebook, sheets, fonts)
    db.session.expire_all()
    with_one = count_statements(lambda: services.score_table_xlsx(closed.session))
    more_dossiers(closed, 3)
    db.session.expire_all()
    with_four = count_statements(lambda: services.score_table_xlsx(closed.session))
    assert with_four == with_one
    assert with_one <= 20


def test_the_score_table_has_numbers_as_numbers_and_text_as_text(client, auth, app):
    closed = build_session()
    closed.item.dossier.product.name = '=HYPERLINK("http://x","y")'
    db.session.commit()
    auth.login(closed.secretary)
    response = client.get(f"/reports/sessions/{closed.session.id}/scores.xlsx")
    assert response.status_code == 200
    ws = load_workbook(BytesIO(response.data)).active
    rows = {row[0].value: row for row in ws.iter_rows() if row[0].value is not None}
    headings = [cell.value for cell in rows["TT"]]
    assert headings[:4] == ["TT", "Mã hồ sơ", "Sản phẩm", "Chủ thể"]
    assert headings[4:10] == ["TV 1", "TV 2", "TV 3", "TV 4", "TV 5", "TV 6"]
    assert headings[10:] == [
        "Phần A (TB)",
        "Phần B (TB)",
        "Phần C (TB)",
        "Điểm trung bình",
        "Hạng",
        "Kết luận",
    ]
    row = next(r for r in ws.iter_rows() if r[0].value == 1)
    product = row[2]
    assert product.value == '=HYPERLINK("http://x","y")' and product.data_type == "s"
    assert row[3].value == "Công ty TNHH Hiếu Lâm"
    assert [cell.value for cell in row[4:8]] == [72, 73, 71, 74]
    assert row[8].value == "không chấm (xung đột lợi ích)" and row[9].value == "vắng mặt"
    assert row[10].value == 26.5 and row[13].value == 72.5 and row[13].number_format == "0.00"
    assert row[14].value == "4 sao" and row[15].value == "Chưa chốt kết quả"
    assert not any(
        isinstance(cell.value, str) and cell.data_type == "f" for r in ws.iter_rows() for cell in r
    )


def test_the_score_table_header_names_the_council_and_the_session(app):
    closed = build_session()
    ws = load_workbook(BytesIO(services.score_table_xlsx(closed.session))).active
    values = [cell.value for row in ws.iter_rows(max_row=9) for cell in row if cell.value]
    assert "ỦY BAN NHÂN DÂN HUYỆN KIM SƠN" in values
    assert "Hội đồng đánh giá, phân hạng sản phẩm OCOP" in values
    assert "Phiên họp đánh giá sản phẩm OCOP năm 2021" in values
    assert "15/09/2021" in values  # the session's day, in Vietnam time


def test_the_proposed_class_is_the_rules_cores_result(app):
    from evalapp.reports.session_report import load_session, session_facts
    from evalapp.results.live import live_result

    closed = build_session()
    result = live_result(closed.item).product
    proposed = session_facts(load_session(closed.session.id)).dossiers[0]
    assert proposed.average == result.score == Decimal("72.50")
    assert proposed.part_scores == dict(result.part_scores)
    assert proposed.class_label == f"{result.stars} sao"


def test_producer_text_is_printed_as_text_and_nothing_is_fetched(app, monkeypatch):
    from evalapp.common import pdf

    fetchers = []
    original = pdf.local_only_fetcher

    def recording():
        fetchers.append(original())
        return fetchers[-1]

    monkeypatch.setattr(pdf, "local_only_fetcher", recording)
    closed = build_session()
    closed.item.dossier.product.name = '<img src="file:///etc/passwd"> Giỏ'
    closed.item.dossier.organisation.name = "<style>@import url(http://127.0.0.1:9/x.css);</style>"
    db.session.commit()
    text = flat(pdf_text(services.minutes_pdf(closed.session)))
    assert '<img src="file:///etc/passwd"> Giỏ' in text
    assert "<style>@import" in text  # shown, not applied (long words wrap, hence no more)
    assert fetchers and not any(f.refused for f in fetchers)
    assert all(url.endswith(".woff2") for f in fetchers for url in f.served)
