"""One council member's sheet: choices in, points out.

Rules applied, in sheet order:
- a leaf scores the points of its chosen level; an unanswered leaf that must be
  answered is *missing* (the sheet cannot be signed) and counts 0;
- after a level flagged `stop`, the following leaves are *after_stop*: not
  required, count 0; a section whose stop rule fires on any 0 (26/2026 sheet 16, 6) stops
  likewise after its last leaf, the section being the stop;
- a leaf whose condition does not hold (5.2/5.3 when 5.1 scores 0, or 5.1 is not
  answered yet) is *skipped*: not required, counts 0;
- a choice given for an after-stop or skipped leaf is *ignored* (reported, not an
  error: the member may have chosen it before changing 5.1; the form can clear it);
- a choice for an unknown criterion, a section, or an unknown level is an *error*;
- the sheet's exclusion line (26/2026 "Hồ sơ bị loại khi …"), chosen under
  `EXCLUSION_CODE` with `EXCLUSION_LEVEL`, is a knock-out ahead of every criterion's.
Sheets are validated, so a part total never exceeds its maximum.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from .model import EXCLUSION_CODE, EXCLUSION_LEVEL, CriteriaSheet, Criterion


class ChoiceErrorKind(StrEnum):
    UNKNOWN_CRITERION = "unknown_criterion"
    UNKNOWN_LEVEL = "unknown_level"


@dataclass(frozen=True)
class ChoiceError:
    kind: ChoiceErrorKind
    criterion: str
    level: str
    message_vi: str
    message_en: str


@dataclass(frozen=True)
class SheetScore:
    """The outcome of one member's sheet. Mappings are read-only, keyed by criterion code."""

    sheet: str
    total: Decimal
    parts: Mapping[str, Decimal]
    points: Mapping[str, Decimal]
    choices: Mapping[str, str]
    missing: tuple[str, ...] = ()
    knockouts: tuple[str, ...] = ()
    stop: str | None = None
    after_stop: tuple[str, ...] = ()
    skipped: tuple[str, ...] = ()
    ignored: tuple[str, ...] = ()
    errors: tuple[ChoiceError, ...] = ()

    @property
    def is_complete(self) -> bool:
        """True when the sheet can be signed: every required leaf answered, no error."""
        return not self.missing and not self.errors


def _condition_holds(sheet: CriteriaSheet, criterion: Criterion, choices: Mapping) -> bool:
    condition = criterion.condition
    if condition is None:
        return True
    target = sheet.criterion(condition.criterion)
    level = target.level(choices.get(condition.criterion)) if target else None
    return level is not None and level.points > condition.above


def _unknown_criteria(sheet: CriteriaSheet, choices: Mapping[str, str]) -> list[ChoiceError]:
    leaves = {leaf.code for leaf in sheet.leaves}
    if sheet.exclusion is not None:
        leaves.add(EXCLUSION_CODE)
    return [
        ChoiceError(
            ChoiceErrorKind.UNKNOWN_CRITERION,
            code,
            level,
            f"Tiêu chí {code} không có trong phiếu",
            f"Criterion {code} is not on the sheet",
        )
        for code, level in choices.items()
        if code not in leaves
    ]


def _unknown_level(code: str, level: str) -> ChoiceError:
    return ChoiceError(
        ChoiceErrorKind.UNKNOWN_LEVEL,
        code,
        level,
        f"Tiêu chí {code}: không có mức {level}",
        f"Criterion {code}: no level {level}",
    )


class _Tally:
    """Mutable accumulator for `score_sheet`, frozen into a `SheetScore` at the end."""

    def __init__(self, sheet: CriteriaSheet):
        self.sheet = sheet
        self.points: dict[str, Decimal] = {leaf.code: Decimal(0) for leaf in sheet.leaves}
        self.accepted: dict[str, str] = {}
        self.lists: dict[str, list] = {
            k: [] for k in ("missing", "knockouts", "after_stop", "skipped", "ignored", "errors")
        }
        self.stop: str | None = None

    def visit(self, leaf: Criterion, choices: Mapping[str, str]) -> None:
        chosen = choices.get(leaf.code)
        if self.stop is not None or not _condition_holds(self.sheet, leaf, choices):
            self.lists["after_stop" if self.stop else "skipped"].append(leaf.code)
            if chosen is not None:
                self.lists["ignored"].append(leaf.code)
        elif chosen is None:
            self.lists["missing"].append(leaf.code)
        elif (level := leaf.level(chosen)) is None:
            self.lists["errors"].append(_unknown_level(leaf.code, chosen))
        else:
            self.choose(leaf, level)

    def visit_exclusion(self, choices: Mapping[str, str]) -> None:
        chosen = choices.get(EXCLUSION_CODE)
        if chosen is None or self.sheet.exclusion is None:
            return
        if chosen != EXCLUSION_LEVEL:
            self.lists["errors"].append(_unknown_level(EXCLUSION_CODE, chosen))
            return
        self.accepted[EXCLUSION_CODE] = EXCLUSION_LEVEL
        self.lists["knockouts"].append(EXCLUSION_CODE)

    def choose(self, leaf: Criterion, level) -> None:
        self.points[leaf.code] = level.points
        self.accepted[leaf.code] = level.code
        if level.knockout:
            self.lists["knockouts"].append(leaf.code)
        if level.stop:
            self.stop = leaf.code

    def close_section(self, leaf: Criterion) -> None:
        """After a section's last leaf: its "0 điểm tại một trong các chỉ tiêu trên" stop fires
        when any of its answered leaves scored 0."""
        section = self.sheet.zero_stops.get(leaf.code)
        if section is None or self.stop is not None:
            return
        under = self.sheet.leaves_under(section.code)
        if any(n.code in self.accepted and self.points[n.code] == 0 for n in under):
            self.stop = section.code

    def result(self) -> SheetScore:
        parts = {part.code: Decimal(0) for part in self.sheet.parts}
        for leaf in self.sheet.leaves:
            parts[leaf.part] += self.points[leaf.code]
        return SheetScore(
            sheet=self.sheet.code,
            total=sum(parts.values(), Decimal(0)),
            parts=MappingProxyType(parts),
            points=MappingProxyType(self.points),
            choices=MappingProxyType(self.accepted),
            stop=self.stop,
            **{name: tuple(values) for name, values in self.lists.items()},
        )


def score_sheet(sheet: CriteriaSheet, choices: Mapping[str, str]) -> SheetScore:
    """Score one member's `choices` (leaf criterion code → level code) on `sheet`.

    Codes are compared as strings; a None or empty choice means unanswered.
    """
    choices = {str(k): str(v) for k, v in choices.items() if v is not None and v != ""}
    tally = _Tally(sheet)
    tally.lists["errors"].extend(_unknown_criteria(sheet, choices))
    tally.visit_exclusion(choices)
    for leaf in sheet.leaves:
        tally.visit(leaf, choices)
        tally.close_section(leaf)
    return tally.result()
