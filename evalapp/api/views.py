"""`/api/v1`: the public register, a unit's rounds, dossiers, results and statistics, and the
OpenAPI document that describes them (generated from these views and `api.schemas`)."""

from __future__ import annotations

from flask import Blueprint, current_app, g, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import Schema, ValidationError

from evalapp.api import paging, queries, schemas, spec
from evalapp.api.spec import operation
from evalapp.api.tokens import client_required, public_api
from evalapp.certificates.models import CertificateStatus
from evalapp.common.errors import problem
from evalapp.common.time import local_today
from evalapp.common.urls import absolute_url
from evalapp.extensions import csrf, db
from evalapp.registry import paging as register_paging
from evalapp.registry import queries as register
from evalapp.registry.verification import UNVERIFIABLE, register_rows
from evalapp.statistics import queries as statistics
from evalapp.statistics import results as results_statistics
from evalapp.statistics.criteria import criterion_averages

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)


class RefusedParameters(Exception):
    def __init__(self, errors: dict):
        super().__init__(errors)
        self.errors = errors


@bp.errorhandler(RefusedParameters)
def refused_parameters(error: RefusedParameters):
    return problem(
        400,
        _("Tham số không hợp lệ"),
        _("Một hoặc nhiều tham số truy vấn không hợp lệ; xem từng tham số trong errors."),
        errors={
            name: [str(message) for message in messages] for name, messages in error.errors.items()
        },
    )


@bp.errorhandler(paging.BadCursor)
def bad_cursor(error: paging.BadCursor):
    return problem(
        400,
        _("Con trỏ trang không hợp lệ"),
        _(
            "Tham số cursor phải là next_cursor của trang trước, với cùng các bộ lọc. "
            "Bỏ cursor để đọc trang đầu."
        ),
        errors={"cursor": [str(error)]},
    )


def arguments(schema: type[Schema]) -> dict:
    """The query string read by `schema`; an unknown or invalid parameter is refused (400)."""
    try:
        return schema().load(request.args)
    except ValidationError as error:
        errors = error.messages if isinstance(error.messages, dict) else {"": error.messages}
        raise RefusedParameters(
            {
                name: messages if isinstance(messages, list) else [messages]
                for name, messages in errors.items()
            }
        ) from error


def respond(data, *, public: bool = False):
    """JSON with a strong ETag: a client sending it back in `If-None-Match` gets 304 and no body.
    Nothing is cached without asking again (`no-cache`): a revocation shows at once."""
    response = current_app.json.response(data)
    response.add_etag()
    response.headers["Cache-Control"] = "no-cache" if public else "private, no-cache"
    response.vary.update(("Authorization", "Accept-Language"))
    if public:
        response.headers["Access-Control-Allow-Origin"] = "*"
    return response.make_conditional(request)


def page_response(page: paging.Page, item: type[Schema], *, public: bool = False):
    response = respond(
        {"items": item(many=True).dump(page.items), "next_cursor": page.next_cursor},
        public=public,
    )
    if page.next_cursor:
        args = {**request.args.to_dict(), "cursor": page.next_cursor}
        response.headers["Link"] = (
            f'<{url_for(request.endpoint, **request.view_args, **args, _external=True)}>; rel="next"'
        )
    return response


def filters(found: dict) -> dict:
    return {name: value for name, value in found.items() if name not in ("cursor", "limit")}


# The public register


def register_item(certificate, status) -> dict:
    """A row of the register as its page shows it: no class for a certificate whose signature
    does not verify (`status` None)."""
    return {
        "public_id": certificate.public_id,
        "number": certificate.number,
        "product_name": certificate.product_name,
        "producer_name": certificate.producer_name,
        "province": certificate.province_name,
        "group_code": certificate.group_code,
        "stars": certificate.stars if status is not None else None,
        "issued_on": certificate.issued_on,
        "expires_on": certificate.expires_on,
        "status": status.value if status is not None else UNVERIFIABLE,
        "verification_url": absolute_url("registry.verify", public_id=certificate.public_id),
        "url": absolute_url("registry.api_certificate", public_id=certificate.public_id),
    }


@bp.route("/certificates")
@public_api
@operation(
    tag="register",
    summary="The public register of OCOP certificates",
    description=(
        "Certificates in the order of the register's page: valid first, then the newest. "
        "Without a token; rate-limited per address."
    ),
    query=schemas.RegisterQuery,
    response=schemas.RegisterPage,
)
def register_certificates():
    found = arguments(schemas.RegisterQuery)
    criteria = register.RegistryFilter(
        q=found.get("q", ""),
        province=found.get("province", ""),
        group=found.get("group", ""),
        stars=found.get("stars"),
        status=CertificateStatus(found["status"]) if found.get("status") else None,
    )
    cursor = found.get("cursor")
    if cursor and register_paging.read_cursor(cursor, criteria) is None:
        raise paging.BadCursor("not a cursor of this list")
    today = local_today()
    found_page = register.registry_page(
        criteria, today, cursor, per_page=found["limit"], counted=False
    )
    items = [register_item(*row) for row in register_rows(found_page.items, today)]
    return page_response(
        paging.Page(items, found_page.next_cursor), schemas.RegisterCertificate, public=True
    )


# A unit's data


def unit_list(query_schema, query_of, id_column, item: type[Schema]):
    """A page of one of the unit's lists: the query string read by `query_schema`, its filters
    given to `query_of(unit, **filters)`, paged by `id_column`."""
    found = arguments(query_schema)
    criteria = filters(found)
    query = query_of(g.api_unit, **criteria)
    page = paging.keyset_page(query, id_column, criteria, found.get("cursor"), found["limit"])
    return page_response(page, item)


@bp.route("/rounds")
@client_required
@operation(
    tag="unit",
    summary="The unit's evaluation rounds",
    description="A province's token: its rounds; the ministry's: every round.",
    query=schemas.RoundQuery,
    response=schemas.RoundPage,
)
def rounds():
    return unit_list(schemas.RoundQuery, queries.rounds, queries.EvaluationRound.id, schemas.Round)


@bp.route("/dossiers")
@client_required
@operation(
    tag="unit",
    summary="Dossiers filed in the unit's rounds, with their status",
    description="Drafts are the producer's own and never listed. Ordered by id.",
    query=schemas.DossierQuery,
    response=schemas.DossierPage,
)
def dossiers():
    return unit_list(schemas.DossierQuery, queries.dossiers, queries.Dossier.id, schemas.Dossier)


@bp.route("/results")
@client_required
@operation(
    tag="unit",
    summary="Results in force in the unit's rounds",
    description=(
        "Each dossier's result as its council finalised it (a reopened result is replaced by "
        "the one finalised after it). Scores by part; members are never named."
    ),
    query=schemas.ResultQuery,
    response=schemas.ResultPage,
)
def results():
    return unit_list(schemas.ResultQuery, queries.results, queries.FinalResult.id, schemas.Result)


@bp.route("/rounds/<int:round_id>/criteria")
@client_required
@operation(
    tag="unit",
    summary="Where a round's products lose points: each criterion's average against its maximum",
    description=(
        "The sheets each result in force counted, scored again on the result's sheet version "
        "(the points add up to the results' totals); members are never named. 404 for a round "
        "that is not the unit's."
    ),
    response=schemas.RoundCriteria,
    path={"round_id": {"type": "integer", "description": "A round of the unit."}},
    not_found=True,
)
def round_criteria(round_id: int):
    if (
        db.session.scalar(queries.rounds(g.api_unit).where(queries.EvaluationRound.id == round_id))
        is None
    ):
        return problem(
            404, _("Không tìm thấy"), _("Không có đợt đánh giá này trong đơn vị của mã truy cập.")
        )
    found = criterion_averages(round_id)
    return respond(schemas.RoundCriteria().dump({"round_id": round_id, "criteria": found}))


CROSSTABS = {
    "years": statistics.by_year,
    "groups": statistics.by_group,
    "subgroups": statistics.by_subgroup,
    "communes": statistics.by_commune,
}


@bp.route("/statistics/<any(years, groups, subgroups, communes):table>")
@client_required
@operation(
    tag="unit",
    summary="Certificates by year, product group, subgroup or commune, and star class",
    description="The tables of the statistics page, each one SQL GROUP BY.",
    query=schemas.StatisticsQuery,
    response=schemas.Statistics,
    path={"table": {"type": "string", "enum": list(CROSSTABS), "description": "The table."}},
)
def statistics_table(table: str):
    year = arguments(schemas.StatisticsQuery).get("year")
    unit = g.api_unit
    found = CROSSTABS[table](unit, year)
    rows = [
        {
            "label": label,
            "counts": {str(stars): count for stars, count in counts.items()},
            "total": found.total(label),
        }
        for label, counts in found.rows.items()
    ]
    data = {
        "table": table,
        "unit": unit.name,
        "year": year,
        "rows": rows,
        "total": found.grand_total,
    }
    return respond(schemas.Statistics().dump(data))


@bp.route("/statistics/statuses")
@client_required
@operation(
    tag="unit",
    summary="Certificates by status today",
    description="Valid (of which expiring: within the re-evaluation lead), expired, revoked, superseded.",
    query=schemas.StatisticsQuery,
    response=schemas.StatusStatistics,
)
def statistics_statuses():
    year = arguments(schemas.StatisticsQuery).get("year")
    unit, today = g.api_unit, local_today()
    rows = [
        {"status": str(status), "count": count}
        for status, count in statistics.by_status(unit, today, year)
    ]
    data = {"unit": unit.name, "year": year, "as_of": today, "rows": rows}
    return respond(schemas.StatusStatistics().dump(data))


RESULT_TABLES = {"groups": results_statistics.by_group, "rounds": results_statistics.by_round}


@bp.route("/statistics/results/<any(groups, rounds):breakdown>")
@client_required
@operation(
    tag="unit",
    summary="Evaluations by product group or round: pass rate, scores, days to the decision",
    description=(
        "Results in force; passed: 3★ or more (26/2026 Điều 4.1); days from the producer's "
        "filing to the signed decision, on the local calendar."
    ),
    query=schemas.StatisticsQuery,
    response=schemas.ResultStatistics,
    path={
        "breakdown": {"type": "string", "enum": list(RESULT_TABLES), "description": "The table."}
    },
)
def statistics_results(breakdown: str):
    year = arguments(schemas.StatisticsQuery).get("year")
    unit = g.api_unit
    rows = [
        {
            "label": row.label,
            "evaluated": row.evaluated,
            "passed": row.passed,
            "pass_rate": row.pass_rate,
            "average": row.average,
            "lowest": row.lowest,
            "highest": row.highest,
            "decided": row.decided,
            "average_days": row.average_days,
            "longest_days": row.longest_days,
        }
        for row in RESULT_TABLES[breakdown](unit, year)
    ]
    data = {"table": breakdown, "unit": unit.name, "year": year, "rows": rows}
    return respond(schemas.ResultStatistics().dump(data))


# The document


@bp.route("/openapi.json")
@public_api
def openapi():
    return respond(spec.document(), public=True)


@bp.route("/docs")
@public_api
def docs():
    document = spec.document()
    return render_template("api/docs.html", document=document, reference=spec.reference(document))
