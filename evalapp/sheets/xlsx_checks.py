"""Checks of a criteria sheet workbook beyond its cells: the fields of "Thông tin", and the
rules core's verdict (`validate_sheet`) placed at the row of its criterion or part, or at the
"Thông tin" row it concerns.
"""

from __future__ import annotations

from evalapp.rules import Rulebook, format_points
from evalapp.rules.validation import Problem, ProblemKind

from .layout import INFO_FIELDS, INFO_SHEET
from .xlsx_reading import SHEET_CODE, SHEET_CODE_MAX, Problems

# --- the "Thông tin" fields -------------------------------------------------------------


def info_data(info: dict, rulebook: Rulebook, problems: Problems) -> dict:
    def value(key: str) -> str:
        return info[key][1] if key in info else ""

    def complain(key: str, vi: str, en: str) -> None:
        row = info[key][0] if key in info else 1 + [f.key for f in INFO_FIELDS].index(key) + 1
        problems.cell(row, "B", vi, en, INFO_SHEET)

    code = value("code")
    if not code:
        complain("code", "thiếu mã phiếu", "the sheet code is missing")
    elif not SHEET_CODE.fullmatch(code) or len(code) > SHEET_CODE_MAX:
        complain(
            "code",
            f"mã phiếu “{code}” không hợp lệ (chữ thường không dấu, số và gạch nối, tối đa {SHEET_CODE_MAX} ký tự)",
            f"sheet code “{code}” is not valid (lowercase letters, digits and hyphens, at most {SHEET_CODE_MAX} characters)",
        )
    if not value("rulebook"):
        complain("rulebook", "thiếu mã bộ tiêu chí", "the rulebook code is missing")
    if not value("name"):
        complain("name", "thiếu tên phiếu", "the sheet name is missing")
    data = {
        "code": code,
        "rulebook": value("rulebook") or rulebook.code,
        "version": value("version") or "1",
        "name": {"vi": value("name"), "en": info.get("name", (0, "", ""))[2]},
        "subgroups": [
            s.strip() for s in value("subgroups").replace(";", ",").split(",") if s.strip()
        ],
    }
    if number := value("number"):
        if number.isdigit() and int(number) > 0:
            data["number"] = int(number)
        else:
            complain(
                "number",
                "số phiếu phải là số nguyên dương",
                "the number must be a positive whole number",
            )
    for f in INFO_FIELDS:
        if f.bilingual and f.key != "name" and f.key in info and (info[f.key][1] or info[f.key][2]):
            if not info[f.key][1]:
                complain(f.key, "thiếu lời văn tiếng Việt", "the Vietnamese wording is missing")
            data[f.key] = {"vi": info[f.key][1], "en": info[f.key][2]}
    return data


# --- the rules core's verdict, placed -----------------------------------------------------


def place(problem: Problem, assembly, info: dict, problems: Problems) -> None:
    kind = problem.kind
    if kind == ProblemKind.PART_TOTAL:
        if problem.part in assembly.roots and any(
            r in problems.rows for r in rows_of_part(assembly, problem.part)
        ):
            return  # a cell of the part is already wrong: its sum means nothing yet
        gap = problem.expected - problem.actual
        word_vi, word_en = ("thiếu", "short by") if gap > 0 else ("thừa", "over by")
        vi = f"Phần {problem.part}: tổng điểm tối đa {format_points(problem.actual)}, {word_vi} {format_points(abs(gap))} so với {format_points(problem.expected)}"
        en = f"Part {problem.part}: maximum total {format_points(problem.actual, 'en')}, {word_en} {format_points(abs(gap), 'en')} against {format_points(problem.expected, 'en')}"
        row = assembly.part_rows.get(problem.part, (None,))[0] or min(
            rows_of_part(assembly, problem.part), default=None
        )
        problems.plain(vi, en, row, "points" if row else None)
    elif kind in (ProblemKind.WRONG_RULEBOOK, ProblemKind.UNKNOWN_SUBGROUP):
        key = "rulebook" if kind == ProblemKind.WRONG_RULEBOOK else "subgroups"
        row = info[key][0] if key in info else 2
        problems.cell(row, "B", problem.message_vi, problem.message_en, INFO_SHEET)
    elif problem.criterion in assembly.nodes:
        node = assembly.nodes[problem.criterion]
        if kind == ProblemKind.NO_LEVELS and node.row in problems.rows:
            return
        key = {ProblemKind.DANGLING_CONDITION: "cond", ProblemKind.NO_LEVELS: "level_vi"}.get(
            kind, "code"
        )
        problems.cell(node.row, key, problem.message_vi, problem.message_en)
    else:
        problems.plain(problem.message_vi, problem.message_en)


def rows_of_part(assembly, part: str) -> list[int]:
    nodes = [n for n in assembly.nodes.values() if n.part == part]
    rows = [n.row for n in nodes] + [lv["row"] for n in nodes for lv in n.levels]
    return rows + assembly.unread_rows.get(part, [])
