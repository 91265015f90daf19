"""Who may see and do what with a dossier's result."""

from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.dossiers.models import Dossier
from evalapp.results.models import FinalResult


def can_view_outcome(user, dossier: Dossier, result: FinalResult | None) -> bool:
    """The producer organisation's own users, once the result decision has published the result."""
    return (
        user.has_role(Role.PRODUCER)
        and user.organisation_id == dossier.organisation_id
        and result is not None
        and result.is_published
    )
