"""The role × endpoint matrix extended to the objects of another unit (issue 13).

Two provinces, each with its district, commune, organisation and one account per role. Every
feature's `access.py` builds, in `other_unit_params(world)`, the objects its URLs name inside
the second province, with that province's own staff seated. Every route naming an object is
then called (GET, and POST for the write routes, CSRF off as in the other access tests) by
every staff account of the first province and by the first province's producer, and must be
refused (403: the object checks answer with `require`, routes that look the object up within
the caller's reach answer 404), change no row, write no audit entry but the refusal, and show
nothing of the other province.

A route whose URL names a new kind of object fails `test_every_object_route_is_covered` until
a feature builds that object in `other_unit_params` or it is listed in `NOT_UNIT_SCOPED`.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role
from evalapp.common.audit import AuditEntry
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD, app_on_copy, release_database
from tests.integration.security.test_fuzz import database_fingerprint
from tests.integration.test_access import EXPECTED, FEATURES, build_world

OTHER = "Bên Kia"  # in the name of every unit, organisation and person of the second province

# Routes naming an object that is not the business of one unit, with the reason.
NOT_UNIT_SCOPED = {
    "static": "public files of the application",
    # The URL names a file format (and a table), not an object: the rows are always those of
    # the viewer's own unit (tested in each feature's export tests).
    "certificates.export": "the viewer's own unit's certificate list as a file",
    "dossiers.intake_export": "the viewer's own intake list as a file",
    "statistics.export": "the viewer's own unit's figures as a file",
    "statistics.evaluations_export": "the viewer's own unit's figures as a file (a round of another unit is ignored)",
    "api.statistics_table": "a table's name: a token reads its own unit's figures",
    "api.statistics_results": "a table's name: a token reads its own unit's figures",
    "api.round_criteria": "a token's call (no session): another unit's round is a 404 to its token, tested in tests/integration/api",
    "registry.verify": "public: anyone checks a certificate by the id printed on it",
    "registry.api_certificate": "public: the same check for machines",
    "registry.export": "public: the register's page as a file",
    "rulebooks.show": "public: the rulebooks are national legal texts",
    "rulebooks.sheet": "public: the rulebooks are national legal texts",
    "rulebooks.try_sheet": "public: the rulebooks are national legal texts",
    "producers.verify_email": "the token sent by e-mail is the credential, whoever holds it",
    "producers.accept_invitation": "the token sent by e-mail is the credential",
    "councils.accept_invitation": "the token sent by e-mail is the credential",
    "auth.reset_password": "the token sent by e-mail is the credential",
    "admin.edit_user": "the system administrator (national, no unit) manages every account",
    "admin.reset_password": "the system administrator manages every account",
    "admin.edit_unit": "the system administrator manages the list of units",
    "admin.new_office": "the system administrator manages the list of units and offices",
    "admin.edit_office": "the system administrator manages the list of units and offices",
    "admin.sheet_version": "the system administrator keeps the national sheet library",
    "admin.sheet_version_json": "the system administrator keeps the national sheet library",
    "admin.publish_sheet": "the system administrator keeps the national sheet library",
    "admin.retire_sheet": "the system administrator keeps the national sheet library",
    "admin.delete_sheet_draft": "the system administrator keeps the national sheet library",
    "admin.sheet_version_xlsx": "the system administrator keeps the national sheet library",
    "admin.sheet_template": "the system administrator keeps the national sheet library",
    "admin.revoke_api_token": "the system administrator manages every unit's API tokens",
}
# The first province's people, seated on its own councils and running its own rounds: every
# staff account (the administrator too, who has no unit of their own) and a producer of another
# organisation.
ACTORS = list(Role)
REFUSED = (403, 404)
# Pages the world's objects do not open even to their own province, with the reason: for these
# the sweep shows only that the other province gets no further than the owners.
REFUSED_TO_THE_OWNERS_TOO = {
    "advisory.report": "the advisory file has no submitted report",
    "advisory.report_download": "the advisory file has no submitted report",
    "proposals.advisory_report_pdf": "the proposed dossier has no advisory report",
    "advisory.lab_report": "no lab result recorded (no file to send)",
    "certificates.print_job_file": "the print job has produced no file",
    "producers.registration_document": "an organisation the staff made sent no registration certificate",
    "certificates.revocation_pdf": "the revocation is requested, not decided",
    "dossiers.edit": "the dossier is submitted: the producer no longer edits it",
    "dossiers.commune_report": "the commune has not pre-reviewed the dossier (no Mẫu 03 yet)",
    "dossiers.proposal_letter": "the commune has not pre-reviewed the dossier",
}


def object_routes(app) -> list[tuple[str, str]]:
    """(endpoint, method) of every route whose URL names something, exceptions aside."""
    return sorted(
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        if rule.arguments and rule.endpoint not in NOT_UNIT_SCOPED
        for method in sorted(rule.methods & {"GET", "POST"})
    )


@pytest.fixture(scope="module")
def two_units(template_database, tmp_path_factory):
    """Built once for the module: the sweep's requests are refused and change nothing, the
    control's are GETs (and the sweep compares the database before and after each route)."""
    app = app_on_copy(template_database, tmp_path_factory.mktemp("other_unit"))
    with app.app_context():
        first = build_world()
        for feature in FEATURES:  # the first province's people hold seats of their own
            if hasattr(feature, "world_params"):
                first.params.update(feature.world_params(first))
        other = build_world(OTHER, "BK")
        by_feature = {}
        for feature in FEATURES:
            if hasattr(feature, "other_unit_params"):
                by_feature[feature_name(feature)] = feature.other_unit_params(other)
                other.params.update(by_feature[feature_name(feature)])
        db.session.commit()
        clients = {actor: signed_in(app, first.users[actor]) for actor in ACTORS}
        owners = {actor: signed_in(app, other.users[actor]) for actor in ACTORS}
        yield app, other, by_feature, clients, owners
        release_database()


def feature_name(feature) -> str:
    return feature.__name__.split(".")[-2]


def params_for(endpoint: str, other, by_feature: dict) -> dict:
    """A feature's own objects first (two features may both name a `dossier_id`), then those
    the others built (scoring's URLs name the councils' agenda item)."""
    return {**other.params, **by_feature.get(endpoint.split(".")[0], {})}


def signed_in(app, user):
    client = app.test_client()
    response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return client


def url_for_rule(app, endpoint: str, params: dict) -> str:
    rule = next(rule for rule in app.url_map.iter_rules() if rule.endpoint == endpoint)
    return rule.build({name: params[name] for name in rule.arguments})[1]


def audit_count() -> int:
    return db.session.scalar(select(func.count(AuditEntry.id)))


def new_audit_actions(since: int) -> set[str]:
    actions = set(db.session.scalars(select(AuditEntry.action).where(AuditEntry.id > since)))
    db.session.rollback()
    return actions


def test_every_object_route_is_covered(two_units):
    """Each object a URL names is built in the other province by some feature."""
    app, other, _, _, _ = two_units
    missing = {
        (rule.endpoint, name)
        for rule in app.url_map.iter_rules()
        if rule.endpoint not in NOT_UNIT_SCOPED
        for name in rule.arguments
        if name not in other.params
    }
    assert missing == set()


def test_every_feature_with_objects_builds_them_in_the_other_unit():
    assert [
        feature.__name__
        for feature in FEATURES
        if hasattr(feature, "world_params") and not hasattr(feature, "other_unit_params")
    ] == []


def test_the_exceptions_are_routes_of_the_application(two_units):
    app, _, _, _, _ = two_units
    assert set(NOT_UNIT_SCOPED) <= {rule.endpoint for rule in app.url_map.iter_rules()}


def test_the_sweep_reaches_every_feature(two_units):
    app, _, _, _, _ = two_units
    routes = object_routes(app)
    assert len(routes) > 100
    assert {endpoint.split(".")[0] for endpoint, _ in routes} >= {
        "advisory",
        "certificates",
        "councils",
        "dossiers",
        "inspections",
        "notices",
        "producers",
        "proposals",
        "reports",
        "results",
        "rounds",
        "samples",
        "scoring",
    }


def test_no_route_serves_or_changes_another_unit_s_objects(two_units):
    """One sweep, so every hole is listed at once."""
    app, other, by_feature, clients, _ = two_units
    holes = []
    for endpoint, method in object_routes(app):
        url = url_for_rule(app, endpoint, params_for(endpoint, other, by_feature))
        before, audited = database_fingerprint(), audit_count()
        for actor, client in clients.items():
            response = client.open(url, method=method)
            body = response.get_data().decode("utf-8", "replace")
            if response.status_code not in REFUSED:
                holes.append((endpoint, method, actor.value, response.status_code))
            elif OTHER in body:
                holes.append((endpoint, method, actor.value, "shows the other province"))
            response.close()
        if database_fingerprint() != before:
            holes.append((endpoint, method, "changed the database"))
        if new_audit_actions(audited) - {"access.denied"}:
            holes.append((endpoint, method, "audited", new_audit_actions(audited)))
    assert not holes, "\n".join(map(repr, holes))


def test_the_other_province_s_own_staff_are_served(two_units):
    """The control: the same pages open for the other province's own accounts, so the refusals
    above are about the unit, not about a state nobody could get past."""
    app, other, by_feature, _, owners = two_units
    closed = set()
    for endpoint, method in object_routes(app):
        if method != "GET":
            continue
        url = url_for_rule(app, endpoint, params_for(endpoint, other, by_feature))
        statuses = set()
        for actor in EXPECTED[endpoint] & set(ACTORS):
            with owners[actor].get(url) as response:
                statuses.add(response.status_code)
        if not statuses - set(REFUSED):
            closed.add(endpoint)
    # The list stays true: a page the world comes to open leaves it.
    assert closed == set(REFUSED_TO_THE_OWNERS_TOO)
