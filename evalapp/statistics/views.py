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
from evalapp.statistics import queries
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
    "communes": queries.by_commune,
    "statuses": statuses,
}


def titles() -> dict[str, tuple[str, str]]:
    """Per table: its title and the heading of its first column."""
    return {
        "years": (_("Giấy chứng nhận theo năm cấp và hạng sao"), _("Năm")),
        "groups": (_("Giấy chứng nhận theo nhóm sản phẩm và hạng sao"), _("Nhóm sản phẩm")),
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


@bp.route("/<any(years, groups, communes, statuses):table>.<any(csv, xlsx):kind>")
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
