"""Criteria sheets as plain values: parts, sections, criteria, levels and their rules.

Built by `loader.py` from the shipped JSON files (or an administrator's import). Points are
`Decimal`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from .values import Text


@dataclass(frozen=True)
class Level:
    """One answer a member can pick for a leaf criterion.

    `knockout`: choosing it excludes the product; `stop`: evaluation does not
    continue after this criterion. `case` names the case (3.2 a/b) it belongs to.
    `stars`: the star marker of the official option (26/2026: `***` → 3), the minimum
    to reach for that class. `generated`: not an option of the official text but made
    by the loader from it (the yes/no of a criterion without options, or a "Ghi chú"
    knock-out or stop rule turned into an answer the member can pick).
    """

    code: str
    text: Text
    points: Decimal
    knockout: bool = False
    stop: bool = False
    case: str | None = None
    stars: int | None = None
    generated: bool = False
    printed_points: Decimal | None = None


@dataclass(frozen=True)
class Case:
    """A named alternative inside a criterion (3.2: (a) a board, (b) a director)."""

    code: str
    name: Text


@dataclass(frozen=True)
class Condition:
    """The criterion is scored only if `criterion`'s chosen level has more than `above` points.

    `text`: the official words of the condition ("Chỉ áp dụng khi có câu chuyện sản phẩm")."""

    criterion: str
    above: Decimal = Decimal(0)
    text: Text | None = None


ANY_LEAF_ZERO = "any_leaf_zero"


@dataclass(frozen=True)
class NoteRule:
    """A knock-out or stop written as a note of the official sheet ("Ghi chú: Bị loại nếu …").

    On a leaf it is a judgement the member records (an answer of its own); on a section it
    fires by itself, `when` = ANY_LEAF_ZERO: "Nếu được 0 điểm tại một trong các chỉ tiêu trên,
    sẽ không đánh giá các bước tiếp theo" (26/2026 sheet 16, section 6)."""

    kind: str
    text: Text
    when: str | None = None


@dataclass(frozen=True)
class Criterion:
    """A node of the sheet tree: either a section with `children` or a leaf with `levels`."""

    code: str
    name: Text
    part: str
    children: tuple[Criterion, ...] = ()
    levels: tuple[Level, ...] = ()
    cases: tuple[Case, ...] = ()
    condition: Condition | None = None
    note: Text | None = None
    stated_points: Decimal | None = None
    rules: tuple[NoteRule, ...] = ()
    yes_no: bool = False

    @property
    def is_leaf(self) -> bool:
        return not self.children

    @property
    def max_points(self) -> Decimal:
        """A leaf's best level (over all cases); a section's sum of its children."""
        if self.children:
            return sum((child.max_points for child in self.children), Decimal(0))
        return max((level.points for level in self.levels), default=Decimal(0))

    def level(self, code: str) -> Level | None:
        return next((level for level in self.levels if level.code == code), None)

    def levels_of(self, case: str | None) -> tuple[Level, ...]:
        """The levels of one case (or the case-less levels when `case` is None)."""
        return tuple(level for level in self.levels if level.case == case)

    def walk(self, depth: int = 0):
        """Yield `(depth, node)` for this node and its descendants, in sheet order."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


@dataclass(frozen=True)
class SheetPart:
    code: str
    criteria: tuple[Criterion, ...]
    stated_points: Decimal | None = None

    @property
    def max_points(self) -> Decimal:
        return sum((node.max_points for node in self.criteria), Decimal(0))


EXCLUSION_CODE = "HS"
"""The code under which a member records the sheet's exclusion line ("Hồ sơ bị loại khi …")."""

EXCLUSION_LEVEL = "loai"


@dataclass(frozen=True)
class CriteriaSheet:
    """A criteria sheet (phiếu đánh giá) of one rulebook, for one or more subgroups.

    `exclusion`: the line "Hồ sơ bị loại khi: …" of the 26/2026 sheets; a member who finds it
    met records it like a knock-out, under `EXCLUSION_CODE`. `number`: the sheet's number in
    the decision's annex (26/2026 Phụ lục II: 1–26)."""

    code: str
    rulebook: str
    name: Text
    version: str
    subgroups: tuple[str, ...]
    parts: tuple[SheetPart, ...]
    exclusion: Text | None = None
    number: int | None = None
    product: Text | None = None
    star_note: Text | None = None

    def walk(self):
        """Yield `(depth, criterion)` for every node in sheet order (for building forms)."""
        for part in self.parts:
            for node in part.criteria:
                yield from node.walk()

    @cached_property
    def leaves(self) -> tuple[Criterion, ...]:
        """The leaf criteria in sheet order: one form field, one choice each."""
        return tuple(node for _, node in self.walk() if node.is_leaf)

    @cached_property
    def _index(self) -> dict[str, Criterion]:
        index = {node.code: node for _, node in self.walk()}
        if self.exclusion is not None:
            index[EXCLUSION_CODE] = self.exclusion_criterion
        return index

    @cached_property
    def exclusion_criterion(self) -> Criterion | None:
        """The exclusion line as a pseudo-criterion outside the parts (never scored, no points),
        so that a finding on it is named and decided like any knock-out."""
        if self.exclusion is None:
            return None
        level = Level(EXCLUSION_LEVEL, self.exclusion, Decimal(0), knockout=True, generated=True)
        return Criterion(EXCLUSION_CODE, self.exclusion, part="", levels=(level,))

    def criterion(self, code: str) -> Criterion | None:
        """A node by code; `EXCLUSION_CODE` names the exclusion line when the sheet has one."""
        return self._index.get(code)

    @cached_property
    def zero_stops(self) -> dict[str, Criterion]:
        """Last leaf code → the section whose stop rule fires when any of its leaves scores 0."""
        sections = (
            node
            for _, node in self.walk()
            if node.children and any(rule.when == ANY_LEAF_ZERO for rule in node.rules)
        )
        return {self.leaves_under(s.code)[-1].code: s for s in sections}

    @cached_property
    def star_minima(self) -> tuple[MinimumCondition, ...]:
        """The starred options as minimum conditions: N★ needs at least the points of the option
        marked N★ on that criterion (the lowest such option when several carry the mark)."""
        found: dict[tuple[str, int], Decimal] = {}
        for leaf in self.leaves:
            for level in leaf.levels:
                if level.stars is not None:
                    key = (leaf.code, level.stars)
                    found[key] = min(found.get(key, level.points), level.points)
        return tuple(
            MinimumCondition(stars, code, points, (self.code,), starred=True)
            for (code, stars), points in found.items()
        )

    def leaves_under(self, code: str) -> tuple[Criterion, ...]:
        node = self.criterion(code)
        return () if node is None else tuple(n for _, n in node.walk() if n.is_leaf)

    def part(self, code: str) -> SheetPart | None:
        return next((part for part in self.parts if part.code == code), None)


@dataclass(frozen=True)
class MinimumCondition:
    """`stars` needs at least `min_points` on `criterion` (on the members' average).

    `sheets` limits the condition to some sheet codes; empty means every sheet.
    `starred`: the condition is a starred option of the sheet (26/2026), not a rulebook list.
    """

    stars: int
    criterion: str
    min_points: Decimal
    sheets: tuple[str, ...] = ()
    note: Text | None = None
    starred: bool = False

    def applies_to(self, sheet_code: str) -> bool:
        return not self.sheets or sheet_code in self.sheets
