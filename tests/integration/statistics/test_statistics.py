"""The unit's statistics (issue 18, item 1): the province's certificates by year, class, group,
commune and status, in tables beside charts, downloadable; the ministry sees every province."""

import csv
import io
import json
import re
from datetime import date

from openpyxl import load_workbook

from evalapp.auth.models import Role
from evalapp.certificates import services
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import make_unit, make_user
from tests.integration.certificates.conftest import certificate_of, make_issuing


def issued(**kwargs):
    issuing = make_issuing(**kwargs)
    services.issue_certificates(issuing.decision, issuing.secretary)
    db.session.commit()
    return issuing


def row_of(page: str, section: str, label: str) -> list[str]:
    table = page.split(f'id="{section}"', 1)[1].split("</section>", 1)[0]
    row = table.split(f">{label}</th>", 1)[1].split("</tr>", 1)[0]
    return re.findall(r">([^<>]*)</td>", row)


def test_the_secretary_sees_the_provinces_certificates_by_year_class_group_and_commune(
    client, auth
):
    ninh_binh = issued()
    issued(number="7/QĐ-UBND", code="TB", name="Tỉnh Thái Bình")  # another province's
    revoked = certificate_of(ninh_binh, 3)
    revoked.revoked_on, revoked.revoked_reason = date(2022, 5, 1), "Vi phạm"
    db.session.commit()
    auth.login(ninh_binh.secretary)
    assert 'href="/statistics/"' in client.get("/certificates/").text

    page = client.get("/statistics/").text
    year = str(certificate_of(ninh_binh, 4).year)
    assert row_of(page, "years", year) == ["1", "1", "0", "2"]  # 3★, 4★, 5★, total
    assert row_of(page, "communes", "Xã Thượng Kiệm") == ["1", "1", "0", "2"]
    [subgroup] = re.findall(
        r'id="subgroups".*?<tbody>\s*<tr><th scope="row" class="fw-normal">([^<]+)</th>', page, re.S
    )
    assert subgroup.startswith("5.") and row_of(page, "subgroups", subgroup) == ["1", "1", "0", "2"]
    chart = json.loads(page.split('id="years-data">', 1)[1].split("</script>", 1)[0])
    assert chart["labels"] == [year]
    assert [series["data"] for series in chart["series"]] == [[1], [1], [0]]
    assert row_of(page, "statuses", "Đã bị thu hồi") == ["1"]

    response = client.get(f"/statistics/years.xlsx?year={year}")
    rows = list(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert rows == [("Năm", "3 sao", "4 sao", "5 sao", "Tổng"), (year, 1, 1, 0, 2)]
    text = client.get("/statistics/statuses.csv").data.decode("utf-8-sig")
    statuses = dict(csv.reader(io.StringIO(text, newline="")))
    assert statuses["Đã bị thu hồi"] == "1" and statuses["Tình trạng"] == "Số lượng"

    assert "Chưa có giấy chứng nhận nào." in client.get("/statistics/?year=2001").text


def test_the_ministry_sees_every_province(client, auth):
    issued()
    issued(number="7/QĐ-UBND", code="TB", name="Tỉnh Thái Bình")
    ministry = make_unit("Bộ Nông nghiệp và Môi trường", UnitLevel.CENTRAL, code="BNN")
    secretary = make_user(Role.SECRETARY, unit=ministry)
    db.session.commit()
    auth.login(secretary)
    text = client.get("/statistics/years.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert sum(int(row[-1]) for row in rows[1:]) == 4  # two provinces' 3★ and 4★
