"""Checks that a criteria sheet is usable under its rulebook.

`validate_sheet` lists the problems; `check_sheet` raises `SheetInvalid` with them.
Each problem carries structured fields and a Vietnamese and an English message.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .model import CriteriaSheet, Criterion, Rulebook
from .numbers import format_points


class ProblemKind(StrEnum):
    WRONG_RULEBOOK = "wrong_rulebook"
    UNKNOWN_PART = "unknown_part"
    MISSING_PART = "missing_part"
    PART_TOTAL = "part_total"
    NO_LEVELS = "no_levels"
    MIXED_NODE = "mixed_node"
    NEGATIVE_POINTS = "negative_points"
    DUPLICATE_CODE = "duplicate_code"
    DUPLICATE_LEVEL = "duplicate_level"
    DANGLING_CONDITION = "dangling_condition"
    UNKNOWN_SUBGROUP = "unknown_subgroup"
    UNKNOWN_MINIMUM_CRITERION = "unknown_minimum_criterion"
    BAD_CODE = "bad_code"


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    message_vi: str
    message_en: str
    part: str | None = None
    criterion: str | None = None
    expected: str | Decimal | None = None
    actual: str | Decimal | None = None

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


class SheetInvalid(ValueError):
    """A sheet that fails validation; `problems` says why."""

    def __init__(self, sheet_code: str, problems: list[Problem]):
        self.sheet_code = sheet_code
        self.problems = problems
        details = "; ".join(problem.message_vi for problem in problems)
        super().__init__(f"Phiếu {sheet_code} không hợp lệ: {details}")


def _p(value: Decimal, lang: str) -> str:
    return format_points(value, lang)


def _part_problems(sheet: CriteriaSheet, rulebook: Rulebook) -> list[Problem]:
    problems = []
    for part in sheet.parts:
        spec = rulebook.part(part.code)
        if spec is None:
            problems.append(
                Problem(
                    ProblemKind.UNKNOWN_PART,
                    f"Phần {part.code}: không có trong bộ tiêu chí {rulebook.code}",
                    f"Part {part.code}: not in rulebook {rulebook.code}",
                    part=part.code,
                )
            )
        elif part.max_points != spec.maximum:
            problems.append(_part_total(part.code, spec.maximum, part.max_points))
    present = {part.code for part in sheet.parts}
    problems += [
        Problem(
            ProblemKind.MISSING_PART,
            f"Phần {spec.code}: thiếu trong phiếu",
            f"Part {spec.code}: missing from the sheet",
            part=spec.code,
        )
        for spec in rulebook.parts
        if spec.code not in present
    ]
    return problems


def _part_total(part: str, expected: Decimal, actual: Decimal) -> Problem:
    return Problem(
        ProblemKind.PART_TOTAL,
        f"Phần {part}: tổng điểm tối đa {_p(actual, 'vi')}, cần {_p(expected, 'vi')}",
        f"Part {part}: maximum total {_p(actual, 'en')}, expected {_p(expected, 'en')}",
        part=part,
        expected=expected,
        actual=actual,
    )


def _node_problems(node: Criterion) -> list[Problem]:
    where = {"part": node.part, "criterion": node.code}
    if node.children and node.levels:
        return [
            Problem(
                ProblemKind.MIXED_NODE,
                f"Tiêu chí {node.code}: vừa có tiêu chí con vừa có mức đánh giá",
                f"Criterion {node.code}: has both sub-criteria and levels",
                **where,
            )
        ]
    if node.is_leaf and not node.levels:
        return [
            Problem(
                ProblemKind.NO_LEVELS,
                f"Tiêu chí {node.code}: chưa có mức đánh giá nào",
                f"Criterion {node.code}: has no levels",
                **where,
            )
        ]
    problems = [
        Problem(
            ProblemKind.NEGATIVE_POINTS,
            f"Tiêu chí {node.code}: mức {lv.code} có điểm âm ({_p(lv.points, 'vi')})",
            f"Criterion {node.code}: level {lv.code} has negative points ({_p(lv.points, 'en')})",
            actual=lv.points,
            **where,
        )
        for lv in node.levels
        if lv.points < 0
    ]
    problems += [
        Problem(
            ProblemKind.DUPLICATE_LEVEL,
            f"Tiêu chí {node.code}: mã mức {code} bị trùng",
            f"Criterion {node.code}: level code {code} is used more than once",
            actual=code,
            **where,
        )
        for code, n in Counter(lv.code for lv in node.levels).items()
        if n > 1
    ]
    return problems


# What URLs and columns can hold: a sheet code is a path segment of /rulebooks/<code>/sheets/<code>
# and `sheet_code` String(60); criterion and option codes are `criterion_code` / `level_code`
# String(20) and form field names.
CODE_CHARACTERS = "A-Za-z0-9._-"
SHEET_CODE_MAX = 60
CRITERION_CODE_MAX = 20
LEVEL_CODE_MAX = 20


def _code_is_well_formed(code: str, longest: int) -> bool:
    return re.fullmatch(rf"[A-Za-z0-9][{CODE_CHARACTERS}]{{0,{longest - 1}}}", code) is not None


def _bad_code(what_vi: str, what_en: str, code: str, longest: int, **where) -> Problem:
    return Problem(
        ProblemKind.BAD_CODE,
        f"{what_vi} “{code}”: mã chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch "
        f"dưới, bắt đầu bằng chữ hoặc số, tối đa {longest} ký tự",
        f"{what_en} “{code}”: a code holds only unaccented letters, digits, dots, hyphens or "
        f"underscores, starts with a letter or digit, at most {longest} characters",
        actual=code,
        **where,
    )


def _code_problems(sheet: CriteriaSheet) -> list[Problem]:
    problems = []
    if not _code_is_well_formed(sheet.code, SHEET_CODE_MAX):
        problems.append(_bad_code("Mã phiếu", "Sheet code", sheet.code, SHEET_CODE_MAX))
    for _, node in sheet.walk():
        where = {"part": node.part, "criterion": node.code}
        if not _code_is_well_formed(node.code, CRITERION_CODE_MAX):
            problems.append(
                _bad_code("Mã tiêu chí", "Criterion code", node.code, CRITERION_CODE_MAX, **where)
            )
        problems += [
            _bad_code(
                f"Tiêu chí {node.code}: mã mức",
                f"Criterion {node.code}: level code",
                level.code,
                LEVEL_CODE_MAX,
                **where,
            )
            for level in node.levels
            if not _code_is_well_formed(level.code, LEVEL_CODE_MAX)
        ]
    return problems


def _duplicate_codes(sheet: CriteriaSheet) -> list[Problem]:
    counts = Counter(node.code for _, node in sheet.walk())
    return [
        Problem(
            ProblemKind.DUPLICATE_CODE,
            f"Mã tiêu chí {code} bị trùng",
            f"Criterion code {code} is used more than once",
            criterion=code,
        )
        for code, n in counts.items()
        if n > 1
    ]


def _condition_problems(sheet: CriteriaSheet) -> list[Problem]:
    problems = []
    for _, node in sheet.walk():
        target = node.condition and sheet.criterion(node.condition.criterion)
        if node.condition and (target is None or not target.is_leaf or target is node):
            ref = node.condition.criterion
            problems.append(
                Problem(
                    ProblemKind.DANGLING_CONDITION,
                    f"Tiêu chí {node.code}: điều kiện tham chiếu tiêu chí {ref} không tồn tại",
                    f"Criterion {node.code}: condition refers to unknown criterion {ref}",
                    part=node.part,
                    criterion=node.code,
                    actual=ref,
                )
            )
    return problems


def _reference_problems(sheet: CriteriaSheet, rulebook: Rulebook) -> list[Problem]:
    problems = [
        Problem(
            ProblemKind.UNKNOWN_SUBGROUP,
            f"Nhóm sản phẩm {code} không có trong bộ tiêu chí",
            f"Subgroup {code} is not in the rulebook",
            actual=code,
        )
        for code in sheet.subgroups
        if rulebook.subgroup(code) is None
    ]
    problems += [
        Problem(
            ProblemKind.UNKNOWN_MINIMUM_CRITERION,
            f"Điều kiện tối thiểu {c.stars} sao: tiêu chí {c.criterion} không có trong phiếu",
            f"Minimum condition for {c.stars} stars: criterion {c.criterion} is not on the sheet",
            criterion=c.criterion,
        )
        for c in rulebook.minimum_conditions
        if c.applies_to(sheet.code) and sheet.criterion(c.criterion) is None
    ]
    return problems


def validate_sheet(sheet: CriteriaSheet, rulebook: Rulebook) -> list[Problem]:
    """Every problem that keeps `sheet` from being used under `rulebook` (empty = valid)."""
    problems = []
    if sheet.rulebook != rulebook.code:
        problems.append(
            Problem(
                ProblemKind.WRONG_RULEBOOK,
                f"Phiếu thuộc bộ tiêu chí {sheet.rulebook}, không phải {rulebook.code}",
                f"The sheet belongs to rulebook {sheet.rulebook}, not {rulebook.code}",
                expected=rulebook.code,
                actual=sheet.rulebook,
            )
        )
    problems += _code_problems(sheet)
    problems += _duplicate_codes(sheet)
    for _, node in sheet.walk():
        problems += _node_problems(node)
    problems += _condition_problems(sheet)
    problems += _part_problems(sheet, rulebook)
    return problems + _reference_problems(sheet, rulebook)


def check_sheet(sheet: CriteriaSheet, rulebook: Rulebook) -> CriteriaSheet:
    """Return `sheet` if valid under `rulebook`, else raise `SheetInvalid`."""
    problems = validate_sheet(sheet, rulebook)
    if problems:
        raise SheetInvalid(sheet.code, problems)
    return sheet
