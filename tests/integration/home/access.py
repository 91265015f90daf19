from tests.integration.roles import EVERYONE

EXPECTED = {
    "static": EVERYONE,
    "home.index": EVERYONE,
    "home.set_language": EVERYONE,
    "home.healthz": EVERYONE,
    "home.favicon": EVERYONE,
    "home.readyz": EVERYONE,
}
