"""The intake list as a download (issue 18, item 2): the dossiers the filters select, with their
deadlines in words, for the desk that sees the list."""

import csv
import io

from openpyxl import load_workbook

from evalapp.dossiers.commune import received_on
from tests.integration.dossiers.conftest import submitted


def test_the_secretary_downloads_the_intake_list(kim_son, login):
    dossier = submitted(kim_son)
    client = login(kim_son.secretary)
    assert 'href="/dossiers/intake/export.xlsx?' in client.get("/dossiers/intake").text

    response = client.get("/dossiers/intake/export.xlsx")
    assert response.status_code == 200 and "attachment" in response.headers["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    headings, row = rows[0], rows[1]
    assert len(rows) == 2
    assert headings[0] == "Mã hồ sơ" and headings[3] == "Sản phẩm"
    assert row[0] == dossier.receipt_code and row[3] == "Giỏ đay Hiếu Lâm"
    assert row[8] == "Chờ tiếp nhận" and row[9] == "Đúng hạn"
    assert row[7].date() == received_on(dossier)  # the local day it was filed, a date cell

    response = client.get("/dossiers/intake/export.csv?q=khong-co-ho-so-nao")
    assert response.data.startswith("\ufeff".encode())
    found = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"), newline="")))
    assert found == [list(headings)]


def test_a_producer_cannot_download_the_intake(kim_son, login):
    submitted(kim_son)
    assert login(kim_son.producer).get("/dossiers/intake/export.csv").status_code == 403
