from tests.integration.roles import EVERYONE, PRODUCER, SECRETARY  # noqa: F401

EXPECTED: dict = {
    "results.outcome": PRODUCER,
}
