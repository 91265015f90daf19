from tests.integration.roles import SECRETARY

EXPECTED: dict = {
    "statistics.index": SECRETARY,
    "statistics.export": SECRETARY,
    "statistics.evaluations": SECRETARY,
    "statistics.evaluations_export": SECRETARY,
}


def world_params(world) -> dict:
    return {"table": "years", "breakdown": "groups"}


def other_unit_params(world) -> dict:
    """A table's name, not an object (`statistics.export` is in NOT_UNIT_SCOPED of
    tests/integration/security/test_other_unit.py): the figures are the viewer's own unit's."""
    return world_params(world)
