"""The one path from signed sheets to a dossier's live result, for every page, document and job.

A result exists once every expected member (a present scoring member who declared no conflict)
has signed a sheet in the dossier's current scoring round and the quorum holds
(`counted_sheets`); the rules core then computes it: `aggregate` for the pages (statistics, the
leave-one-out check), `classify_sheets` for the minutes (the same score and class, faster).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from evalapp.councils.models import AgendaItem
from evalapp.councils.services import quorum_for
from evalapp.results import freezing
from evalapp.rules import (
    CriteriaSheet,
    ProductResult,
    Rulebook,
    Verdict,
    aggregate,
    classify_sheets,
    load_rulebook,
    score_sheet,
)
from evalapp.scoring import services as scoring
from evalapp.scoring.models import ScoreSheet


@dataclass
class LiveResult:
    """The rules core's result of an agenda item from its signed sheets, with the sheets it was
    computed from (`(sheet_id, member_number, SheetScore)`), or `product=None` with the count."""

    criteria: CriteriaSheet
    rulebook: Rulebook
    signed: int
    expected: int
    product: ProductResult | None = None
    sheets: list[tuple[int, int, Any]] = field(default_factory=list)

    def figures(self) -> dict[str, Any] | None:
        if self.product is None:
            return None
        return freezing.figures(self.product, self.criteria, self.rulebook, self.sheets)


def counted_sheets(item: AgendaItem, signed: Iterable[ScoreSheet]) -> list[ScoreSheet] | None:
    """The signed sheets of the current round that count, when they make a result: every
    expected member signed and the quorum holds (else None). `signed` may hold other rounds'
    or other members' sheets (the minutes load a whole session's at once)."""
    expected = {m.id for m in scoring.expected_scorers(item)}
    counted = [
        s
        for s in signed
        if s.member_id in expected and s.scoring_round == item.scoring_round and s.is_signed
    ]
    if not expected or len(counted) < len(expected) or not quorum_for(item).met:
        return None
    return counted


def live_result(item: AgendaItem, dismissed: Iterable[str] = ()) -> LiveResult:
    """The dossier's result with its statistics, or how many of the expected sheets are signed.
    `dismissed` are the knock-outs or stops the council set aside."""
    expected = {m.id for m in scoring.expected_scorers(item)}
    signed = [s for s in scoring.signed_sheets(item) if s.member_id in expected]
    criteria = scoring.criteria_sheet(item)
    rulebook = load_rulebook(item.dossier.round.rulebook_code)
    live = LiveResult(criteria, rulebook, len(signed), len(expected))
    counted = counted_sheets(item, signed)
    if counted is None:
        return live
    live.sheets = [(s.id, s.member.number, score_sheet(criteria, s.choices)) for s in counted]
    live.product = aggregate(rulebook, criteria, [score for *_, score in live.sheets], dismissed)
    return live


def provisional_figures(item: AgendaItem, signed: Iterable[Any]) -> dict[str, Any] | None:
    """What a list of dossiers shows of a live result, from `signed` (the item's signed sheets
    as `queries.signed_choices` loads them): the score and class exactly as `aggregate` gives
    them (its core, `classify_sheets`) and whether the spread calls for re-scoring; None while
    sheets are missing. No statistics, no leave-one-out (the result's own page has them)."""
    counted = counted_sheets(item, signed)
    if counted is None:
        return None
    criteria = scoring.criteria_sheet(item)
    rulebook = load_rulebook(item.dossier.round.rulebook_code)
    score, outcome, stars, rescoring = _provisional(
        criteria, rulebook, [s.choices for s in counted]
    )
    return {
        "score": score,
        "outcome": outcome,
        "stars": stars,
        "statistics": {"needs_rescoring": rescoring},
    }


# A list shown again (the secretariat refreshing a 150-dossier session while members sign) scores
# only the dossiers whose signed sheets changed: the figures of the same choices on the same
# parsed sheet and rulebook are kept per process, keyed by a digest of the choices (about 200
# bytes an entry; emptied when the bound is reached). Signed sheets never change.
_PROVISIONAL_LIMIT = 20_000
_provisional_kept: dict[tuple, tuple] = {}


def _provisional(criteria: CriteriaSheet, rulebook: Rulebook, choices: list) -> tuple:
    text = json.dumps(choices, sort_keys=True, ensure_ascii=False).encode()
    key = (id(criteria), id(rulebook), hashlib.blake2b(text, digest_size=20).digest())
    kept = _provisional_kept.get(key)
    if kept is not None and kept[0] is criteria and kept[1] is rulebook:
        return kept[2]
    scores = [score_sheet(criteria, chosen) for chosen in choices]
    verdict = classify_sheets(rulebook, criteria, scores)
    totals = [score.total for score in scores]
    figures = (
        verdict.score,
        verdict.classification.outcome.value,
        verdict.classification.stars,
        max(totals) - min(totals) > rulebook.council.max_spread,
    )
    if len(_provisional_kept) >= _PROVISIONAL_LIMIT:
        _provisional_kept.clear()
    _provisional_kept[key] = (criteria, rulebook, figures)
    return figures


def live_verdict(
    item: AgendaItem, signed: Iterable[ScoreSheet]
) -> tuple[CriteriaSheet, Verdict] | None:
    """The minutes' fast path: the score, part averages and class of the counted sheets among
    `signed` (no statistics, no leave-one-out), or None while there is no result."""
    counted = counted_sheets(item, signed)
    if not counted or not item.dossier.sheet_code:
        return None
    rulebook = load_rulebook(item.dossier.round.rulebook_code)
    criteria = scoring.criteria_sheet(item)
    scores = [score_sheet(criteria, sheet.choices) for sheet in counted]
    return criteria, classify_sheets(rulebook, criteria, scores)
