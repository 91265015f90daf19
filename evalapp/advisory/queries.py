"""Reads for the advisory group's pages: the workload of each adviser, an adviser's queue, one
dossier's file, what the producer sees. Each list loads in a fixed number of queries."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from evalapp.advisory.models import (
    AdvisoryAssignment,
    AdvisoryReport,
    LabTestRequest,
    ReportState,
    SiteVisit,
    SupplementRequest,
)
from evalapp.councils.models import Council, CouncilMember, Position
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.dossiers.rules import checklist_items
from evalapp.extensions import db
from evalapp.rules.advisory import site_visit_required


@dataclass(frozen=True)
class FileCounts:
    unreviewed: int
    visits: int
    pending_lab_tests: int


def file_counts(dossier: Dossier, report: AdvisoryReport | None) -> FileCounts:
    reviewed = set((report.document_findings or {}) if report else {})
    visits = db.session.scalar(
        select(func.count(SiteVisit.id)).where(SiteVisit.dossier_id == dossier.id)
    )
    pending = db.session.scalar(
        select(func.count(LabTestRequest.id)).where(
            LabTestRequest.dossier_id == dossier.id, LabTestRequest.result_recorded_at.is_(None)
        )
    )
    unreviewed = sum(1 for item in checklist_items(dossier) if item.code not in reviewed)
    return FileCounts(unreviewed, visits or 0, pending or 0)


def site_visits(dossier: Dossier) -> list[SiteVisit]:
    return list(
        db.session.scalars(
            select(SiteVisit)
            .where(SiteVisit.dossier_id == dossier.id)
            .options(selectinload(SiteVisit.photos))
            .order_by(SiteVisit.visited_on, SiteVisit.id)
        )
    )


def lab_tests(dossier: Dossier) -> list[LabTestRequest]:
    return list(
        db.session.scalars(
            select(LabTestRequest)
            .where(LabTestRequest.dossier_id == dossier.id)
            .order_by(LabTestRequest.id)
        )
    )


def supplement_requests(dossier: Dossier) -> list[SupplementRequest]:
    return list(
        db.session.scalars(
            select(SupplementRequest)
            .where(SupplementRequest.dossier_id == dossier.id)
            .order_by(SupplementRequest.id)
        )
    )


def assignees(dossier: Dossier) -> list[CouncilMember]:
    return list(
        db.session.scalars(
            select(CouncilMember)
            .join(AdvisoryAssignment, AdvisoryAssignment.member_id == CouncilMember.id)
            .where(AdvisoryAssignment.dossier_id == dossier.id)
            .order_by(CouncilMember.number)
        )
    )


# --- the secretariat's page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Workload:
    member: CouncilMember
    assigned: int
    visits: int
    pending_lab_tests: int
    submitted: int


@dataclass(frozen=True)
class Assigned:
    member: CouncilMember
    assignment_id: int


@dataclass(frozen=True)
class DossierRow:
    dossier: Dossier
    assignees: list[Assigned]
    report_state: ReportState | None


def advisory_seats(council: Council) -> list[CouncilMember]:
    return [m for m in council.members if m.position is Position.ADVISORY]


def assignable_dossiers(council: Council) -> list[Dossier]:
    """The round's dossiers accepted at the council's unit, waiting for the council or past it."""
    return list(
        db.session.scalars(
            select(Dossier)
            .where(
                Dossier.round_id == council.round_id,
                Dossier.current_unit_id == council.round.unit_id,
                Dossier.state.in_(
                    [DossierState.ACCEPTED, DossierState.EVALUATED, DossierState.PUBLISHED]
                ),
            )
            .options(selectinload(Dossier.product), selectinload(Dossier.organisation))
            .order_by(Dossier.receipt_code, Dossier.id)
        )
    )


def assignments_of(dossier_ids: list[int]) -> list[AdvisoryAssignment]:
    if not dossier_ids:
        return []
    return list(
        db.session.scalars(
            select(AdvisoryAssignment).where(AdvisoryAssignment.dossier_id.in_(dossier_ids))
        )
    )


def report_states(dossier_ids: list[int]) -> dict[int, ReportState]:
    if not dossier_ids:
        return {}
    rows = db.session.execute(
        select(AdvisoryReport.dossier_id, AdvisoryReport.state).where(
            AdvisoryReport.dossier_id.in_(dossier_ids)
        )
    )
    return {dossier_id: state for dossier_id, state in rows}


def counts_by_dossier(model, dossier_ids: list[int], *conditions) -> Counter:
    if not dossier_ids:
        return Counter()
    rows = db.session.execute(
        select(model.dossier_id, func.count(model.id))
        .where(model.dossier_id.in_(dossier_ids), *conditions)
        .group_by(model.dossier_id)
    )
    return Counter({dossier_id: count for dossier_id, count in rows})


def council_overview(council: Council) -> tuple[list[DossierRow], list[Workload]]:
    """Every assignable dossier with its advisers and report state, and each adviser's
    workload: dossiers assigned, site visits recorded, lab tests pending, reports submitted
    (counted on the dossiers assigned to them)."""
    dossiers = assignable_dossiers(council)
    ids = [d.id for d in dossiers]
    seats = {m.id: m for m in advisory_seats(council)}
    assignments = assignments_of(ids)
    states = report_states(ids)
    visits = counts_by_dossier(SiteVisit, ids)
    pending = counts_by_dossier(LabTestRequest, ids, LabTestRequest.result_recorded_at.is_(None))
    by_dossier: dict[int, list[Assigned]] = {}
    by_member: dict[int, list[int]] = {member_id: [] for member_id in seats}
    for a in assignments:
        if a.member_id in seats:
            by_dossier.setdefault(a.dossier_id, []).append(Assigned(seats[a.member_id], a.id))
            by_member[a.member_id].append(a.dossier_id)
    rows = [DossierRow(d, by_dossier.get(d.id, []), states.get(d.id)) for d in dossiers]
    workload = [
        Workload(
            member=seats[member_id],
            assigned=len(mine),
            visits=sum(visits[d] for d in mine),
            pending_lab_tests=sum(pending[d] for d in mine),
            submitted=sum(1 for d in mine if states.get(d) is ReportState.SUBMITTED),
        )
        for member_id, mine in by_member.items()
    ]
    return rows, workload


# --- the adviser's queue ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    dossier: Dossier
    council: Council
    report_state: ReportState | None
    unreviewed: int
    visits: int
    visit_required: bool
    pending_lab_tests: int

    @property
    def to_report(self) -> bool:
        """The adviser's report on this dossier is not yet sent to the chair."""
        return self.report_state is not ReportState.SUBMITTED

    @property
    def to_do(self) -> list[str]:
        from evalapp.advisory.services import GAP_MESSAGES

        if self.report_state is ReportState.SUBMITTED:
            return []
        left = []
        if self.unreviewed:
            left.append("documents")
        if self.visit_required and not self.visits:
            left.append("site_visit")
        if self.pending_lab_tests:
            left.append("lab_tests")
        return [str(GAP_MESSAGES[code]) for code in left]


def queue_of(user) -> list[QueueRow]:
    """The dossiers assigned to `user`'s advisory seats, newest round first."""
    assignments = list(
        db.session.scalars(
            select(AdvisoryAssignment)
            .join(AdvisoryAssignment.member)
            .where(CouncilMember.user_id == user.id, CouncilMember.position == Position.ADVISORY)
            .options(
                selectinload(AdvisoryAssignment.dossier).selectinload(Dossier.product),
                selectinload(AdvisoryAssignment.dossier).selectinload(Dossier.organisation),
                selectinload(AdvisoryAssignment.dossier).selectinload(Dossier.round),
                selectinload(AdvisoryAssignment.member).selectinload(CouncilMember.council),
            )
            .order_by(AdvisoryAssignment.assigned_at.desc(), AdvisoryAssignment.id.desc())
        )
    )
    ids = [a.dossier_id for a in assignments]
    reports = (
        {
            r.dossier_id: r
            for r in db.session.scalars(
                select(AdvisoryReport).where(AdvisoryReport.dossier_id.in_(ids))
            )
        }
        if ids
        else {}
    )
    visits = counts_by_dossier(SiteVisit, ids)
    pending = counts_by_dossier(LabTestRequest, ids, LabTestRequest.result_recorded_at.is_(None))
    rows = []
    for a in assignments:
        report = reports.get(a.dossier_id)
        reviewed = set(report.document_findings or {}) if report else set()
        items = checklist_items(a.dossier)
        rows.append(
            QueueRow(
                dossier=a.dossier,
                council=a.member.council,
                report_state=report.state if report else None,
                unreviewed=sum(1 for item in items if item.code not in reviewed),
                visits=visits[a.dossier_id],
                visit_required=site_visit_required(a.dossier.registration_type.value),
                pending_lab_tests=pending[a.dossier_id],
            )
        )
    return rows


# --- the producer's view ---------------------------------------------------------------------------


def open_requests_for_producer(
    dossier: Dossier,
) -> tuple[list[LabTestRequest], list[SupplementRequest]]:
    """What the advisory group asked the producer for: the lab tests still without a result and
    every supplement request (the report itself is never shown to the producer)."""
    pending = [r for r in lab_tests(dossier) if r.is_pending]
    return pending, supplement_requests(dossier)


def submitted_report_for(user, dossier: Dossier) -> AdvisoryReport | None:
    """The submitted report `user` may read beside the dossier (`permissions.can_read_report`)."""
    from evalapp.advisory.permissions import can_read_report

    report = db.session.scalar(
        select(AdvisoryReport).where(AdvisoryReport.dossier_id == dossier.id)
    )
    if report is None or not report.is_submitted:
        return None
    return report if can_read_report(user, report) else None
