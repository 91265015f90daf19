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
from evalapp.rules import EXCLUSION_CODE, CriteriaSheet, load_rulebook, score_sheet
from evalapp.scoring import services
from evalapp.scoring.models import SheetState


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


class SheetFigures:
    """The figures the dashboard needs of signed sheets, without scoring each of them on every
    view (1,500 sheets in a 150-dossier session): the total written when the sheet was signed
    (`services.sign_sheet`; signed sheets never change), and whether it knocks the product out,
    scored only when one of its choices is a knock-out level or the exclusion line (a sheet
    choosing none has no knock-out, whatever its stops and conditions). Criteria sheets are read
    once per version for the whole page."""

    def __init__(self) -> None:
        self.criteria: dict[tuple, CriteriaSheet] = {}
        self.knockout_levels: dict[int, dict[str, frozenset[str]]] = {}

    def criteria_of(self, item: AgendaItem) -> CriteriaSheet:
        dossier = item.dossier
        key = (dossier.round.rulebook_code, dossier.sheet_code, dossier.sheet_version_id)
        if key not in self.criteria:
            self.criteria[key] = services.criteria_sheet(item)
        return self.criteria[key]

    def total(self, criteria: CriteriaSheet, sheet) -> Decimal:
        if sheet.total is not None:
            return sheet.total
        return score_sheet(criteria, sheet.choices).total

    def knocks_out(self, criteria: CriteriaSheet, sheet) -> bool:
        levels = self.knockout_levels.get(id(criteria))
        if levels is None:
            levels = self.knockout_levels[id(criteria)] = knockout_levels(criteria)
        choices = sheet.choices or {}
        if EXCLUSION_CODE not in choices and not any(
            str(choices.get(code)) in codes for code, codes in levels.items()
        ):
            return False
        return bool(score_sheet(criteria, choices).knockouts)


def knockout_levels(criteria: CriteriaSheet) -> dict[str, frozenset[str]]:
    """Per leaf criterion that has any, the codes of its levels that knock the product out."""
    levels = {}
    for leaf in criteria.leaves:
        codes = frozenset(lv.code for lv in leaf.levels if leaf.level(lv.code).knockout)
        if codes:
            levels[leaf.code] = codes
    return levels


def progress_of(item: AgendaItem, sheets: list, figures: SheetFigures) -> DossierProgress:
    expected = expected_ids(item)
    signed = [s for s in sheets if s.state is SheetState.SIGNED and s.member_id in expected]
    quorum = quorum_for(item)
    try:
        criteria = figures.criteria_of(item)
    except services.ScoringError:
        return DossierProgress(item, len(signed), len(expected), quorum, knockouts=0)
    knockouts = sum(1 for sheet in signed if figures.knocks_out(criteria, sheet))
    progress = DossierProgress(item, len(signed), len(expected), quorum, knockouts)
    if not expected or len(signed) < len(expected) or not quorum.met:
        return progress
    # Only the spread is shown here: the full result (with its leave-one-out robustness check)
    # is for the result page, and computing it for every dossier would dominate this page.
    limit = load_rulebook(item.dossier.round.rulebook_code).council.max_spread
    totals = [figures.total(criteria, sheet) for sheet in signed]
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


def todo_of(member: CouncilMember, agenda: list[AgendaItem], seen: SessionFacts) -> MemberTodo:
    todo = MemberTodo(member)
    for item in agenda:
        if not seen.takes_part(item, member):  # absent from the meeting (none is, in writing)
            continue
        declaration = seen.declarations[item.id].get(member.id)
        if declaration is None:
            todo.to_declare.append(item)
        elif not declaration.has_conflict and member.id not in seen.signed[item.id]:
            todo.to_sign.append(item)
    return todo


class SessionFacts:
    """Who is present, each dossier's declarations by member and who signed its current round,
    read once for the page rather than once per member and dossier (10 × 150 in a large
    session). `takes_part` is `AgendaItem.takes_part` on these sets."""

    def __init__(self, session: CouncilSession, sheets_by_item: dict[int, list]) -> None:
        self.present = {a.member_id for a in session.attendance if a.present}
        self.in_writing = {item.id for item in session.agenda if item.in_writing}
        self.declarations = {
            item.id: {d.member_id: d for d in item.declarations} for item in session.agenda
        }
        self.signed = {
            item_id: {s.member_id for s in sheets if s.state is SheetState.SIGNED}
            for item_id, sheets in sheets_by_item.items()
        }

    def takes_part(self, item: AgendaItem, member: CouncilMember) -> bool:
        return item.id in self.in_writing or member.id in self.present


def session_dashboard(
    session: CouncilSession, sheets_by_item: dict[int, list]
) -> tuple[list[DossierProgress], list[MemberTodo]]:
    """`sheets_by_item`: per agenda item, its current round's sheets as
    `queries.current_round_sheets` gives them (member, state, total, choices)."""
    figures = SheetFigures()
    dossiers = [progress_of(item, sheets_by_item[item.id], figures) for item in session.agenda]
    seen, agenda = SessionFacts(session, sheets_by_item), list(session.agenda)
    members = [todo_of(m, agenda, seen) for m in session.council.scoring_members()]
    return dossiers, members


@unsigned_scorers.answer
def unsigned_scorers_of(item: AgendaItem) -> list[CouncilMember]:
    signed = {sheet.member_id for sheet in services.signed_sheets(item)}
    return [member for member in services.expected_scorers(item) if member.id not in signed]
