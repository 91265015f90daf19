"""The statistics page of a unit's secretariat and its downloads."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.certificates.queries import EXPIRING
from evalapp.common.access import roles
from evalapp.common.exports import Column, export_response
from evalapp.common.time import local_today
from evalapp.statistics import queries, results
from evalapp.statistics.criteria import criterion_averages
from evalapp.statistics.queries import Crosstab

bp = Blueprint("statistics", __name__, url_prefix="/statistics")
staff = roles(Role.SECRETARY)


def chosen_year() -> int | None:
    value = request.args.get("year", "")
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def status_label(status) -> str:
    if status == EXPIRING:
        return _("trong đó sắp hết hạn (đến kỳ nộp hồ sơ đánh giá lại)")
    return status.label


def statuses(unit, year: int | None) -> list[tuple[str, int]]:
    counts = queries.by_status(unit, local_today(), year)
    return [(status_label(status), count) for status, count in counts]


# Each table by name: the page reads them all, a download only its own.
TABLES = {
    "years": queries.by_year,
    "groups": queries.by_group,
    "subgroups": queries.by_subgroup,
    "communes": queries.by_commune,
    "statuses": statuses,
}


def titles() -> dict[str, tuple[str, str]]:
    """Per table: its title and the heading of its first column."""
    return {
        "years": (_("Giấy chứng nhận theo năm cấp và hạng sao"), _("Năm")),
        "groups": (_("Giấy chứng nhận theo nhóm sản phẩm và hạng sao"), _("Nhóm sản phẩm")),
        "subgroups": (
            _("Giấy chứng nhận theo phân nhóm sản phẩm và hạng sao"),
            _("Phân nhóm sản phẩm"),
        ),
        "communes": (_("Giấy chứng nhận theo xã, phường của chủ thể"), _("Xã, phường")),
        "statuses": (_("Giấy chứng nhận theo tình trạng hôm nay"), _("Tình trạng")),
    }


def chart_data(table: Crosstab) -> dict:
    return {
        "labels": list(table.rows),
        "series": [
            {
                "label": _("%(n)d sao", n=stars),
                "data": [counts.get(stars, 0) for counts in table.rows.values()],
            }
            for stars in table.classes
        ],
    }


@bp.route("/")
@staff
def index():
    unit = current_user.unit or abort(404)
    year = chosen_year()
    found = {name: table(unit, year) for name, table in TABLES.items()}
    return render_template(
        "statistics/index.html",
        unit=unit,
        year=year,
        years=queries.years(unit),
        tables=found,
        titles=titles(),
        charts={"years": chart_data(found["years"]), "groups": chart_data(found["groups"])},
    )


@bp.route("/<any(years, groups, subgroups, communes, statuses):table>.<any(csv, xlsx):kind>")
@staff
def export(table: str, kind: str):
    unit = current_user.unit or abort(404)
    year = chosen_year()
    title, heading = titles()[table]
    found = TABLES[table](unit, year)
    stem = f"thong-ke-{table}-{year or 'tat-ca'}"
    if table == "statuses":
        columns = [Column(heading, lambda row: row[0], 50), Column(_("Số lượng"), lambda r: r[1])]
        return export_response(kind, stem, title, columns, found)
    columns = [Column(heading, lambda label: label, 36)]
    columns += [
        Column(_("%(n)d sao", n=stars), lambda label, s=stars: found.rows[label].get(s, 0), 10)
        for stars in found.classes
    ]
    columns.append(Column(_("Tổng"), found.total, 10))
    return export_response(kind, stem, title, columns, list(found.rows))


# The evaluations: results in force by group and round, and a round's criteria


def chosen_round(rounds) -> int | None:
    """The round of the filter, if it is one of `rounds` (the unit's, with results)."""
    value = request.args.get("round", "")
    if not value.isdigit():
        return None
    return int(value) if int(value) in {found.id for found in rounds} else None


def result_titles() -> dict[str, tuple[str, str]]:
    return {
        "groups": (_("Kết quả đánh giá theo nhóm sản phẩm"), _("Nhóm sản phẩm")),
        "rounds": (_("Kết quả đánh giá theo đợt đánh giá"), _("Đợt đánh giá")),
        "criteria": (
            _("Điểm bình quân theo tiêu chí của đợt (tiêu chí mất nhiều điểm nhất trước)"),
            _("Tiêu chí"),
        ),
    }


def figure_columns(heading: str) -> list[Column]:
    return [
        Column(heading, lambda row: row.label, 40),
        Column(_("Số sản phẩm được đánh giá"), lambda row: row.evaluated, 12),
        Column(_("Đạt từ 3 sao"), lambda row: row.passed, 12),
        Column(_("Tỷ lệ đạt (%)"), lambda row: row.pass_rate, 10),
        Column(_("Điểm bình quân"), lambda row: row.average, 10),
        Column(_("Điểm thấp nhất"), lambda row: row.lowest, 10),
        Column(_("Điểm cao nhất"), lambda row: row.highest, 10),
        Column(_("Đã có quyết định"), lambda row: row.decided, 10),
        Column(
            _("Số ngày bình quân từ nộp hồ sơ đến quyết định"), lambda row: row.average_days, 14
        ),
        Column(_("Số ngày dài nhất"), lambda row: row.longest_days, 10),
    ]


def criterion_columns() -> list[Column]:
    return [
        Column(_("Phiếu đánh giá"), lambda row: row.sheet_code, 24),
        Column(_("Phần"), lambda row: row.part, 8),
        Column(_("Mã tiêu chí"), lambda row: row.code, 12),
        Column(_("Tiêu chí"), lambda row: row.name, 48),
        Column(_("Số sản phẩm"), lambda row: row.products, 10),
        Column(_("Số phiếu"), lambda row: row.sheets, 10),
        Column(_("Điểm bình quân"), lambda row: row.average, 10),
        Column(_("Điểm tối đa"), lambda row: row.max_points, 10),
        Column(_("Đạt (% điểm tối đa)"), lambda row: row.share, 10),
    ]


def result_table(name: str, unit, year: int | None, round_id: int | None) -> list:
    if name == "groups":
        return results.by_group(unit, year, round_id)
    if name == "rounds":
        return results.by_round(unit, year)
    return criterion_averages(round_id) if round_id else []


def pass_chart(rows) -> dict:
    return {
        "labels": [row.label for row in rows],
        "series": [
            {"label": _("Đạt từ 3 sao"), "data": [row.passed for row in rows]},
            {"label": _("Dưới 3 sao"), "data": [row.evaluated - row.passed for row in rows]},
        ],
    }


@bp.route("/results")
@staff
def evaluations():
    unit = current_user.unit or abort(404)
    rounds = results.rounds_of(unit)
    year, round_id = chosen_year(), chosen_round(rounds)
    found = {name: result_table(name, unit, year, round_id) for name in result_titles()}
    return render_template(
        "statistics/results.html",
        unit=unit,
        year=year,
        round_id=round_id,
        rounds=rounds,
        years=sorted({found_round.year for found_round in rounds}, reverse=True),
        tables=found,
        titles=result_titles(),
        chart=pass_chart(found["groups"]),
    )


@bp.route("/results/<any(groups, rounds, criteria):breakdown>.<any(csv, xlsx):kind>")
@staff
def evaluations_export(breakdown: str, kind: str):
    unit = current_user.unit or abort(404)
    year, round_id = chosen_year(), chosen_round(results.rounds_of(unit))
    title, heading = result_titles()[breakdown]
    rows = result_table(breakdown, unit, year, round_id)
    stem = f"ket-qua-{breakdown}-{round_id or year or 'tat-ca'}"
    columns = criterion_columns() if breakdown == "criteria" else figure_columns(heading)
    return export_response(kind, stem, title, columns, rows)
