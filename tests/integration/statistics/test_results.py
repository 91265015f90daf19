"""The evaluations' figures (issue 18, item 1): pass rates, scores and days from filing to the
decision by product group and round, and where a round's products lose points by criterion."""

import csv
import io
import json
from datetime import UTC, datetime
from decimal import Decimal

from openpyxl import load_workbook

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.results import services as result_services
from evalapp.statistics import results
from evalapp.statistics.criteria import criterion_averages
from evalapp.units.models import UnitLevel
from tests.factories import make_unit, make_user
from tests.integration.certificates.conftest import make_issuing
from tests.integration.reports.conftest import build_session


def filed(issuing, **days):
    """Each named result's dossier filed at the given UTC instant."""
    for stars, moment in days.items():
        issuing.results[int(stars.removeprefix("s"))].dossier.submitted_at = moment
    db.session.commit()


def test_pass_rate_scores_and_days_by_group_and_round(app):
    ninh_binh = make_issuing()
    make_issuing(number="7/QĐ-UBND", code="TB", name="Tỉnh Thái Bình")  # not Ninh Bình's
    # The decision is signed on 20/12/2021. 30/11 16:59 UTC is 23:59 on 30/11 in Viet Nam
    # (20 days); 30/11 17:30 UTC is already 1/12 (19 days).
    filed(
        ninh_binh,
        s4=datetime(2021, 11, 30, 16, 59, tzinfo=UTC),
        s3=datetime(2021, 11, 30, 17, 30, tzinfo=UTC),
        s5=datetime(2021, 11, 20, 2, 0, tzinfo=UTC),
        s2=datetime(2021, 12, 10, 2, 0, tzinfo=UTC),
    )
    [group] = results.by_group(ninh_binh.province)
    assert (group.evaluated, group.passed, group.pass_rate) == (4, 3, Decimal("75.0"))
    assert group.average == Decimal("69.38")  # (78,50 + 62 + 92 + 45) / 4 = 69,375
    assert (group.lowest, group.highest) == (Decimal("45.00"), Decimal("92.00"))
    assert group.decided == 4 and group.longest_days == 30
    assert group.average_days == Decimal("19.8")  # (20 + 19 + 30 + 10) / 4 = 19,75

    [one_round] = results.by_round(ninh_binh.province)
    assert one_round.label == f"{ninh_binh.round.name} (2021)"
    assert (one_round.evaluated, one_round.average_days) == (4, Decimal("19.8"))
    assert results.by_group(ninh_binh.province, year=2020) == []


def test_a_reopened_result_and_an_undecided_one_are_told_apart(app):
    ninh_binh = make_issuing()
    moment = datetime(2021, 12, 1, 2, 0, tzinfo=UTC)
    filed(ninh_binh, s2=moment, s3=moment, s4=moment, s5=moment)
    ninh_binh.results[2].state = "reopened"
    ninh_binh.results[3].decision_id = None
    db.session.commit()
    [group] = results.by_group(ninh_binh.province)
    assert group.evaluated == 3  # the reopened result is no longer in force
    assert group.decided == 2  # the 3★ result waits for its decision: no days for it


def test_the_ministry_sees_every_province(app):
    make_issuing()
    make_issuing(number="7/QĐ-UBND", code="TB", name="Tỉnh Thái Bình")
    ministry = make_unit("Bộ Nông nghiệp và Môi trường", UnitLevel.CENTRAL, code="BNN")
    rounds = results.by_round(ministry)
    assert [row.evaluated for row in rounds] == [4, 4]
    assert sum(row.passed for row in results.by_group(ministry)) == 6


def test_the_secretary_reads_the_page_and_downloads_its_tables(client, auth):
    ninh_binh = make_issuing()
    auth.login(ninh_binh.secretary)
    page = client.get("/statistics/").text
    assert 'href="/statistics/results"' in page
    page = client.get("/statistics/results").text
    chart = json.loads(page.split('id="groups-data">', 1)[1].split("</script>", 1)[0])
    assert [series["data"] for series in chart["series"]] == [[3], [1]]
    assert "75,0 %" in page and "69,38" in page
    assert "Chọn một đợt đánh giá" in page

    text = client.get("/statistics/results/groups.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0][:4] == [
        "Nhóm sản phẩm",
        "Số sản phẩm được đánh giá",
        "Đạt từ 3 sao",
        "Tỷ lệ đạt (%)",
    ]
    assert rows[1][1:4] == ["4", "3", "75.0"]
    workbook = load_workbook(io.BytesIO(client.get("/statistics/results/rounds.xlsx").data))
    assert list(workbook.active.iter_rows(values_only=True))[1][1:3] == (4, 3)


def test_a_round_s_criteria_show_where_points_are_lost(client, auth):
    closed = build_session(level="province")
    result = result_services.finalise_result(closed.item, "Đạt 4 sao.", {}, closed.chair)
    db.session.commit()
    averages = criterion_averages(closed.round.id)
    frozen = sum(Decimal(sheet["total"]) for sheet in result.sheets)
    assert sum(average.total for average in averages) == frozen
    assert all(average.sheets == 4 and average.products == 1 for average in averages)
    shares = [average.share for average in averages]
    assert shares == sorted(shares)  # the criteria losing most first

    secretary = make_user(Role.SECRETARY, unit=closed.round.unit)
    db.session.commit()
    auth.login(secretary)
    page = client.get(f"/statistics/results?round={closed.round.id}").text
    weakest = averages[0]
    assert weakest.name in page.split('id="criteria"', 1)[1]
    text = client.get(f"/statistics/results/criteria.csv?round={closed.round.id}").data
    rows = list(csv.reader(io.StringIO(text.decode("utf-8-sig"), newline="")))
    assert len(rows) == len(averages) + 1 and rows[1][2] == weakest.code
    other = client.get("/statistics/results/criteria.csv?round=999999").data.decode("utf-8-sig")
    assert len(other.strip().splitlines()) == 1  # not the unit's round: no rows


def test_a_group_named_alike_in_two_rulebooks_is_one_row_with_weighted_figures():
    """(evaluated, passed, average, lowest, highest, decided, average days, longest days)."""
    under_1048 = (2, 1, Decimal("60"), Decimal("50"), Decimal("70"), 2, 10.0, 12)
    under_26 = (1, 1, Decimal("90"), Decimal("90"), Decimal("90"), 0, None, None)
    merged = results.row_of("Thủ công mỹ nghệ", results.combine([under_1048, under_26]))
    assert (merged.evaluated, merged.passed, merged.pass_rate) == (3, 2, Decimal("66.7"))
    assert merged.average == Decimal("70.00")  # (2 × 60 + 90) / 3, not (60 + 90) / 2
    assert (merged.lowest, merged.highest) == (Decimal("50"), Decimal("90"))
    assert (merged.decided, merged.average_days, merged.longest_days) == (2, Decimal("10.0"), 12)
