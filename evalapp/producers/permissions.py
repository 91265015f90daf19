from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.producers.models import (
    DisputeState,
    Organisation,
    OrganisationState,
    Product,
    TaxCodeDispute,
)


def can_manage_organisation(user, organisation: Organisation) -> bool:
    return user.has_role(Role.PRODUCER) and user.organisation_id == organisation.id


def can_manage_product(user, product: Product) -> bool:
    return can_manage_organisation(user, product.organisation)


def can_view_organisation(user, organisation: Organisation) -> bool:
    """Its own people, and the secretariat of a unit the organisation's commune belongs to."""
    return can_manage_organisation(user, organisation) or is_secretary_for(
        user, organisation.commune
    )


def is_secretary_for(user, unit) -> bool:
    """A secretary whose unit contains `unit` (a commune, usually)."""
    return user.has_role(Role.SECRETARY) and user.unit is not None and unit.is_within(user.unit)


def can_view_product(user, product: Product) -> bool:
    return can_view_organisation(user, product.organisation)


def can_invite_user(user, organisation: Organisation) -> bool:
    """Its own producers, and the secretariat of the unit it belongs to."""
    return can_view_organisation(user, organisation)


def can_edit_organisation(user, organisation: Organisation) -> bool:
    """Not while a dispute decides who holds its tax code, nor once it lost it."""
    return can_manage_organisation(user, organisation) and organisation.state not in {
        OrganisationState.CLAIMING,
        OrganisationState.SUSPENDED,
    }


def can_upload_registration_document(user, organisation: Organisation) -> bool:
    return can_manage_organisation(user, organisation) and organisation.state in {
        OrganisationState.PENDING,
        OrganisationState.REFUSED,
    }


def can_verify_organisation(user, organisation: Organisation) -> bool:
    """A commune officer or secretary whose unit contains the organisation's commune — the
    desks that receive its dossiers (26/2026 Điều 6.2, 7.1) — and never one of its own people."""
    return (
        user.has_any_role(Role.COMMUNE_OFFICER, Role.SECRETARY)
        and user.unit is not None
        and organisation.commune.is_within(user.unit)
        and user.organisation_id != organisation.id
    )


def can_view_registration_document(user, organisation: Organisation) -> bool:
    return can_manage_organisation(user, organisation) or can_verify_organisation(
        user, organisation
    )


def can_decide_dispute(user, dispute: TaxCodeDispute) -> bool:
    """The staff who verify the organisation holding the disputed tax code, if neither party."""
    return dispute.state is DisputeState.OPEN and can_view_dispute(user, dispute)


def can_view_dispute(user, dispute: TaxCodeDispute) -> bool:
    return can_verify_organisation(user, dispute.holder) and user.organisation_id not in {
        dispute.claimant_id,
        dispute.holder_id,
    }
