from tests.integration.roles import EVERYONE

# The session guard lets every API call through (a client has no session): the unit's calls
# check their bearer token instead (`api.tokens.client_required`, tested in test_api.py).
EXPECTED: dict = {
    "api.register_certificates": EVERYONE,
    "api.rounds": EVERYONE,
    "api.dossiers": EVERYONE,
    "api.results": EVERYONE,
    "api.statistics_table": EVERYONE,
    "api.statistics_statuses": EVERYONE,
    "api.statistics_results": EVERYONE,
    "api.round_criteria": EVERYONE,
    "api.openapi": EVERYONE,
    "api.docs": EVERYONE,
}


def world_params(world) -> dict:
    return {"table": "years", "breakdown": "groups"}


def other_unit_params(world) -> dict:
    """A table's name, not an object (`api.statistics_table` is in NOT_UNIT_SCOPED of
    tests/integration/security/test_other_unit.py): a token reads its own unit's figures."""
    return world_params(world)
