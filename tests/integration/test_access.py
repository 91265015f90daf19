"""The route guard and the role × endpoint matrix.

Every feature lists its endpoints in `tests/integration/<feature>/access.py`: `EXPECTED` maps an
endpoint to the actors its *role rule* lets in, and an optional `world_params(world)` creates the
objects its URLs need. Object-level refusals (another organisation's dossier, a wrong state) are
the business of each feature's IDOR tests, so here an allowed actor may still meet one.
"""

import importlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.access import rule_for_endpoint
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.conftest import TEST_PASSWORD
from tests.factories import make_office, make_organisation, make_unit, make_user
from tests.integration.roles import ANONYMOUS

FEATURES = [
    importlib.import_module(f"tests.integration.{path.parent.name}.access")
    for path in sorted(Path(__file__).parent.glob("*/access.py"))
]
EXPECTED = {
    endpoint: actors for feature in FEATURES for endpoint, actors in feature.EXPECTED.items()
}


@dataclass
class World:
    """A province with a district and a commune, one user per role, a producer organisation."""

    province: object
    district: object
    commune: object
    organisation: object
    users: dict
    params: dict = field(default_factory=dict)


def build_world(name: str = "Thử", code: str = "TT") -> World:
    """The province `Tỉnh <name>` with its district, commune, organisation, one user per role and
    an office; its people and organisation carry `name` too."""
    province = make_unit(f"Tỉnh {name}", code=code)
    district = make_unit(f"Huyện {name}", UnitLevel.DISTRICT, parent=province, code=f"{code}-H")
    commune = make_unit(f"Xã {name}", UnitLevel.COMMUNE, parent=district, code=f"{code}-H-X")
    organisation = make_organisation(commune=commune, name=f"Hợp tác xã {name}")
    users = {
        role: make_user(role, unit=province, full_name=f"{role.label} {name}") for role in Role
    }
    users[Role.COMMUNE_OFFICER].unit = commune
    users[Role.PRODUCER].organisation = organisation
    db.session.commit()
    world = World(province, district, commune, organisation, users)
    world.params = {
        "user_id": users[Role.PRODUCER].id,
        "unit_id": province.id,
        "office_id": make_office(province).id,
        "filename": "css/app.css",
        "kind": "csv",  # a list export
    }
    return world


@pytest.fixture
def world(app):
    world = build_world()
    for feature in FEATURES:
        if hasattr(feature, "world_params"):
            world.params.update(feature.world_params(world))
    db.session.commit()
    return world


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
            "/auth/login", data={"email": world.users[actor].email, "password": TEST_PASSWORD}
        )
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    url = rule.build({name: world.params[name] for name in rule.arguments})[1]
    method = "GET" if "GET" in rule.methods else "POST"
    return client.open(url, method=method)


def refused_by_role(response) -> bool:
    if response.status_code == 302:
        return "/auth/login?next=" in response.headers["Location"]
    if response.status_code != 403:
        return False
    note = db.session.scalars(
        select(AuditEntry.note)
        .where(AuditEntry.action == "access.denied")
        .order_by(AuditEntry.id.desc())
    ).first()
    return note is not None and not note.endswith("(object check)")


@pytest.mark.parametrize("endpoint", sorted(EXPECTED))
def test_role_endpoint_matrix(app, world, endpoint):
    for actor in [ANONYMOUS, *Role]:
        with call(app, world, endpoint, actor) as response:
            allowed = actor in EXPECTED[endpoint]
            assert refused_by_role(response) != allowed, (endpoint, actor, response.status_code)


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
