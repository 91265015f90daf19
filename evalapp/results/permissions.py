"""Who may see and do what with a dossier's result. Used by views and templates alike; who sees
which figures is decided by `councils.seats`."""

from __future__ import annotations

from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem, CouncilSession
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.results.models import FinalResult, Forwarding


def can_view_result(user, item: AgendaItem, final: FinalResult | None) -> bool:
    """Whoever the seat policy lets read the result (`seats.sees_result`), and the secretariat
    the product was forwarded to, read-only."""
    return seats.sees_result(user, item, final is not None) or is_receiving_secretary(user, item)


def can_view_sheets(user, item: AgendaItem) -> bool:
    """The sheets by member number and the robustness note: never for ordinary members."""
    return seats.sees_aggregate(user, item) or is_receiving_secretary(user, item)


def is_receiving_secretary(user, item: AgendaItem) -> bool:
    """The secretariat of the unit a result of this item was forwarded to."""
    if not user.has_role(Role.SECRETARY) or user.unit_id is None:
        return False
    return (
        db.session.scalar(
            select(Forwarding.id)
            .join(Forwarding.result)
            .where(FinalResult.item_id == item.id, Forwarding.to_unit_id == user.unit_id)
        )
        is not None
    )


def can_finalise(user, item: AgendaItem) -> bool:
    """The chair acting for the dossier; whether it can be finalised now is explained by the
    service (session closed, every sheet signed, spread within the limit)."""
    return seats.is_acting_chair(user, item)


def can_convene(user, item: AgendaItem) -> bool:
    """The chair acting for a dossier decided in writing (26/2026 Điều 7.6.d); whether a meeting
    is warranted is the service's business."""
    return item.in_writing and seats.is_acting_chair(user, item)


def can_take_part_in_reopening(user, result: FinalResult) -> bool:
    """The two people of a reopening: the chair acting for the dossier and the secretariat."""
    item = result.item
    return seats.is_acting_chair(user, item) or seats.can_manage_council(user, item.session.council)


def can_forward(user, result: FinalResult) -> bool:
    """The secretariat of the round's unit."""
    return user.has_role(Role.SECRETARY) and user.unit_id == result.round.unit_id


def can_view_session_results(user, session: CouncilSession) -> bool:
    return seats.sees_session_results(user, session)


def can_view_outcome(user, dossier: Dossier, result: FinalResult | None) -> bool:
    """The producer organisation's own users, once the result decision has published it or the
    written notice of the result has been sent (26/2026 Điều 7.3.g: 1★, 2★ and the products
    proposed to the ministry have a notice and no recognition decision)."""
    return (
        is_own_producer(user, dossier)
        and result is not None
        and (result.is_published or result.notice is not None)
    )


def is_own_producer(user, dossier: Dossier) -> bool:
    return user.has_role(Role.PRODUCER) and user.organisation_id == dossier.organisation_id
