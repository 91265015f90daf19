"""The fuzz suite that stays (issue 13, item 6): crafted ids, query parameters and form fields
on every route of `app.url_map`, as an anonymous visitor, a producer and a secretary.

Two properties, whatever the input: no response is a server error (500), and a request the
actor is not allowed to make — refused by role (the matrix of test_access.py), or answered
400/403/404/405 — changes nothing in the database (the audit log of the refusal aside).

Bounded: a deterministic sweep of every route with out-of-range ids, then Hypothesis with a
fixed seed (`derandomize`) and few examples, so the file takes well under a minute on SQLite.
`EVALAPP_FUZZ_EXAMPLES=1000` explores further (and without a fixed seed when
`EVALAPP_FUZZ_RANDOM=1`). Run it on PostgreSQL too (TEST_DATABASE_URL): NUL characters and
integer overflows are errors there only.
"""

from __future__ import annotations

import hashlib
import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from werkzeug.routing import IntegerConverter

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.common.forms import Form
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD
from tests.integration.roles import ANONYMOUS
from tests.integration.test_access import EXPECTED

ACTORS = [ANONYMOUS, Role.PRODUCER, Role.SECRETARY]
EXAMPLES = int(os.environ.get("EVALAPP_FUZZ_EXAMPLES", "60"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("EVALAPP_FUZZ_RANDOM") != "1",
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

CRAFTED_IDS = [0, -1, 2**31 - 1, 2**31, 2**63, 10**30]
# Documents are rendered (WeasyPrint, openpyxl) for a real id: only crafted ids there, and none
# of the requests that sign or print a batch, so the suite stays fast.
DOCUMENT_SUFFIXES = (".pdf", ".xlsx", ".zip", ".docx", ".json", ".csv")
HEAVY_ENDPOINTS = {"certificates.issue", "certificates.print_all", "reports.issue_decision"}
# The matrix's world stores a file row without bytes: serving it is a missing object, a real
# server-side fault (500 with an incident code), not an input edge.
HEAVY_ENDPOINTS |= {"dossiers.document"}
QUERY_NAMES = [
    "page",
    "state",
    "q",
    "status",
    "role",
    "level",
    "year",
    "decision",
    "round_id",
    "province",
    "group",
    "stars",
    "number",
    "start",
    "format",
    "inline",
    "names",
    "next",
    "registration_type",
    "previous_certificate",
]
CRAFTED_TEXT = [
    "",
    "\x00",
    "a\x00b",
    "\x01\x1b\x7f",
    "\u202efdp.exe",
    "%",
    "_",
    "%_%",
    "zzz",
    "9" * 30,
    "-1",
    "0",
    "2147483648",
    "ﬀ Giỏ đay 𝔘𝔫𝔦",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "//evil.example",
    "x" * 5000,
]
crafted_text = st.one_of(
    st.sampled_from(CRAFTED_TEXT),
    st.text(max_size=40),
    st.text(st.characters(max_codepoint=0x9F), max_size=12),  # control characters included
)


def form_field_names() -> list[str]:
    """Every field name of every form of the application (the fuzz posts a few at a time)."""

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    names = set()
    for form in subclasses(Form):
        for name in dir(form):
            if getattr(getattr(form, name, None), "field_class", None) is not None:
                names.add(name)
    return sorted(names - {"csrf_token"})


def database_fingerprint() -> str:
    """A digest of every row of every table, the audit log aside (refusals are audited)."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if table.name == AuditEntry.__tablename__:
            continue
        rows = db.session.execute(select(table).order_by(*table.primary_key.columns)).all()
        digest.update(table.name.encode())
        digest.update(repr(rows).encode())
    db.session.rollback()
    return digest.hexdigest()


def client_for(app, world, actor):
    client = app.test_client()
    if actor != ANONYMOUS:
        response = client.post(
            "/auth/login", data={"email": world.users[actor].email, "password": TEST_PASSWORD}
        )
        assert response.status_code == 302
    return client


def build_path(rule, values: dict) -> str:
    """The rule's path with `values`, built by hand: the routing's own builder would check the
    converters (and so refuse the out-of-range ids this suite is about)."""
    path = rule.rule
    for name, value in values.items():
        for pattern in (f"<int:{name}>", f"<{name}>", f"<path:{name}>"):
            path = path.replace(pattern, quote(str(value), safe=""))
        if "<any(" in path:
            start = path.index("<any(")
            path = path[:start] + quote(str(value), safe="") + path[path.index(">", start) + 1 :]
    return path


def id_arguments(rule) -> list[str]:
    return [
        name
        for name, converter in rule._converters.items()
        if isinstance(converter, IntegerConverter)
    ]


def is_document(rule) -> bool:
    return rule.rule.endswith(DOCUMENT_SUFFIXES)


def refused(status: int, actor, endpoint: str) -> bool:
    return actor not in EXPECTED.get(endpoint, set()) or status in (400, 403, 404, 405)


def check(app, world, actor, rule, method: str, path: str, **request) -> None:
    client = client_for(app, world, actor)
    before = database_fingerprint()
    response = client.open(path, method=method, **request)
    status = response.status_code
    assert status != 500, (actor, method, path, request)
    if refused(status, actor, rule.endpoint):
        assert database_fingerprint() == before, ("changed while refused", actor, method, path)


def routes(app, method: str) -> list:
    return sorted(
        (
            rule
            for rule in app.url_map.iter_rules()
            if method in rule.methods and rule.endpoint != "static"
        ),
        key=lambda rule: rule.rule,
    )


def shares_path(app, rule) -> bool:
    return any(
        other.rule == rule.rule and other.methods != rule.methods
        for other in app.url_map.iter_rules()
    )


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_every_route_answers_out_of_range_ids_without_an_error(app, world, method):
    """The deterministic sweep: every route with an id, each id past PostgreSQL's integer and
    SQLite's int64, as the role most likely to get past the role check."""
    client = client_for(app, world, Role.SECRETARY if method == "GET" else Role.PRODUCER)
    swept = 0
    for rule in routes(app, method):
        ids = id_arguments(rule)
        if not ids:
            continue
        for crafted in (2**31, 10**30):
            values = {
                name: (crafted if name in ids else world.params.get(name, "x"))
                for name in rule.arguments
            }
            response = client.open(build_path(rule, values), method=method)
            # 405 where the same path has a rule for another method (GET and POST
            # /advisory/dossiers/<id>/report): Werkzeug answers the method before the converter
            # refuses the id. Either way nothing is found and nothing fails.
            expected = (404, 405) if shares_path(app, rule) else (404,)
            assert response.status_code in expected, (rule.rule, crafted, response.status_code)
            swept += 1
    assert swept > 50


@st.composite
def fuzzed_request(draw, rules, params, method):
    rule = draw(st.sampled_from(rules))
    actor = draw(st.sampled_from(ACTORS))
    real_ids_allowed = not is_document(rule) and rule.endpoint not in HEAVY_ENDPOINTS
    values = {}
    for name in sorted(rule.arguments):
        if name in id_arguments(rule):
            choices = CRAFTED_IDS + ([params[name]] if real_ids_allowed else [])
            values[name] = draw(st.sampled_from(choices))
        else:
            values[name] = draw(st.one_of(st.just(params.get(name, "x")), crafted_text))
    query = draw(st.dictionaries(st.sampled_from(QUERY_NAMES), crafted_text, max_size=3))
    return rule, actor, values, query


@FUZZ
@given(data=st.data())
def test_get_routes_never_fail_on_crafted_ids_and_query_parameters(app, world, data):
    rules = [rule for rule in routes(app, "GET")]
    rule, actor, values, query = data.draw(fuzzed_request(rules, world.params, "GET"))
    path = build_path(rule, values)
    if query:
        path += "?" + urlencode(query)
    check(app, world, actor, rule, "GET", path)


@FUZZ
@given(data=st.data())
def test_form_posts_never_fail_and_refused_ones_change_nothing(app, world, data):
    rules = [rule for rule in routes(app, "POST") if rule.endpoint not in {"auth.login"}]
    rule, actor, values, query = data.draw(fuzzed_request(rules, world.params, "POST"))
    fields = data.draw(
        st.dictionaries(st.sampled_from(form_field_names()), crafted_text, min_size=1, max_size=6)
    )
    path = build_path(rule, values)
    if query:
        path += "?" + urlencode(query)
    if data.draw(st.booleans().map(lambda as_json: as_json and rule.endpoint.endswith("save"))):
        check(app, world, actor, rule, "POST", path, json={"version": 1, "choices": fields})
    else:
        check(app, world, actor, rule, "POST", path, data=fields)


def test_the_fuzz_knows_the_application_s_forms_and_routes(app):
    names = form_field_names()
    assert {"name", "q", "state", "email", "description"} <= set(names)
    assert len(routes(app, "GET")) > 80 and len(routes(app, "POST")) > 60
