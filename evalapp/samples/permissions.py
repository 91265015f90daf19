"""Who may see a dossier's samples, receive them, move them and print their papers."""

from __future__ import annotations

from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.permissions import (
    is_commune_officer,
    is_council_member_cleared,
    is_round_secretary,
)
from evalapp.dossiers.queries import AWAITING_SECRETARIAT
from evalapp.samples.models import Sample, SampleHolder


def is_desk_staff(user, dossier: Dossier) -> bool:
    """The two desks a dossier's samples pass: its commune and the round's secretariat."""
    return is_commune_officer(user, dossier) or is_round_secretary(user, dossier)


def can_view_samples(user, dossier: Dossier) -> bool:
    """Staff only: the dossier's commune, the round's secretariat, and the members of its
    council (its advisory group, and scoring members cleared of conflicts for it); like the
    dossier itself, nothing before it is submitted."""
    if dossier.state is DossierState.DRAFT:
        return False
    return is_desk_staff(user, dossier) or is_council_member_cleared(user, dossier)


def at_desk_of(user, dossier: Dossier) -> bool:
    """The dossier is on this user's desk, where samples come in with it (26/2026 Điều 7.2):
    the commune officer's before it is forwarded, or the round secretariat's while it is taken
    in, which is where a dossier filed directly with the secretariat arrives."""
    if dossier.current_unit_id != user.unit_id:
        return False
    if is_commune_officer(user, dossier):
        return dossier.state is DossierState.SUBMITTED
    return is_round_secretary(user, dossier) and dossier.state in AWAITING_SECRETARIAT


def can_receive_samples(user, dossier: Dossier) -> bool:
    return is_desk_staff(user, dossier)


def can_print_samples(user, dossier: Dossier) -> bool:
    """The receipt and the labels: for the desks that hand the samples on."""
    return is_desk_staff(user, dossier)


def can_move_sample(user, sample: Sample) -> bool:
    """The secretariat records every move of a sample not yet returned; the commune records
    moves only while it holds the sample (sending it on, or giving it back)."""
    if sample.returned_on is not None:
        return False
    if is_round_secretary(user, sample.dossier):
        return True
    return (
        is_commune_officer(user, sample.dossier) and sample.current.holder is SampleHolder.COMMUNE
    )
