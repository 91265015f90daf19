"""Who sends and who reads the written notice of a result (26/2026 Điều 7.3.g, 7.4.g)."""

from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.notices.models import ResultNotice
from evalapp.notices.services import proposing_forwarding
from evalapp.rounds.models import EvaluationRound


def can_send_notices(user, round_: EvaluationRound) -> bool:
    """The OCOP office of the round's unit: its secretariat."""
    return user.has_role(Role.SECRETARY) and user.unit_id == round_.unit_id


def can_read_notice(user, notice: ResultNotice) -> bool:
    """The sender, the producer it is addressed to, the officers of the producer's commune and,
    for a notice of the central council, the secretariat of the province that proposed it."""
    result = notice.result
    organisation = result.dossier.organisation
    if can_send_notices(user, result.round):
        return True
    if user.has_role(Role.PRODUCER) and user.organisation_id == organisation.id:
        return True
    if user.has_role(Role.COMMUNE_OFFICER) and user.unit_id == organisation.commune_id:
        return True
    forwarding = proposing_forwarding(result)
    return (
        forwarding is not None
        and user.has_role(Role.SECRETARY)
        and user.unit_id == forwarding.from_unit_id
    )
