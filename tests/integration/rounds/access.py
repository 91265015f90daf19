from tests.factories import make_round
from tests.integration.roles import SECRETARY

EXPECTED = {
    "rounds.index": SECRETARY,
    "rounds.new_round": SECRETARY,
    "rounds.edit_round": SECRETARY,
    "rounds.close_round": SECRETARY,
    "rounds.reopen_round": SECRETARY,
}


def world_params(world) -> dict:
    return {"round_id": make_round(world.province).id}


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
