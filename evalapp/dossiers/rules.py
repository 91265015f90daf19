"""What the rulebook of a dossier's round says about that dossier (checklist, sheet, path)."""

from __future__ import annotations

from evalapp.dossiers.models import Dossier
from evalapp.rules import (
    CriteriaSheet,
    DossierItem,
    EvaluationLevel,
    Rulebook,
    load_rulebook,
    load_sheet,
)


def rulebook_of(dossier: Dossier) -> Rulebook:
    return load_rulebook(dossier.round.rulebook_code)


def sheet_of(dossier: Dossier) -> CriteriaSheet | None:
    if not dossier.sheet_code:
        return None
    return load_sheet(dossier.round.rulebook_code, dossier.sheet_code)


def checklist_items(dossier: Dossier) -> tuple[DossierItem, ...]:
    """The documents this dossier needs: the rulebook's list for its registration type, minus
    the items its product group is exempt from (samples for services, say)."""
    checklist = rulebook_of(dossier).checklist(dossier.registration_type.value)
    if checklist is None:
        return ()
    group = dossier.group_code
    return tuple(item for item in checklist.items if group not in item.exempt_groups)


def checklist_item(dossier: Dossier, item_code: str) -> DossierItem | None:
    return next((item for item in checklist_items(dossier) if item.code == item_code), None)


def pre_review_level(rulebook: Rulebook) -> EvaluationLevel | None:
    """The commune level that pre-reviews dossiers before the province (1489/2025), if any."""
    return next((level for level in rulebook.levels if level.pre_review), None)
