"""Who may do what with the advisory group's work. Seats come from `councils.seats`: the
advisory group is the council's `Position.ADVISORY` seats, the secretariat the council's
managers.

- the secretariat of the council's unit assigns dossiers, sees every file and may reopen a
  submitted report;
- an advisory member assigned to a dossier writes its file while the dossier waits for the
  council (`DossierState.ACCEPTED`) and the report is not submitted;
- the submitted report is read, beside the dossier, by the scoring members cleared for it and
  by the chair unless conflicted on it; never by the producer.
"""

from __future__ import annotations

from sqlalchemy import select

from evalapp.advisory.models import AdvisoryAssignment, AdvisoryReport
from evalapp.councils import seats
from evalapp.councils.models import AgendaItem, Council, CouncilMember, CouncilSession, Position
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db

WORKING_STATES = frozenset({DossierState.ACCEPTED})


def council_of(dossier: Dossier) -> Council | None:
    return db.session.scalar(select(Council).where(Council.round_id == dossier.round_id))


def advisory_seat_on(user, council: Council | None) -> CouncilMember | None:
    member = seats.seat_of(user, council)
    return member if member is not None and member.position is Position.ADVISORY else None


def can_assign(user, council: Council) -> bool:
    return seats.can_manage_council(user, council)


def is_assigned(user, dossier: Dossier) -> bool:
    return (
        db.session.scalar(
            select(AdvisoryAssignment.id)
            .join(AdvisoryAssignment.member)
            .where(
                AdvisoryAssignment.dossier_id == dossier.id,
                CouncilMember.user_id == getattr(user, "id", None),
                CouncilMember.position == Position.ADVISORY,
            )
            .limit(1)
        )
        is not None
    )


def can_view_file(user, dossier: Dossier, council: Council) -> bool:
    """The whole file, drafts included: the secretariat and the assigned advisory members."""
    return seats.can_manage_council(user, council) or is_assigned(user, dossier)


def can_write(user, dossier: Dossier, report: AdvisoryReport | None) -> bool:
    """An assigned advisory member, while the dossier waits for the council and the report is
    not submitted (submitted = frozen)."""
    return (
        dossier.state in WORKING_STATES
        and (report is None or not report.is_submitted)
        and is_assigned(user, dossier)
    )


def can_reopen(user, report: AdvisoryReport) -> bool:
    return (
        report.is_submitted
        and report.dossier.state in WORKING_STATES
        and seats.can_manage_council(user, report.council)
    )


def agenda_items_of(dossier: Dossier, council: Council) -> list[AgendaItem]:
    return list(
        db.session.scalars(
            select(AgendaItem)
            .join(AgendaItem.session)
            .where(AgendaItem.dossier_id == dossier.id, CouncilSession.council_id == council.id)
        )
    )


def can_read_report(user, report: AdvisoryReport | None) -> bool:
    """The submitted report beside the dossier: the secretariat and the assigned advisers; the
    chair unless conflicted on the dossier; a scoring member once cleared for it (declared no
    conflict on an agenda item of it). Drafts only to those who write or manage them."""
    if report is None:
        return False
    if can_view_file(user, report.dossier, report.council):
        return True
    if not report.is_submitted:
        return False
    items = agenda_items_of(report.dossier, report.council)
    if seats.is_chair(user, report.council):
        return not any(seats.is_conflicted(user, item) for item in items)
    return any(seats.cleared_seat(user, item) is not None for item in items)
