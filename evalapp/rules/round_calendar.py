"""The calendar of evaluation rounds: the cut-offs of Quyết định 26/2026/QĐ-TTg, Điều 5.

Điều 5.1 (province): "Đợt 01 trước ngày 30 tháng 6 đối với các hồ sơ được UBND cấp xã đề nghị
trước ngày 30 tháng 4; đợt 02 trước ngày 30 tháng 12 đối với các hồ sơ được UBND cấp xã đề nghị
trước ngày 30 tháng 10."
Điều 5.2 (ministry): "Đợt 01 trước ngày 30 tháng 9 đối với các hồ sơ được UBND cấp tỉnh đề nghị
trước ngày 30 tháng 7; đợt 02 trước ngày 30 tháng 3 đối với các hồ sơ được UBND cấp tỉnh đề nghị
trước ngày 30 tháng 01."

Boundary: "trước ngày 30 tháng 4" is read literally, "before the 30th": the 30th itself is NOT
in. A proposal made on 30/04 misses round 1 and goes to round 2; the last day of round 1's
proposals is 29/04 and its decision must be signed by 29/06. The text says "trước ngày" (before
the day), not "đến ngày" / "chậm nhất ngày" (up to / at the latest on the day), which is what
Vietnamese legal drafting writes when the day is included.

The ministry's round 2 crosses the year end: round 2 of year Y takes the proposals made from
30/07/Y to 29/01/Y+1 and is decided before 30/03/Y+1 (the second round after round 1 of Y; the
text lists it second). Both rounds may add rounds of their own (Điều 5.1–5.2, in the council's
regulation): these are the minimum cut-offs, not the only ones.

The dates themselves are data: each level's `rounds` in the rulebook's `rulebook.json` (with
`rounds_article` and the official words in `rounds_basis`); this module reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .loader import load_rulebook
from .model import EvaluationLevel


@dataclass(frozen=True)
class CutOff:
    """One Điều 5 round: proposals made before `proposal_before` are decided before
    `decision_before` (both days excluded)."""

    level: str
    year: int
    number: int
    proposal_before: date
    decision_before: date

    @property
    def last_proposal_day(self) -> date:
        return self.proposal_before - timedelta(days=1)

    @property
    def last_decision_day(self) -> date:
        return self.decision_before - timedelta(days=1)


def _level(rulebook_code: str, level_code: str) -> EvaluationLevel | None:
    try:
        rulebook = load_rulebook(rulebook_code)
    except LookupError:
        return None
    return next((level for level in rulebook.levels if level.code == level_code), None)


def has_calendar(rulebook_code: str, level_code: str) -> bool:
    level = _level(rulebook_code, level_code)
    return level is not None and bool(level.rounds)


def cut_offs_of_year(rulebook_code: str, level_code: str, year: int) -> list[CutOff]:
    """The Điều 5 rounds of `year` at `level_code`, in order (the level's `rounds` in the
    rulebook's data); empty when there is no calendar."""
    level = _level(rulebook_code, level_code)
    if level is None:
        return []
    return [
        CutOff(
            level=level_code,
            year=year,
            number=rule.number,
            proposal_before=date(year + rule.next_year, *rule.proposals_before),
            decision_before=date(year + rule.next_year, *rule.decided_before),
        )
        for rule in level.rounds
    ]


def cut_off_for(rulebook_code: str, level_code: str, day: date) -> CutOff | None:
    """The Điều 5 round a proposal made on `day` goes to: the first whose proposal cut-off is
    after `day` (a proposal on the cut-off day itself goes to the next round). None when the
    rulebook sets no calendar at that level."""
    for year in (day.year - 1, day.year, day.year + 1):
        for cut_off in cut_offs_of_year(rulebook_code, level_code, year):
            if day < cut_off.proposal_before:
                return cut_off
    return None


@dataclass(frozen=True)
class DeadlineWarning:
    """What a dossier not yet through faces: `kind` is "proposal" (still at the commune) or
    "decision" (proposed, not yet decided); `days_left` ≤ 0 means the cut-off is past."""

    kind: str
    cut_off: CutOff
    days_left: int

    @property
    def missed(self) -> bool:
        return self.days_left <= 0

    @property
    def deadline(self) -> date:
        return (
            self.cut_off.proposal_before
            if self.kind == "proposal"
            else self.cut_off.decision_before
        )


def deadline_warning(
    cut_off: CutOff, today: date, *, proposed: bool, within_days: int = 30
) -> DeadlineWarning | None:
    """The warning for a dossier of `cut_off`'s round on `today`, or None when its cut-off is more
    than `within_days` away. `days_left` counts the days still usable: on the last day before the
    cut-off (29/04 for "trước ngày 30/4") it is 1; on the cut-off day itself it is 0 (missed)."""
    kind = "decision" if proposed else "proposal"
    deadline = cut_off.decision_before if proposed else cut_off.proposal_before
    days_left = (deadline - today).days
    if days_left > within_days:
        return None
    return DeadlineWarning(kind, cut_off, days_left)
