"""What the result pages show, as plain values: the figures of an agenda item (live before
finalisation, frozen after), a session's dossiers with their stage, the producer's gap report."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l

from evalapp.councils import seats
from evalapp.councils.models import AgendaItem, CouncilSession
from evalapp.dossiers.rules import missing_sheet
from evalapp.results import freezing, queries, services
from evalapp.results.live import LiveResult, live_result, provisional_figures
from evalapp.results.models import FinalResult
from evalapp.results.rescoring import disagreement
from evalapp.rules import (
    Classification,
    CriterionStats,
    GapReport,
    Outcome,
    ProductResult,
    SheetUnavailable,
    Text,
    class_recognised_at,
    forwarding,
    gap_report,
    load_rulebook,
)
from evalapp.scoring.services import ScoringError
from evalapp.sheets import library

STAGES = {
    "incomplete": (_l("Chưa đủ phiếu"), "secondary"),
    "rescoring": (_l("Cần chấm lại"), "danger"),
    "awaiting": (_l("Chờ chốt kết quả"), "warning"),
    "finalised": (_l("Đã chốt"), "primary"),
    "forwarded": (_l("Đã đề xuất lên cấp trên"), "info"),
    "published": (_l("Đã công bố"), "success"),
}


@dataclass
class ItemFigures:
    """An agenda item's result: `final` once finalised, else `live`; `figures` is None while
    sheets are missing (then `signed`/`expected` say how many)."""

    final: FinalResult | None
    figures: dict[str, Any] | None
    signed: int = 0
    expected: int = 0
    error: str = ""
    live: LiveResult | None = None

    @property
    def disagreement(self) -> dict | None:
        """Where members disagree most, while a live result's spread is over the limit (the
        chair then opens a re-scoring round); None otherwise."""
        product = self.live.product if self.live else None
        if product is None or not product.needs_rescoring:
            return None
        return disagreement(product)


def item_figures(item: AgendaItem) -> ItemFigures:
    return figures_for(item, services.current_result(item))


def figures_for(item: AgendaItem, final: FinalResult | None) -> ItemFigures:
    """The frozen figures of `final` (the item's current result), else the live ones."""
    if final is not None:
        return ItemFigures(final, freezing.figures_of_final(final))
    if missing := missing_sheet(item.dossier):
        return ItemFigures(None, None, error=missing)
    try:
        live = live_result(item)
    except ScoringError as error:
        return ItemFigures(None, None, error=str(error))
    return ItemFigures(None, live.figures(), live.signed, live.expected, live=live)


def stage_of(shown: ItemFigures, forwarded: bool) -> str:
    final = shown.final
    if final is not None:
        if final.is_published:
            return "published"
        return "forwarded" if forwarded else "finalised"
    if shown.figures is None:
        return "incomplete"
    return "rescoring" if shown.figures["statistics"]["needs_rescoring"] else "awaiting"


@dataclass
class SessionRow:
    item: AgendaItem
    stage: str
    figures: dict[str, Any] | None
    visible: bool
    stage_label: str

    @property
    def stage_badge(self) -> str:
        return STAGES[self.stage][1]


def session_rows(session: CouncilSession, user, can_view) -> list[SessionRow]:
    """One row per agenda dossier, in a fixed number of queries whatever the number of dossiers
    and members: the agenda, the finalised results, the forwardings, the conflict declarations
    and the signed sheets of the dossiers still live, each in one query. A live row shows the
    provisional score and class (`live.provisional_figures`); the class-changing sheets are on
    the result's own page."""
    finals = queries.current_results_of_session(session.id)
    forwarded = queries.forwarded_result_ids([r.id for r in finals.values()])
    agenda = queries.agenda_of_session(session.id)
    live = [item for item in agenda if item.id not in finals]
    # Who takes part and who is conflicted: needed for the live rows, and for every row when
    # the viewer is not the secretariat (a chair sees no figure of a dossier conflicted on).
    manages = seats.can_manage_council(user, session.council)
    queries.load_declarations(live if manages else agenda)
    signed = queries.signed_choices([item.id for item in live])
    labels = {stage: str(label) for stage, (label, _badge) in STAGES.items()}
    rows = []
    for item in agenda:
        final = finals.get(item.id)
        shown = listed_final(final) if final else listed_live(item, signed[item.id])
        is_forwarded = final is not None and final.id in forwarded
        visible = can_view(user, item, final)
        stage = stage_of(shown, is_forwarded)
        figures = shown.figures if visible else None
        rows.append(SessionRow(item, stage, figures, visible, labels[stage]))
    return rows


def listed_final(final: FinalResult) -> ItemFigures:
    """A finalised row: its frozen score and class (the columns the list loaded)."""
    figures = {"score": final.score, "outcome": final.outcome, "stars": final.stars}
    return ItemFigures(final, figures)


def listed_live(item: AgendaItem, signed) -> ItemFigures:
    if missing := missing_sheet(item.dossier):
        return ItemFigures(None, None, error=missing)
    try:
        return ItemFigures(None, provisional_figures(item, signed))
    except ScoringError as error:
        return ItemFigures(None, None, error=str(error))


# --- the producer's outcome ----------------------------------------------------------------------


def frozen_product(result: FinalResult) -> ProductResult:
    """The frozen figures as the rules core's result, for the gap report (nothing recomputed)."""
    stats = result.statistics
    criteria = tuple(
        CriterionStats(
            c["code"],
            c["part"],
            Decimal(c["maximum"]),
            Decimal(c["average"]),
            Decimal(c["spread"]),
            Decimal(c["low"]),
            Decimal(c["high"]),
        )
        for c in stats.get("criteria", [])
    )
    return ProductResult(
        rulebook=result.rulebook_code,
        sheet=result.sheet_code,
        member_count=result.member_count,
        totals=(),
        score=Decimal(result.score),
        part_scores={k: Decimal(v) for k, v in result.part_scores.items()},
        classification=Classification(Outcome(result.outcome), result.stars, None),
        earns_certificate=result.earns_certificate,
        spread=Decimal(stats.get("spread", "0")),
        needs_rescoring=False,
        median=Decimal(stats.get("median", "0")),
        stdev=Decimal(stats.get("stdev", "0")),
        farthest=(),
        criteria=criteria,
        class_changing_sheets=(),
    )


def outcome_gap(result: FinalResult) -> GapReport | None:
    """The gap report on the frozen figures; None for a result frozen without per-criterion
    figures (nothing to rank)."""
    if not result.statistics.get("criteria"):
        return None
    try:
        sheet = library.sheet_by_version_or_code(
            result.rulebook_code, result.sheet_code, result.sheet_version_id
        )
    except SheetUnavailable:  # its file is broken now: the page goes on without the gap
        return None
    return gap_report(sheet, frozen_product(result), load_rulebook(result.rulebook_code))


def criterion_names(result: FinalResult) -> dict[str, str]:
    return {c["code"]: c["name"] for c in result.statistics.get("criteria", [])}


def part_names(rulebook_code: str) -> dict[str, Any]:
    """Part code → its bilingual name (`|local` in templates)."""
    return {part.code: part.name for part in load_rulebook(rulebook_code).parts}


@dataclass(frozen=True)
class LevelProposal:
    """A result of a level that recognises no star class (a district under 1048/QĐ-TTg,
    `rules.class_recognised_at`): its council, and whether the product goes on to `to`."""

    council: Text
    to: Text | None
    minimum: Decimal | None
    proposed: bool


def proposal_without_class(result: FinalResult) -> LevelProposal | None:
    """None when the result's level recognises classes (the class is the outcome), else what
    that level decided instead of a class."""
    rulebook = load_rulebook(result.rulebook_code)
    if class_recognised_at(rulebook, result.level_code):
        return None
    excluded = result.outcome in {Outcome.EXCLUDED, Outcome.STOPPED}
    ahead = forwarding(rulebook, result.level_code, result.score, excluded=excluded)
    to = rulebook.level(ahead.to) if ahead.to else None
    return LevelProposal(
        rulebook.level(result.level_code).name,
        to.name if to else None,
        ahead.minimum,
        ahead.forwarded,
    )
