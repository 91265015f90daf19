from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.producers.models import Organisation, Product


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
