"""A round's scores criterion by criterion (issue 18, item 2): every result in force, each counted
sheet by member number, one row per member and criterion, the points adding up to the sheet's
frozen total."""

import csv
import io
from collections import defaultdict
from decimal import Decimal

from openpyxl import load_workbook

from evalapp.extensions import db
from evalapp.results import services
from tests.integration.reports.conftest import build_session


def url(closed, kind):
    return f"/reports/rounds/{closed.round.id}/criterion-scores.{kind}"


def test_the_secretariat_downloads_every_members_points_by_criterion(app, client, auth):
    closed = build_session()
    result = services.finalise_result(closed.item, "Đạt 4 sao.", {}, closed.chair)
    db.session.commit()
    auth.login(closed.secretary)
    assert url(closed, "xlsx") in client.get(f"/reports/rounds/{closed.round.id}/decisions").text

    response = client.get(url(closed, "xlsx"))
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    headings = rows[0]
    assert headings[7] == "Thành viên số" and headings[9] == "Mã tiêu chí"
    assert headings[13] == "Điểm tiêu chí"
    points = defaultdict(Decimal)
    for row in rows[1:]:
        assert row[0] == closed.item.dossier.receipt_code and row[3] == "Công ty TNHH Hiếu Lâm"
        points[row[7]] += Decimal(str(row[13] or 0))
    frozen = {sheet["member_number"]: Decimal(sheet["total"]) for sheet in result.sheets}
    assert set(points) == {1, 2, 3, 4}  # 5 conflicted, 6 absent, 7 the secretary: never named
    assert points == frozen
    assert not any("Vũ Thị Sáu" in str(cell) for row in rows for cell in row)

    text = client.get(url(closed, "csv")).data.decode("utf-8-sig")
    found = list(csv.reader(io.StringIO(text, newline="")))
    assert len(found) == len(rows) and found[1][9] == rows[1][9]


def test_a_member_cannot_download_them(app, client, auth):
    closed = build_session()
    services.finalise_result(closed.item, "Đạt 4 sao.", {}, closed.chair)
    db.session.commit()
    auth.login(closed.members[2].user)
    assert client.get(url(closed, "csv")).status_code == 403
