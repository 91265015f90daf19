from tests.integration.roles import SECRETARY

EXPECTED: dict = {
    "statistics.index": SECRETARY,
    "statistics.export": SECRETARY,
}


def world_params(world) -> dict:
    return {"table": "years"}
