"""Who approves and proposes (the province's secretariat, for its chair) and who reads the
bundle (that secretariat and the OCOP office of the unit it was sent to)."""

from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.proposals.models import FiveStarProposal
from evalapp.rounds.models import EvaluationRound


def can_propose(user, round_: EvaluationRound) -> bool:
    return user.has_role(Role.SECRETARY) and user.unit_id == round_.unit_id


def can_read_bundle(user, proposal: FiveStarProposal) -> bool:
    if not user.has_role(Role.SECRETARY) or user.unit_id is None:
        return False
    if user.unit_id == proposal.unit_id:
        return True
    return proposal.forwarding is not None and proposal.forwarding.to_unit_id == user.unit_id
