"""Who may see, issue, print and revoke certificates."""

from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.councils import seats


def is_secretary_of(user, unit_id: int) -> bool:
    """The secretariat of the unit that issues the certificates (the decision's unit)."""
    return user.is_authenticated and user.has_role(Role.SECRETARY) and user.unit_id == unit_id


def is_council_chair_of(user, certificate) -> bool:
    """The chair of the council that scored the certified result."""
    if not user.is_authenticated or not user.has_role(Role.COUNCIL_CHAIR):
        return False
    return seats.is_chair(user, certificate.result.item.session.council)


def can_manage_decision_certificates(user, decision) -> bool:
    """Issue and batch-print the certificates of a decision: the secretariat of its unit."""
    return is_secretary_of(user, decision.unit_id)


def can_view_certificate(user, certificate) -> bool:
    """The certificate's page: the issuing secretariat and the chair who may decide revocation."""
    return is_secretary_of(user, certificate.unit_id) or is_council_chair_of(user, certificate)


def can_download_certificate(user, certificate) -> bool:
    """The PDF: the issuing secretariat, and the producer organisation that owns it."""
    if is_secretary_of(user, certificate.unit_id):
        return True
    return (
        user.is_authenticated
        and user.has_role(Role.PRODUCER)
        and user.organisation_id is not None
        and user.organisation_id == certificate.organisation_id
    )


def can_request_revocation(user, certificate) -> bool:
    return can_view_certificate(user, certificate) and certificate.revoked_on is None


def can_download_revocation_decision(user, certificate, commune_id: int | None) -> bool:
    """The revocation decision (26/2026 Điều 8.3.c, sent to the producer and the bodies
    concerned): those who may download the certificate, the chair who decided, and the officers
    of the producer's commune (`commune_id`)."""
    if can_download_certificate(user, certificate) or is_council_chair_of(user, certificate):
        return True
    return (
        user.is_authenticated
        and user.has_role(Role.COMMUNE_OFFICER)
        and commune_id is not None
        and user.unit_id == commune_id
    )
