from tests.integration.roles import EVERYONE, SIGNED_IN

EXPECTED = {
    "auth.login": EVERYONE,
    "auth.logout": SIGNED_IN,
    "auth.change_password": SIGNED_IN,
}
