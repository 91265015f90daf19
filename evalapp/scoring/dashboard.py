"""The secretary's view of a session: per dossier, sheets signed out of expected, quorum, spread
and knock-outs (counts, never who gave what); per member, what is still to do (names, never
figures). Everything is computed from what `queries.session_progress` loads in a fixed number of
queries, whatever the number of dossiers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _

from evalapp.common.i18n import format_number
from evalapp.councils.closing import unsigned_scorers
from evalapp.councils.models import AgendaItem, CouncilMember, CouncilSession
from evalapp.councils.services import Quorum, quorum_for
from evalapp.rules import load_rulebook, score_sheet
from evalapp.scoring import services
from evalapp.scoring.models import ScoreSheet


@dataclass(frozen=True)
class DossierProgress:
    item: AgendaItem
    signed: int
    expected: int
    quorum: Quorum
    knockouts: int
    spread: Decimal | None = None  # once every expected sheet is signed and the quorum holds
    limit: Decimal = Decimal(10)
    needs_rescoring: bool = False

    @property
    def complete(self) -> bool:
        return self.spread is not None

    def spread_line(self) -> str:
        if self.spread is None:
            return _("Chưa đủ phiếu")
        values = {"spread": format_number(self.spread), "limit": format_number(self.limit)}
        if self.needs_rescoring:
            return _("Chênh lệch %(spread)s > %(limit)s: cần chấm lại", **values)
        return _("Chênh lệch %(spread)s ≤ %(limit)s: đạt yêu cầu", **values)


@dataclass
class MemberTodo:
    member: CouncilMember
    to_declare: list[AgendaItem] = field(default_factory=list)
    to_sign: list[AgendaItem] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return not self.to_declare and not self.to_sign


def expected_ids(item: AgendaItem) -> set[int]:
    return {member.id for member in services.expected_scorers(item)}


def progress_of(item: AgendaItem, sheets: list[ScoreSheet]) -> DossierProgress:
    expected = expected_ids(item)
    signed = [s for s in sheets if s.is_signed and s.member_id in expected]
    quorum = quorum_for(item)
    try:
        criteria = services.criteria_sheet(item)
    except services.ScoringError:
        return DossierProgress(item, len(signed), len(expected), quorum, knockouts=0)
    scores = [score_sheet(criteria, s.choices) for s in signed]
    knockouts = sum(1 for score in scores if score.knockouts)
    progress = DossierProgress(item, len(signed), len(expected), quorum, knockouts)
    if not expected or len(signed) < len(expected) or not quorum.met:
        return progress
    # Only the spread is shown here: the full result (with its leave-one-out robustness check)
    # is for the result page, and computing it for every dossier would dominate this page.
    limit = load_rulebook(item.dossier.round.rulebook_code).council.max_spread
    totals = [score.total for score in scores]
    spread = max(totals) - min(totals)
    return DossierProgress(
        item,
        len(signed),
        len(expected),
        quorum,
        knockouts,
        spread=spread,
        limit=limit,
        needs_rescoring=spread > limit,
    )


def todo_of(member: CouncilMember, session: CouncilSession, sheets_by_item) -> MemberTodo:
    todo = MemberTodo(member)
    for item in session.agenda:
        if not item.takes_part(member):  # absent from the meeting (no one is, in writing)
            continue
        declaration = item.declaration_of(member)
        if declaration is None:
            todo.to_declare.append(item)
        elif not declaration.has_conflict and not any(
            s.member_id == member.id and s.is_signed for s in sheets_by_item[item.id]
        ):
            todo.to_sign.append(item)
    return todo


def session_dashboard(
    session: CouncilSession, sheets_by_item: dict[int, list[ScoreSheet]]
) -> tuple[list[DossierProgress], list[MemberTodo]]:
    dossiers = [progress_of(item, sheets_by_item[item.id]) for item in session.agenda]
    members = [todo_of(m, session, sheets_by_item) for m in session.council.scoring_members()]
    return dossiers, members


@unsigned_scorers.answer
def unsigned_scorers_of(item: AgendaItem) -> list[CouncilMember]:
    signed = {sheet.member_id for sheet in services.signed_sheets(item)}
    return [member for member in services.expected_scorers(item) if member.id not in signed]
