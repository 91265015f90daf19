"""Who may manage an evaluation round. Used by views and templates alike."""

from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.rounds.models import EvaluationRound


def can_manage_round(user, round_: EvaluationRound) -> bool:
    """The secretariat of the unit that opened the round (not that of a unit above or below)."""
    return user.has_role(Role.SECRETARY) and user.unit_id == round_.unit_id
