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
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# (round number, proposal month, decision month, decision in the next year) by level, with the
# rulebooks that have such a calendar. Every cut-off is "trước ngày 30" of its month.
CUT_OFF_DAY = 30
CALENDARS: dict[str, dict[str, tuple[tuple[int, int, int, bool], ...]]] = {
    "26-2026": {
        # Điều 5.1: the provincial People's Committee, on the commune's proposals.
        "province": ((1, 4, 6, False), (2, 10, 12, False)),
        # Điều 5.2: the ministry, on the province's proposals; round 2 in the next year.
        "central": ((1, 7, 9, False), (2, 1, 3, True)),
    },
}


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


def has_calendar(rulebook_code: str, level_code: str) -> bool:
    return level_code in CALENDARS.get(rulebook_code, {})


def cut_offs_of_year(rulebook_code: str, level_code: str, year: int) -> list[CutOff]:
    """The Điều 5 rounds of `year` at `level_code`, in order; empty when there is no calendar."""
    rounds = CALENDARS.get(rulebook_code, {}).get(level_code, ())
    return [
        CutOff(
            level=level_code,
            year=year,
            number=number,
            proposal_before=date(year + next_year, proposal_month, CUT_OFF_DAY),
            decision_before=date(year + next_year, decision_month, CUT_OFF_DAY),
        )
        for number, proposal_month, decision_month, next_year in rounds
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
