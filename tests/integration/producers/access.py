from evalapp.auth.models import Role
from tests.integration.producers.helpers import add_photo
from tests.integration.roles import EVERYONE, PRODUCER, SECRETARY

EXPECTED = {
    "producers.register": EVERYONE,
    "producers.verify_email": EVERYONE,
    "producers.resend_verification": PRODUCER,
    "producers.organisation": PRODUCER,
    "producers.edit_organisation": PRODUCER,
    "producers.invite_user": PRODUCER | SECRETARY,
    "producers.accept_invitation": EVERYONE,
    "producers.staff_organisations": SECRETARY,
    "producers.staff_new_organisation": SECRETARY,
    "producers.staff_organisation": SECRETARY,
    "producers.products": PRODUCER,
    "producers.new_product": PRODUCER,
    "producers.edit_product": PRODUCER,
    "producers.product_photo": PRODUCER | SECRETARY,
    "producers.remove_photo": PRODUCER,
}


def world_params(world) -> dict:
    from tests.factories import make_product

    product = make_product(world.organisation)
    photo = add_photo(product, world.users[Role.PRODUCER])
    return {
        "token": "x",
        "organisation_id": world.organisation.id,
        "product_id": product.id,
        "photo_id": photo.id,
    }


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
