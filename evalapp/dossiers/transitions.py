"""What every dossier verb shares: the states it acts in, its refusal, the event it records and
whom it tells. Services check the state, record an event and an audit entry, notify whom it
concerns, and never commit."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.common import audit
from evalapp.common.refusals import Refusal
from evalapp.common.time import utcnow
from evalapp.common.urls import absolute_url
from evalapp.dossiers.models import (
    Dossier,
    DossierEvent,
    DossierState,
)
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit

EDITABLE = {DossierState.DRAFT, DossierState.NEEDS_SUPPLEMENT}
AT_INTAKE = {DossierState.RECEIVED, DossierState.SUPPLEMENTED}


class DossierError(Refusal):
    """A transition that is not allowed now; the message is for the user."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def record_event(
    dossier: Dossier,
    action: str,
    actor: User | None,
    *,
    to_state=None,
    message: str = "",
    details: dict | None = None,
) -> None:
    from_state = dossier.state
    if to_state is not None:
        dossier.state = to_state
    dossier.events.append(
        DossierEvent(
            at=utcnow(),
            action=action,
            actor_id=getattr(actor, "id", None),
            from_state=from_state,
            to_state=dossier.state,
            message=message,
            details=details or {},
        )
    )
    audit.record(
        f"dossier.{action}",
        dossier,
        actor=actor,
        before={"state": from_state.value if from_state else None},
        after={"state": dossier.state.value},
    )


def require_state(dossier: Dossier, allowed: Iterable[DossierState]) -> None:
    if dossier.state not in set(allowed):
        raise DossierError(
            _(
                "Hồ sơ đang ở trạng thái “%(state)s”, không thể thực hiện thao tác này.",
                state=dossier.state.label,
            )
        )


def dossier_link(dossier: Dossier) -> str:
    return absolute_url("dossiers.show", dossier_id=dossier.id)


def producer_users(dossier: Dossier) -> list[User]:
    return list(
        db.session.scalars(select(User).where(User.organisation_id == dossier.organisation_id))
    )


def staff_of(unit: AdministrativeUnit, role: Role) -> list[User]:
    return [
        user
        for user in db.session.scalars(select(User).where(User.unit_id == unit.id))
        if user.has_role(role)
    ]
