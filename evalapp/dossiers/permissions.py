"""Who may see and do what with a dossier. Used by views and templates alike."""

from __future__ import annotations

from evalapp.auth.models import Role
from evalapp.common.hooks import Hook
from evalapp.dossiers.commune import writes_mau_03
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.rules import pre_review_level, rulebook_of
from evalapp.dossiers.services import AT_INTAKE, EDITABLE

#: (user, dossier_id) → bool: a council member cleared for this dossier, or its council's advisory
#: group. Answered by `councils.permissions`, which owns the seats.
council_member_may_open = Hook("dossiers.council_member_may_open")


def is_producer_of(user, dossier: Dossier) -> bool:
    return user.has_role(Role.PRODUCER) and user.organisation_id == dossier.organisation_id


def is_round_secretary(user, dossier: Dossier) -> bool:
    return user.has_role(Role.SECRETARY) and user.unit_id == dossier.round.unit_id


def is_commune_officer(user, dossier: Dossier) -> bool:
    return user.has_role(Role.COMMUNE_OFFICER) and user.unit_id == dossier.organisation.commune_id


def can_view_dossier(user, dossier: Dossier) -> bool:
    """The producer always; once submitted, the round's secretariat, the producer's commune
    (1489) and council members cleared of conflicts for it."""
    if is_producer_of(user, dossier):
        return True
    if dossier.state is DossierState.DRAFT:
        return False
    if is_round_secretary(user, dossier):
        return True
    if is_commune_officer(user, dossier) and pre_review_level(rulebook_of(dossier)) is not None:
        return True
    return is_council_member_cleared(user, dossier)


def is_council_member_cleared(user, dossier: Dossier) -> bool:
    """A council member who declared no conflict for this dossier (or an advisory member)."""
    if not user.has_any_role(Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR, Role.ADVISORY_MEMBER):
        return False
    return council_member_may_open(user, dossier.id)


def can_edit_dossier(user, dossier: Dossier) -> bool:
    return is_producer_of(user, dossier) and dossier.state in EDITABLE


def can_edit_self_assessment(user, dossier: Dossier) -> bool:
    """Only before submission: afterwards only the items sent back can change."""
    return is_producer_of(user, dossier) and dossier.state is DossierState.DRAFT


def can_pre_review(user, dossier: Dossier) -> bool:
    return (
        is_commune_officer(user, dossier)
        and dossier.state is DossierState.SUBMITTED
        and dossier.current_unit_id == user.unit_id
        and pre_review_level(rulebook_of(dossier)) is not None
    )


def can_read_commune_papers(user, dossier: Dossier) -> bool:
    """Mẫu số 03 and the proposal letter (26/2026): once the commune has forwarded, for that
    commune, the producer and the secretariat of the round."""
    if dossier.pre_review is None or not writes_mau_03(dossier):
        return False
    return (
        is_commune_officer(user, dossier)
        or is_producer_of(user, dossier)
        or is_round_secretary(user, dossier)
    )


def can_receive(user, dossier: Dossier) -> bool:
    if not is_round_secretary(user, dossier) or dossier.current_unit_id != user.unit_id:
        return False
    if dossier.state is DossierState.FORWARDED:
        return True
    return (
        dossier.state is DossierState.SUBMITTED and pre_review_level(rulebook_of(dossier)) is None
    )


def can_check(user, dossier: Dossier) -> bool:
    """Check items, request a supplement, accept."""
    return is_round_secretary(user, dossier) and dossier.state in AT_INTAKE


def can_refuse(user, dossier: Dossier) -> bool:
    return can_receive(user, dossier) or can_check(user, dossier)


def can_see_file_history(user, dossier: Dossier) -> bool:
    """Replaced file versions are for the staff who check the dossier."""
    return can_view_dossier(user, dossier) and not is_producer_of(user, dossier)
