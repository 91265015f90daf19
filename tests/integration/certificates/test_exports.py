"""The unit's certificate list as a download (issue 18, item 2): every certificate the filters
select, as XLSX for people (typed cells) and as CSV for tools (UTF-8 with a BOM)."""

import csv
import io
from datetime import date

from openpyxl import load_workbook

from evalapp.extensions import db
from tests.factories import make_user
from tests.integration.certificates.conftest import certificate_of, make_issuing


def rows_of_csv(response) -> list[list[str]]:
    assert response.data.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))


def test_the_secretary_downloads_the_filtered_list_as_xlsx_and_csv(client, auth, issued):
    four, three = certificate_of(issued, 4), certificate_of(issued, 3)
    three.revoked_on, three.revoked_reason = date(2022, 5, 1), "Vi phạm"
    db.session.commit()
    auth.login(issued.secretary)

    page = client.get("/certificates/")
    assert 'href="/certificates/export.xlsx?' in page.text
    assert 'href="/certificates/export.csv?' in page.text

    response = client.get("/certificates/export.xlsx")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Số giấy chứng nhận", "Sản phẩm", "Chủ thể")
    by_number = {row[0]: row for row in rows[1:]}
    assert set(by_number) == {four.number, three.number}
    row = by_number[four.number]
    assert row[1] == "Giỏ đay Hiếu Lâm" and row[5] == 4
    assert row[8].date() == four.issued_on and row[9].date() == four.expires_on
    assert row[11].endswith(f"/verify/{four.public_id}")
    assert by_number[three.number][10] == "Đã bị thu hồi"
    assert sheet.cell(row=2, column=9).number_format == "dd/mm/yyyy"

    revoked = rows_of_csv(client.get("/certificates/export.csv?status=revoked"))
    assert revoked[0][0] == "Số giấy chứng nhận"
    assert [row[0] for row in revoked[1:]] == [three.number]
    assert revoked[1][8] == three.issued_on.isoformat()


def test_text_a_spreadsheet_would_run_stays_text(client, auth, issued):
    four = certificate_of(issued, 4)
    four.product_name = '=HYPERLINK("http://evil.example","Giỏ")'
    db.session.commit()
    auth.login(issued.secretary)
    rows = rows_of_csv(client.get("/certificates/export.csv"))
    assert '\'=HYPERLINK("http://evil.example","Giỏ")' in [row[1] for row in rows]
    sheet = load_workbook(io.BytesIO(client.get("/certificates/export.xlsx").data)).active
    cell = next(c for c in sheet["B"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s" and cell.quotePrefix


def test_only_the_units_own_certificates_and_only_for_its_secretariat(client, auth, issued):
    other = make_issuing("7/QĐ-UBND", code="TB", name="Tỉnh Thái Bình")
    from evalapp.certificates import services

    services.issue_certificates(other.decision, other.secretary)
    chair = make_user(unit=issued.province)
    db.session.commit()
    auth.login(other.secretary)
    rows = rows_of_csv(client.get("/certificates/export.csv"))
    assert len(rows) == 3 and all(row[0] != certificate_of(issued, 4).number for row in rows)
    auth.logout()
    auth.login(issued.chair)
    assert client.get("/certificates/export.csv").status_code == 403
    auth.logout()
    auth.login(chair)
    assert client.get("/certificates/export.xlsx").status_code == 403
    assert client.get("/certificates/export.pdf").status_code == 404
