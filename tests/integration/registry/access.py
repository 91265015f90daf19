from evalapp.auth.models import Role
from evalapp.councils.models import Position
from tests.integration.registry.issued import Issuer
from tests.integration.roles import EVERYONE

EXPECTED: dict = {
    "registry.verify": EVERYONE,
    "registry.lookup": EVERYONE,
    "registry.api_certificate": EVERYONE,
    "registry.public_key": EVERYONE,
    "registry.index": EVERYONE,
    "registry.export": EVERYONE,
}


def world_params(world) -> dict:
    seats = [(world.users[Role.COUNCIL_CHAIR], Position.CHAIR)]
    certificate = Issuer(world.province, seats=seats).certificate(world.organisation)
    return {"public_id": certificate.public_id}


def other_unit_params(world) -> dict:
    """Nothing: its pages are public, the same for every province (NOT_UNIT_SCOPED in
    tests/integration/security/test_other_unit.py)."""
    return {}
