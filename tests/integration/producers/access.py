from evalapp.auth.models import Role
from tests.integration.producers.helpers import add_photo
from tests.integration.roles import COMMUNE_OFFICER, EVERYONE, PRODUCER, SECRETARY

VERIFIERS = COMMUNE_OFFICER | SECRETARY

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
    "producers.registered": EVERYONE,
    "producers.upload_document": PRODUCER,
    "producers.registration_document": PRODUCER | VERIFIERS,
    "producers.verification_queue": VERIFIERS,
    "producers.review_organisation": VERIFIERS,
    "producers.verify_organisation": VERIFIERS,
    "producers.refuse_verification": VERIFIERS,
    "producers.review_dispute": VERIFIERS,
    "producers.dispute_document": VERIFIERS,
    "producers.decide_dispute": VERIFIERS,
}


def world_params(world) -> dict:
    from evalapp.extensions import db
    from evalapp.producers.models import OrganisationState, TaxCodeDispute
    from tests.factories import make_organisation, make_product

    product = make_product(world.organisation)
    photo = add_photo(product, world.users[Role.PRODUCER])
    claimant = make_organisation(world.commune, state=OrganisationState.CLAIMING, tax_code=None)
    dispute = TaxCodeDispute(
        tax_code=world.organisation.tax_code,
        claimant=claimant,
        holder=world.organisation,
        document=photo.file,
        statement="Mã số thuế của chúng tôi.",
    )
    db.session.add(dispute)
    db.session.flush()
    return {
        "dispute_id": dispute.id,
        "decision": "uphold",
        "token": "x",
        "organisation_id": world.organisation.id,
        "product_id": product.id,
        "photo_id": photo.id,
    }


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
