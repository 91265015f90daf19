"""Reads for the dossier screens: one or two queries per page, never one per row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from wtforms import SelectChoice

from evalapp.auth.models import Role, User
from evalapp.common.i18n import localised
from evalapp.common.search import folded_match
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.producers.models import Organisation, Product
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import load_rulebook

AWAITING_SECRETARIAT = {
    DossierState.SUBMITTED,
    DossierState.FORWARDED,
    DossierState.RECEIVED,
    DossierState.NEEDS_SUPPLEMENT,
    DossierState.SUPPLEMENTED,
}


#: The intake's work queues: the states each holds. "to_receive" holds only the dossiers on the
#: user's own desk (a dossier still at the commune is not the province's to receive).
INTAKE_QUEUES = {
    "to_receive": frozenset({DossierState.SUBMITTED, DossierState.FORWARDED}),
    "to_check": frozenset({DossierState.RECEIVED, DossierState.SUPPLEMENTED}),
    "supplement": frozenset({DossierState.NEEDS_SUPPLEMENT}),
}


def in_intake_queue(dossier: Dossier, queue: str, unit_id: int | None) -> bool:
    """The Python form of `queue_condition`, for the home page's counts of one loaded list."""
    if dossier.state not in INTAKE_QUEUES[queue]:
        return False
    return queue != "to_receive" or dossier.current_unit_id == unit_id


def queue_condition(queue: str, unit_id: int | None):
    condition = Dossier.state.in_(INTAKE_QUEUES[queue])
    if queue == "to_receive":
        condition = condition & (Dossier.current_unit_id == unit_id)
    return condition


def filtered(query, text: str | None, state: str | None):
    if text:
        # Every word in the product's name or one of the dossier's codes, accents aside.
        query = query.where(folded_match(text, Product.search_text, Dossier.search_text))
    if state:
        query = query.where(Dossier.state == DossierState(state))
    return query


def with_listing_relations(query):
    return query.join(Dossier.product).options(
        selectinload(Dossier.product),
        selectinload(Dossier.round).selectinload(EvaluationRound.unit),
    )


def dossiers_of_organisation(organisation_id: int, text=None, state=None):
    query = with_listing_relations(select(Dossier)).where(
        Dossier.organisation_id == organisation_id
    )
    return filtered(query, text, state).order_by(Dossier.created_at.desc())


def intake_queue(user: User, text=None, state="pending", queue=None):
    """Secretary: submitted dossiers of its unit's rounds. Commune officer: its commune's.
    `state`: "pending" (those awaiting the secretariat), "" (every state) or one state;
    `queue`: only the dossiers of one of `INTAKE_QUEUES`."""
    query = with_listing_relations(select(Dossier)).where(Dossier.state != DossierState.DRAFT)
    if user.has_role(Role.SECRETARY):
        query = query.join(Dossier.round).where(EvaluationRound.unit_id == user.unit_id)
    else:
        query = query.where(Dossier.current_unit_id == user.unit_id)
    if queue in INTAKE_QUEUES:
        query = query.where(queue_condition(queue, user.unit_id))
    if state == "pending":
        query, state = query.where(Dossier.state.in_(AWAITING_SECRETARIAT)), None
    # The commune's forwarding is shown on each row (26/2026 Điều 7.2).
    query = query.options(
        selectinload(Dossier.pre_review),
        selectinload(Dossier.organisation).selectinload(Organisation.commune),
    )
    return filtered(query, text, state).order_by(Dossier.submitted_at)


@dataclass(frozen=True)
class DeadlineBadge:
    label: str
    css: str


def intake_due(dossier: Dossier) -> date:
    """The last day of intake: the day before the round's scoring starts."""
    return dossier.round.scoring_starts_on - timedelta(days=1)


def deadline_badge(dossier: Dossier, today: date) -> DeadlineBadge | None:
    """Intake must finish before the council scores: on time, due soon, or late."""
    if dossier.state not in AWAITING_SECRETARIAT:
        return None
    due = intake_due(dossier)
    if today > due:
        return DeadlineBadge(str(_l("Quá hạn")), "danger")
    if today >= due - timedelta(days=3):
        return DeadlineBadge(str(_l("Sắp đến hạn")), "warning")
    return DeadlineBadge(str(_l("Đúng hạn")), "success")


def submitted_late(dossier: Dossier) -> bool:
    return (
        dossier.submitted_at is not None
        and dossier.submitted_at.date() > dossier.round.submission_closes_on
    )


def class_choices(rulebook_codes: set[str]) -> list[SelectChoice]:
    """Product classes of the rulebooks of the open rounds, as `<rulebook>|<class>` options."""
    choices = [SelectChoice("", _l("— Theo nhóm đã chọn cho sản phẩm —"))]
    for code in sorted(rulebook_codes):
        rulebook = load_rulebook(code)
        for group, subgroup in rulebook.classes():
            choices.append(
                SelectChoice(
                    f"{code}|{(subgroup or group).code}",
                    localised(subgroup.full_name if subgroup else group.name),
                    optgroup=f"{rulebook.reference} — {localised(group.name)}",
                )
            )
    return choices


def chosen_class(value: str | None, round_: EvaluationRound) -> str | None:
    """The class code of a `<rulebook>|<class>` option when it belongs to the round's rulebook;
    "" (refused by the service) when it names another rulebook; None when nothing was chosen."""
    if not value:
        return None
    rulebook_code, _sep, class_code = value.partition("|")
    return class_code if rulebook_code == round_.rulebook_code else ""


def dossiers_on_sheet_version(version_id: int) -> int:
    """How many dossiers are scored on a sheet version (they keep it whatever is published)."""
    return (
        db.session.scalar(
            select(func.count(Dossier.id)).where(Dossier.sheet_version_id == version_id)
        )
        or 0
    )
