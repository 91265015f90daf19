from tests.integration.roles import SIGNED_IN

EXPECTED = {
    "units.communes": SIGNED_IN,
}
