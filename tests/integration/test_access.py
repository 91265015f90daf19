"""The route guard and the role × endpoint matrix. Add every new endpoint to EXPECTED."""

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.access import rule_for_endpoint
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.factories import make_office, make_unit, make_user

ANONYMOUS = "anonymous"
EVERYONE = {ANONYMOUS, *Role}
SIGNED_IN = set(Role)
ADMIN = {Role.ADMIN}

# endpoint -> who may call it
EXPECTED = {
    "static": EVERYONE,
    "home.index": EVERYONE,
    "home.set_language": EVERYONE,
    "home.healthz": EVERYONE,
    "home.readyz": EVERYONE,
    "auth.login": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
    "admin.users": ADMIN,
    "admin.new_user": ADMIN,
    "admin.edit_user": ADMIN,
    "admin.reset_password": ADMIN,
    "units.index": ADMIN,
    "units.new_unit": ADMIN,
    "units.edit_unit": ADMIN,
    "units.new_office": ADMIN,
    "units.edit_office": ADMIN,
    "rulebooks.index": EVERYONE,
    "rulebooks.show": EVERYONE,
    "rulebooks.sheet": EVERYONE,
    "rulebooks.try_sheet": EVERYONE,
}


@dataclass
class World:
    users: dict
    params: dict


@pytest.fixture
def world(app):
    province = make_unit("Tỉnh Thử", code="TT")
    office = make_office(province)
    users = {role: make_user(role, unit=province) for role in Role}
    from evalapp.rules import list_rulebooks, list_sheets

    rulebook = next(book for book in list_rulebooks() if list_sheets(book.code))
    params = {
        "user_id": users[Role.PRODUCER].id,
        "unit_id": province.id,
        "office_id": office.id,
        "filename": "css/app.css",
        "code": rulebook.code,
        "sheet_code": list_sheets(rulebook.code)[0].code,
    }
    return World(users, params)


def test_every_endpoint_declares_who_may_call_it(app):
    undeclared = [
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if rule_for_endpoint(rule.endpoint) is None
    ]
    assert undeclared == []


def test_the_matrix_covers_every_endpoint(app):
    assert {rule.endpoint for rule in app.url_map.iter_rules()} == set(EXPECTED)


def call(app, world, endpoint, actor):
    client = app.test_client()
    if actor != ANONYMOUS:
        client.post(
            "/auth/login", data={"email": world.users[actor].email, "password": "Mật-khẩu-thử-2026"}
        )
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    url = rule.build({name: world.params[name] for name in rule.arguments})[1]
    method = "GET" if "GET" in rule.methods else "POST"
    return client.open(url, method=method)


def denied(response) -> bool:
    if response.status_code == 403:
        return True
    return response.status_code == 302 and "/auth/login?next=" in response.headers["Location"]


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_role_endpoint_matrix(app, world, endpoint):
    for actor in [ANONYMOUS, *Role]:
        with call(app, world, endpoint, actor) as response:
            expected_allowed = actor in EXPECTED[endpoint]
            assert denied(response) != expected_allowed, (endpoint, actor, response.status_code)


def test_refusals_are_audited(app, world):
    call(app, world, "admin.users", Role.PRODUCER)
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "access.denied")).one()
    assert entry.actor_id == world.users[Role.PRODUCER].id
    assert "/admin/users" in entry.note


def test_an_endpoint_without_a_declared_rule_is_refused(app, client):
    @app.route("/forgotten")
    def forgotten():
        return "should never be served"

    assert client.get("/forgotten").status_code == 403
