"""Public pages: certificate verification (and its JSON form) and the registry of OCOP products."""

from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from wtforms import SelectChoice

from evalapp.certificates import signing
from evalapp.certificates.models import CertificateStatus
from evalapp.common import caching, page_cache
from evalapp.common.access import public
from evalapp.common.errors import problem, render_error
from evalapp.common.exports import export_response
from evalapp.common.i18n import format_number
from evalapp.common.time import local_today
from evalapp.extensions import csrf, db, limiter
from evalapp.registry import exports, queries, verification
from evalapp.registry.forms import LookupForm, RegistryFilterForm

bp = Blueprint("registry", __name__)


def no_store(response):
    """The status changes (expiry, revocation): neither the browser nor a proxy may keep it."""
    response.headers["Cache-Control"] = "no-store"
    return response


def lookup_limit() -> str:
    return current_app.config["CERTIFICATE_LOOKUP_RATE_LIMIT"]


def lookup_example() -> str:
    return queries.example_certificate_number(local_today())


def not_found_page(number: str = ""):
    form = LookupForm(data={"number": number}, example=lookup_example())
    body = render_template("registry/not_found.html", form=form, number=number)
    return no_store(make_response(body, 404))


@bp.route("/verify/<public_id>")
@public
def verify(public_id: str):
    certificate = queries.certificate_by_public_id(public_id)
    if certificate is None:
        return not_found_page()
    today = local_today()
    # Asked again on every visit (no-cache): a revoked certificate is never shown valid.
    return page_cache.serve(
        verification.fingerprint(certificate, today),
        lambda: render_template(
            "registry/verify.html",
            certificate=certificate,
            standing=verification.standing_of(certificate, today),
            check=verification.check(certificate),
            group_name=verification.group_name(certificate),
            Status=CertificateStatus,
        ),
        revalidate=True,
    )


def register_fingerprint(*args, **kwargs) -> tuple | None:
    """What the registry's pages show besides the day and the language (part of every ETag):
    the register's generation and the published keys (the signature check of every row)."""
    token = caching.generation(caching.CERTIFICATES)
    return None if token is None else (token, sorted(verification.published_keys()))


def lookup_form_fingerprint():
    """The empty lookup form: its example number reads the first province's code."""
    return None if request.args.get("number", "").strip() else register_fingerprint()


@bp.route("/verify")
@public
@limiter.limit(lookup_limit, exempt_when=lambda: not request.args.get("number", "").strip())
@page_cache.cached_page(lookup_form_fingerprint)
def lookup():
    form = LookupForm(request.args, example=lookup_example())
    number = (form.number.data or "").strip()
    if number and form.validate():
        certificate = queries.certificate_by_number(number)
        if certificate is not None:
            return redirect(url_for("registry.verify", public_id=certificate.public_id))
        return not_found_page(number)
    return make_response(render_template("registry/lookup.html", form=form))


@bp.route("/api/v1/certificates/<public_id>")
@public
@csrf.exempt
def api_certificate(public_id: str):
    certificate = queries.certificate_by_public_id(public_id)
    if certificate is None:
        message = _("Không tìm thấy giấy chứng nhận với mã này.")
        response = problem(404, _("Không tìm thấy"), message, error="not_found", message=message)
    else:
        response = jsonify(verification.public_record(certificate, local_today()))
    response.headers["Access-Control-Allow-Origin"] = "*"
    return no_store(response)


@bp.route("/verify/public-key")
@public
def public_key():
    keys = {
        key_id: signing.public_pem(key) for key_id, key in verification.published_keys().items()
    }
    if request.args.get("format") == "pem":
        response = make_response("".join(keys.values()))
        response.mimetype = "text/plain"
        return response
    return render_template(
        "registry/public_key.html",
        keys=keys,
        fields=signing.FACT_FIELDS,
        fields_v1=signing.FACT_FIELDS_V1,
    )


FILTERS = ("q", "province", "group", "stars", "status")


def filter_form(groups: list[queries.ProductGroupChoice]) -> RegistryFilterForm:
    form = RegistryFilterForm(request.args)
    form.province.choices = [SelectChoice("", _("Mọi tỉnh, thành phố"))] + [
        SelectChoice(name, name)
        for name in caching.remembered(caching.CERTIFICATES, "provinces", queries.provinces)
    ]
    form.group.choices = [SelectChoice("", _("Mọi nhóm sản phẩm"))] + [
        SelectChoice(group.key, group.name) for group in groups
    ]
    form.validate()
    return form


@bp.route("/registry")
@public
@page_cache.cached_page(register_fingerprint)
def index():
    groups = queries.product_groups()
    form = filter_form(groups)
    today = local_today()
    page = queries.registry_page(registry_filter(form), today, request.args.get("cursor"))
    rows = verification.register_rows(page.items, today)
    return render_template(
        "registry/index.html",
        form=form,
        page=page,
        rows=rows,
        filters={name: value for name, value in request.args.items() if name in FILTERS},
        group_names={codes: group.name for group in groups for codes in group.codes},
        Status=CertificateStatus,
    )


def export_limit() -> str:
    return current_app.config["REGISTRY_EXPORT_RATE_LIMIT"]


@bp.route("/registry/export.<any(csv, xlsx):kind>")
@public
@limiter.limit(export_limit)
def export(kind: str):
    """The register's matches as a file, up to `EXPORT_LIMIT` rows: a whole country's register
    is read page by page through the API instead."""
    form = filter_form(queries.product_groups())
    today = local_today()
    query = queries.registry_query(registry_filter(form), today)
    if queries.registry_count(query) > exports.EXPORT_LIMIT:
        detail = _(
            "Có hơn %(n)s giấy chứng nhận khớp bộ lọc, quá nhiều để tải trong một tệp. Hãy "
            "chọn tỉnh, nhóm sản phẩm, hạng sao hoặc tình trạng rồi tải lại, hoặc đọc toàn bộ "
            "danh bạ qua API (/api/v1/certificates).",
            n=format_number(exports.EXPORT_LIMIT),
        )
        return render_error(400, detail=detail, title=_("Quá nhiều kết quả để tải"))
    certificates = db.session.scalars(query.order_by(*exports.ORDER))
    rows = verification.register_rows(certificates, today)
    title = _("Danh bạ sản phẩm OCOP")
    return export_response(kind, "danh-ba-ocop", title, exports.register_columns(), rows)


def registry_filter(form: RegistryFilterForm) -> queries.RegistryFilter:
    """The valid part of the filter form (a hand-edited value is ignored, not an error)."""
    stars = form.stars.data if not form.stars.errors else ""
    status = form.status.data if not form.status.errors else ""
    return queries.RegistryFilter(
        q=(form.q.data or "")[:100] if not form.q.errors else "",
        province=form.province.data or "",
        group=form.group.data or "",
        stars=int(stars) if stars else None,
        status=CertificateStatus(status) if status else None,
    )
