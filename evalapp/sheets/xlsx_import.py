"""A filled workbook to a criteria sheet (`import_sheet`): the rows assembled into the JSON data
of `rules/data/README.md`, checked cell by cell, then by the rules core (`validate_sheet`), whose
problems are placed at the row of their criterion or part.

Rows of one criterion are consecutive; the tree comes from the codes' dots (see `layout`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from openpyxl import load_workbook

from evalapp.rules import Rulebook, format_points, parse_sheet
from evalapp.rules.loader import DataFormatError, apply_corrections, build_sheet
from evalapp.rules.sheet import EXCLUSION_CODE
from evalapp.rules.validation import ProblemKind, SheetInvalid, validate_sheet

from .layout import BY_KEY, COLUMNS, OPTION_KEYS
from .xlsx_checks import info_data, place
from .xlsx_reading import (
    CRITERION_CODE,
    CRITERION_CODE_MAX,
    READ_ERRORS,
    RULE_KINDS,
    ImportOutcome,
    Problems,
    cell_text,
    read_criteria_rows,
    read_flag,
    read_info,
    read_points,
    read_stars,
    refusal_of_file,
    refused,
)

CRITERION_KEYS = tuple(c.key for c in COLUMNS if c.criterion)


@dataclass
class Node:
    """A criterion being assembled from its rows."""

    code: str
    part: str
    row: int
    parent: Node | None = None
    children: list[Node] = field(default_factory=list)
    fields: dict[str, tuple[int, object]] = field(default_factory=dict)
    levels: list[dict] = field(default_factory=list)  # {"row", "case", "data", "points", "printed"}
    cases: dict[str, dict] = field(default_factory=dict)
    rules: list[dict] = field(default_factory=list)

    def value(self, key: str, default=None):
        return self.fields[key][1] if key in self.fields else default


@dataclass
class Assembly:
    rulebook: Rulebook
    problems: Problems
    nodes: dict[str, Node] = field(default_factory=dict)
    roots: dict[str, list[Node]] = field(default_factory=dict)  # part → top-level nodes
    part_rows: dict[str, tuple[int, Decimal | None]] = field(default_factory=dict)
    part: str | None = None
    current: Node | None = None
    clash: str | None = None  # the code of the duplicate whose rows are being skipped
    unread_rows: dict[str, list[int]] = field(default_factory=dict)  # part → skipped rows

    # --- a row ---------------------------------------------------------------------------

    def add_row(self, row: int, values: dict) -> None:
        part = self.row_part(row, values)
        if part is None:
            return
        code = cell_text(values["code"])
        if not code:
            self.part_row(row, part, values)
        elif (node := self.node_for(row, part, code)) is not None:
            self.criterion_cells(row, node, values)
            self.rule_cells(row, node, values)
            self.case_cells(row, node, values)
            if any(cell_text(values[key]) for key in OPTION_KEYS):
                self.option(row, node, values)

    def row_part(self, row: int, values: dict) -> str | None:
        part = cell_text(values["part"]) or self.part
        known = [p.code for p in self.rulebook.parts]
        if part is None:
            self.problems.cell(row, "part", "thiếu phần", "the part is missing")
            return None
        if part not in known:
            shown = ", ".join(known)
            self.problems.cell(
                row,
                "part",
                f"phần {part} không có trong bộ tiêu chí ({shown})",
                f"part {part} is not in the rulebook ({shown})",
            )
            return None
        if part not in self.roots:
            self.roots[part] = []
        self.part = part
        return part

    def part_row(self, row: int, part: str, values: dict) -> None:
        filled = [
            c for c in COLUMNS if c.key not in ("part", "points") and cell_text(values[c.key])
        ]
        if filled:
            self.problems.cell(row, "code", "thiếu mã tiêu chí", "the criterion code is missing")
            return
        points = self.points(row, "points", values)
        if part in self.part_rows:
            self.problems.cell(
                row,
                "part",
                f"phần {part} đã có hàng riêng ở hàng {self.part_rows[part][0]}",
                f"part {part} already has its row at row {self.part_rows[part][0]}",
            )
            return
        self.part_rows[part] = (row, points)
        self.current = self.clash = None

    def node_for(self, row: int, part: str, code: str) -> Node | None:
        current = self.current
        if current is not None and current.code == code:
            if current.part != part:
                self.problems.cell(
                    row,
                    "part",
                    f"tiêu chí {code} thuộc phần {current.part} (hàng {current.row})",
                    f"criterion {code} belongs to part {current.part} (row {current.row})",
                )
            return current
        if code in self.nodes:
            self.unread_rows.setdefault(part, []).append(row)
            if self.clash != code:  # named once, not once per row of the duplicate
                self.clash = code
                first = self.nodes[code].row
                self.problems.plain(
                    f"Mã {code} trùng ở hàng {first} và {row}",
                    f"Code {code} is used on rows {first} and {row}",
                    row,
                    "code",
                )
            return None
        if (
            not CRITERION_CODE.fullmatch(code)
            or len(code) > CRITERION_CODE_MAX
            or code == EXCLUSION_CODE
        ):
            self.problems.cell(
                row,
                "code",
                f"mã tiêu chí “{code}” không hợp lệ (chữ, số và dấu chấm, tối đa {CRITERION_CODE_MAX} ký tự, khác {EXCLUSION_CODE})",
                f"criterion code “{code}” is not valid (letters, digits and dots, at most {CRITERION_CODE_MAX} characters, not {EXCLUSION_CODE})",
            )
            return None
        node = Node(code, part, row, parent=self.parent_of(row, part, code))
        (node.parent.children if node.parent else self.roots[part]).append(node)
        self.nodes[code] = self.current = node
        self.clash = None
        return node

    def parent_of(self, row: int, part: str, code: str) -> Node | None:
        if "." not in code:
            return None
        parent_code = code.rsplit(".", 1)[0]
        parent = self.nodes.get(parent_code)
        if parent is None or parent.part != part:
            self.problems.cell(
                row,
                "code",
                f"tiêu chí cha {parent_code} của {code} chưa có ở hàng trên trong phần {part}",
                f"the parent {parent_code} of {code} is not on a row above in part {part}",
            )
            return None
        return parent

    # --- the cells of a criterion row ----------------------------------------------------

    def criterion_cells(self, row: int, node: Node, values: dict) -> None:
        for key in CRITERION_KEYS:
            if not cell_text(values[key]):
                continue
            value = self.cell_value(row, key, values)
            if value is None:
                continue
            if key in node.fields and node.fields[key][1] != value:
                first = node.fields[key][0]
                self.problems.cell(
                    row,
                    key,
                    f"khác với hàng {first} của tiêu chí {node.code}",
                    f"differs from row {first} of criterion {node.code}",
                )
            node.fields.setdefault(key, (row, value))

    def cell_value(self, row: int, key: str, values: dict):
        kind = BY_KEY[key].kind
        if kind == "points":
            return self.points(row, key, values)
        if kind == "flag":
            return self.flag(row, key, values)
        return cell_text(values[key])

    def rule_cells(self, row: int, node: Node, values: dict) -> None:
        kind, text_vi = cell_text(values["rule"]), cell_text(values["rule_vi"])
        if not kind and not text_vi and not cell_text(values["rule_en"]):
            return
        rule = RULE_KINDS.get(kind.casefold())
        if rule is None:
            self.problems.cell(
                row,
                "rule",
                "chọn Loại, Dừng hoặc Dừng khi có tiêu chí 0 điểm",
                "choose Loại, Dừng or Dừng khi có tiêu chí 0 điểm",
            )
        if not text_vi:
            self.problems.cell(
                row, "rule_vi", "thiếu lời văn của quy tắc", "the rule's wording is missing"
            )
        if rule is not None and text_vi:
            data = {"kind": rule[0], "text": {"vi": text_vi, "en": cell_text(values["rule_en"])}}
            node.rules.append(data | ({"when": rule[1]} if rule[1] else {}))

    def case_cells(self, row: int, node: Node, values: dict) -> None:
        case = cell_text(values["case"])
        name_vi, name_en = cell_text(values["case_vi"]), cell_text(values["case_en"])
        if not case:
            if name_vi or name_en:
                self.problems.cell(
                    row, "case", "tên trường hợp cần mã trường hợp", "a case name needs a case code"
                )
            return
        entry = node.cases.setdefault(case, {"row": row, "name": None})
        if name_vi or name_en:
            name = {"vi": name_vi, "en": name_en}
            if entry["name"] not in (None, name):
                self.problems.cell(
                    row,
                    "case_vi",
                    f"khác với tên trường hợp {case} ở hàng {entry['row']}",
                    f"differs from the name of case {case} on row {entry['row']}",
                )
            entry["name"] = entry["name"] or name

    def option(self, row: int, node: Node, values: dict) -> None:
        text_vi = cell_text(values["level_vi"])
        if not text_vi:
            self.problems.cell(row, "level_vi", "thiếu nội dung mức", "the option text is missing")
        points = self.points(row, "level_points", values, required=True)
        printed = self.points(row, "printed", values)
        stars = read_stars(values["stars"]) if cell_text(values["stars"]) else None
        if cell_text(values["stars"]) and stars is None:
            self.problems.cell(
                row,
                "stars",
                "sao phải là số nguyên từ 1 đến 5",
                "stars must be a whole number from 1 to 5",
            )
        case = cell_text(values["case"]) or None
        index = 1 + sum(1 for lv in node.levels if lv["case"] == case)
        code = cell_text(values["level"]) or f"{case or ''}{index}"
        if (clash := next((lv for lv in node.levels if lv["code"] == code), None)) is not None:
            self.problems.plain(
                f"Tiêu chí {node.code}: mã mức {code} trùng ở hàng {clash['row']} và {row}",
                f"Criterion {node.code}: option code {code} is used on rows {clash['row']} and {row}",
                row,
                "level",
            )
        data = {
            "code": code,
            "text": {"vi": text_vi, "en": cell_text(values["level_en"])},
            "points": Decimal(0) if points is None else points,  # its problem is already listed
        }
        for key in ("knockout", "stop"):
            if self.flag(row, key, values):
                data[key] = True
        if stars is not None:
            data["stars"] = stars
        node.levels.append(
            {"row": row, "case": case, "code": code, "data": data, "printed": printed}
        )

    def points(self, row: int, key: str, values: dict, required: bool = False) -> Decimal | None:
        if not cell_text(values[key]):
            if required:
                self.problems.cell(row, key, "thiếu điểm", "the points are missing")
            return None
        points = read_points(values[key])
        if points is None:
            self.problems.cell(
                row, key, "điểm phải là số không âm", "points must be a non-negative number"
            )
        return points

    def flag(self, row: int, key: str, values: dict) -> bool:
        flag = read_flag(values[key])
        if flag is None:
            self.problems.cell(row, key, "ghi x hoặc để trống", "write x or leave it empty")
        return bool(flag)

    # --- the JSON data -------------------------------------------------------------------

    def corrections(self, sheet_code: str) -> None:
        """Give each option the rulebook corrects its printed figure, which the reader corrects
        again; a workbook may show the printed figure in "Điểm in" or in "Điểm" alone."""
        for item in self.rulebook.irregularities_of(sheet_code):
            fix = item.correction
            node = self.nodes.get(item.criterion or "")
            plain = [lv for lv in node.levels if lv["case"] is None] if node else []
            if fix is None or fix.option >= len(plain):
                continue
            level = plain[fix.option]
            points, printed = level["data"]["points"], level["printed"]
            if printed in (None, fix.printed_points) and points in (
                fix.points,
                printed or fix.printed_points,
            ):
                level["data"]["points"], level["printed"] = fix.printed_points, None
                continue
            self.problems.cell(
                level["row"],
                "printed",
                f"bộ tiêu chí đính chính mức này: văn bản in {format_points(fix.printed_points)} điểm, ứng dụng tính {format_points(fix.points)} điểm; ghi {format_points(fix.points)} ở cột Điểm và {format_points(fix.printed_points)} ở cột Điểm in",
                f"the rulebook corrects this option: printed {format_points(fix.printed_points, 'en')}, scored {format_points(fix.points, 'en')}; write {format_points(fix.points, 'en')} under Điểm and {format_points(fix.printed_points, 'en')} under Điểm in",
            )

    def node_data(self, node: Node) -> dict:
        data: dict = {
            "code": node.code,
            "name": {"vi": node.value("name_vi", ""), "en": node.value("name_en", "")},
        }
        if node.value("note_vi") or node.value("note_en"):
            data["note"] = {"vi": node.value("note_vi", ""), "en": node.value("note_en", "")}
        if node.value("points") is not None:
            data["points"] = node.value("points")
        if node.value("yes_no"):
            data["yes_no"] = True
        if node.value("cond"):
            data["condition"] = {
                "criterion": node.value("cond"),
                "above": node.value("cond_above") or Decimal(0),
            }
            if node.value("cond_vi") or node.value("cond_en"):
                data["condition"]["text"] = {
                    "vi": node.value("cond_vi", ""),
                    "en": node.value("cond_en", ""),
                }
        if node.rules:
            data["rules"] = node.rules
        if node.children:
            data["children"] = [self.node_data(child) for child in node.children]
        if plain := [self.level_data(lv) for lv in node.levels if lv["case"] is None]:
            data["levels"] = plain
        if node.cases:
            data["cases"] = [
                {
                    "code": case,
                    "name": entry["name"] or {"vi": case, "en": ""},
                    "levels": [self.level_data(lv) for lv in node.levels if lv["case"] == case],
                }
                for case, entry in node.cases.items()
            ]
        return data

    @staticmethod
    def level_data(level: dict) -> dict:
        data = dict(level["data"])
        if level["printed"] is not None:
            data["printed_points"] = level["printed"]
        return data

    def check_nodes(self) -> None:
        for node in self.nodes.values():
            if not node.value("name_vi"):
                self.problems.cell(
                    node.row,
                    "name_vi",
                    f"thiếu tên tiêu chí {node.code}",
                    f"the name of criterion {node.code} is missing",
                )
            if node.value("yes_no") and node.value("points") is None:
                self.problems.cell(
                    node.row,
                    "points",
                    "tiêu chí Có/Không cần Điểm tiêu chí",
                    "a yes/no criterion needs its stated points",
                )
            if node.value("cond_above") is not None and not node.value("cond"):
                self.problems.cell(
                    node.row,
                    "cond",
                    "thiếu mã tiêu chí của điều kiện",
                    "the condition's criterion is missing",
                )

    def parts_data(self) -> list[dict]:
        parts = []
        for code in [p.code for p in self.rulebook.parts]:
            if code not in self.roots and code not in self.part_rows:
                continue
            points = self.part_rows.get(code, (0, None))[1]
            parts.append(
                {"code": code}
                | ({"points": points} if points is not None else {})
                | {"criteria": [self.node_data(n) for n in self.roots.get(code, [])]}
            )
        return parts


# --- the whole --------------------------------------------------------------------------

SELF_CHECKED = (
    ProblemKind.DUPLICATE_CODE,
    ProblemKind.DUPLICATE_LEVEL,
    ProblemKind.NEGATIVE_POINTS,
)


def assemble(
    info: dict, rows: list[tuple[int, dict]], rulebook: Rulebook, problems: Problems
) -> ImportOutcome:
    assembly = Assembly(rulebook, problems)
    for row, values in rows:
        assembly.add_row(row, values)
    data = info_data(info, rulebook, problems)
    if not assembly.nodes:
        problems.plain(
            "Phiếu trống: chưa có tiêu chí nào ở trang “Tiêu chí”",
            "Empty sheet: the worksheet “Tiêu chí” has no criterion",
        )
        return ImportOutcome(problems=tuple(problems.found))
    assembly.check_nodes()
    assembly.corrections(data["code"])
    data["parts"] = assembly.parts_data()
    try:
        sheet = build_sheet(apply_corrections(data, rulebook.irregularities_of(data["code"])))
    except DataFormatError as error:
        if not problems.found:
            problems.plain(f"Phiếu không đọc được: {error}", f"The sheet cannot be read: {error}")
        return ImportOutcome(problems=tuple(problems.found))
    for problem in validate_sheet(sheet, rulebook):
        if problem.kind not in SELF_CHECKED:
            place(problem, assembly, info, problems)
    if problems.found:
        return ImportOutcome(problems=tuple(problems.found))
    try:
        return ImportOutcome(sheet=parse_sheet(data, rulebook), data=data)
    except (DataFormatError, SheetInvalid) as error:  # pragma: no cover - checked above
        return refused(f"Phiếu không hợp lệ: {error}", f"The sheet is not valid: {error}")


def import_sheet(data: bytes, rulebook: Rulebook) -> ImportOutcome:
    """The sheet of a filled workbook, validated under `rulebook`, or every problem found."""
    refusal = refusal_of_file(data)
    if refusal is not None:
        return refusal
    problems = Problems()
    try:
        wb = load_workbook(BytesIO(data), read_only=True, data_only=False)
    except READ_ERRORS:
        return refused("Không đọc được tệp Excel này", "This Excel file cannot be read")
    try:
        info = read_info(wb, problems)
        rows = read_criteria_rows(wb, problems)
    except READ_ERRORS:
        return refused("Không đọc được tệp Excel này", "This Excel file cannot be read")
    finally:
        wb.close()
    if rows is None:
        return ImportOutcome(problems=tuple(problems.found))
    return assemble(info, rows, rulebook, problems)
