"""One sheet of Decision 26/2026/QĐ-TTg from the rows of its table, told apart by their words
(see ``qd26_2026``): parts, nodes (sections and criteria), options, cases, notes and rules."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ._html import Table
from ._messages import Findings
from ._qd26_2026_editorial import GLOSSES
from ._sheet import ANY_LEAF_ZERO, Case, Level, Node, Part, Rule

PART_RE = re.compile(r"^Phần\s+([ABC])\b\s*:?\s*(.*?)\s*\((\d+)\s*điểm\)$", re.IGNORECASE)
NODE_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
CASE_RE = re.compile(r"^([a-z])\.\s+(\S.*)$")
OPTION_RE = re.compile(r"^(□|o\s)\s*(.*)$")
STARS_RE = re.compile(r"\s*(\*(?:\s*\*){2,4})$")
FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)?")
KNOCKOUT_RE = re.compile(r"bị loại", re.IGNORECASE)
STOP_RE = re.compile(r"không đánh giá các bước tiếp theo|không xem xét các chỉ tiêu khác", re.I)
RULE_LIKE_RE = re.compile(r"^Ghi chú: Không đánh giá", re.IGNORECASE)
# A stop rule that says itself when it applies: "if [a criterion] scores 0 in one of the
# indicators above" (sheet 16, section 6). Nothing is left to judge, so it is no judgement the
# member records: it fires by itself when any criterion of its section scores 0.
ANY_LEAF_ZERO_RE = re.compile(r"Nếu được 0 điểm tại một trong các chỉ tiêu trên", re.IGNORECASE)
# The only conditional wording in the decision, and the criterion it refers to (by name).
CONDITIONS = {"Chỉ áp dụng khi có câu chuyện sản phẩm": "Câu chuyện sản phẩm"}


@dataclass
class Row:
    text: list[str]
    points: list[str]
    merged: bool

    @property
    def first(self) -> str:
        return self.text[0] if self.text else ""


def table_rows(table: Table) -> list[Row]:
    rows = []
    for cells in table.rows:
        if len(cells) > 2:
            raise ValueError(f"a criteria row with {len(cells)} cells: {cells}")
        rows.append(Row(cells[0], cells[1] if len(cells) == 2 else [], len(cells) == 1))
    return rows


def row_kind(row: Row) -> str:
    first = row.first
    if first in ("", "Các tiêu chí"):
        return "skip"
    if first == "TỔNG CỘNG":
        return "total"
    if PART_RE.match(" ".join(row.text)):
        return "part"
    for kind, pattern in (("option", OPTION_RE), ("node", NODE_RE), ("case", CASE_RE)):
        if pattern.match(first):
            return kind
    return "note"


def depth(row: Row) -> int:
    """How deep a structural row sits: 0 for a part or the total, 1 for a section, …"""
    found = NODE_RE.match(row.first)
    return found.group(1).count(".") + 1 if found else 0


def figures(cell: list[str]) -> list[Decimal]:
    for text in cell:
        if not FIGURE_RE.fullmatch(text):
            raise ValueError(f"not a figure in the points column: {text!r}")
    return [Decimal(text.replace(",", ".")) for text in cell]


def rule_kind(text: str) -> str | None:
    """knockout (the product is excluded), stop (the rest is not evaluated), ambiguous or None."""
    knockout, stop = bool(KNOCKOUT_RE.search(text)), bool(STOP_RE.search(text))
    if knockout and stop:
        raise ValueError(f"a note that both excludes and stops, decide by reading: {text!r}")
    if knockout or stop:
        return "knockout" if knockout else "stop"
    return "ambiguous" if RULE_LIKE_RE.match(text) else None


class SheetBuilder:
    """Builds one sheet's parts and nodes from its table rows, in order."""

    def __init__(self, findings: Findings) -> None:
        self.findings = findings
        self.parts: list[Part] = []
        self.nodes: dict[str, Node] = {}
        self.node: Node | None = None
        self.case: Case | None = None
        self.total: Decimal | None = None

    def feed(self, rows: list[Row]) -> None:
        kinds = [row_kind(row) for row in rows]
        for i, (row, kind) in enumerate(zip(rows, kinds, strict=True)):
            if kind == "note":
                self.on_note(row, self.next_depth(rows[i + 1 :], kinds[i + 1 :]))
            elif kind != "skip":
                getattr(self, f"on_{kind}")(row)

    def next_depth(self, rows: list[Row], kinds: list[str]) -> int:
        """The depth of the next part, node or total row; the current depth if options come first."""
        for row, kind in zip(rows, kinds, strict=True):
            if kind in ("option", "case"):
                break
            if kind in ("node", "part", "total"):
                return depth(row)
        return self.node.code.count(".") + 1

    def on_part(self, row: Row) -> None:
        code, name, label = PART_RE.match(" ".join(row.text)).groups()
        self.parts.append(Part(code.upper(), name, self.stated(row), Decimal(label)))
        self.node = self.case = None

    def on_total(self, row: Row) -> None:
        self.total = self.stated(row)

    def on_node(self, row: Row) -> None:
        code, name = NODE_RE.match(row.first).groups()
        if code in self.nodes:
            raise ValueError(f"criterion {code} appears twice")
        node = Node(code, name, self.stated(row), row.points)
        parent = self.nodes.get(code.rpartition(".")[0])
        (parent.children if parent else self.parts[-1].criteria).append(node)
        self.nodes[code], self.node, self.case = node, node, None
        for text in row.text[1:]:
            self.add_note(node, text)

    def on_case(self, row: Row) -> None:
        code, name = CASE_RE.match(row.first).groups()
        self.case = Case(code, name)
        self.node.cases.append(self.case)

    def on_option(self, row: Row) -> None:
        if self.node.children:
            raise ValueError(f"an option under {self.node.code}, which has criteria: {row.first}")
        notes = [text for text in row.text[1:] if text.startswith("Ghi chú:")]
        bullet, text = OPTION_RE.match(" ".join(t for t in row.text if t not in notes)).groups()
        level = self.level(text, row.points)
        if bullet != "□":
            self.findings.add(
                self.node.code, "option_bullet_unusual", bullet=bullet.strip(), text=level.text
            )
        (self.case or self.node).levels.append(level)
        for note in notes:
            self.add_note(self.node, note)

    def on_note(self, row: Row, next_depth: int) -> None:
        # A row merged across both columns after a section's last criterion speaks of the
        # criteria above it (sheet 16): it belongs to the section the next row leaves.
        if self.node is None:
            raise ValueError(f"a note before any criterion: {row.first!r}")
        target = self.node
        while row.merged and target.code.count(".") + 1 > max(next_depth, 1):
            target = self.nodes[target.code.rpartition(".")[0]]
        text = " ".join(row.text)
        if text in CONDITIONS:
            target.condition = (self.named(CONDITIONS[text]), text)
        else:
            self.add_note(target, text)

    def add_note(self, node: Node, text: str) -> None:
        kind = rule_kind(text)
        if kind in ("knockout", "stop"):
            zero = kind == "stop" and ANY_LEAF_ZERO_RE.search(text)
            node.rules.append(Rule(kind, text, ANY_LEAF_ZERO if zero else None))
            return
        node.notes.append(text)
        if kind == "ambiguous":
            gloss = next(en for start, en in GLOSSES.items() if text.startswith(start))
            self.findings.add(node.code, "ambiguous_rule", text=text, gloss=gloss)

    def level(self, text: str, cell: list[str]) -> Level:
        points = figures(cell)
        if len(points) > 1:
            raise ValueError(f"criterion {self.node.code}: an option with figures {cell}")
        marker = STARS_RE.search(text)
        stars = marker.group(1).count("*") if marker else None
        if marker and " " in marker.group(1):
            plain = "*" * stars
            self.findings.add(
                self.node.code,
                "star_marker_unusual",
                marker=marker.group(1),
                stars=stars,
                plain=plain,
            )
        text = text[: marker.start()] if marker else text
        if "*" in text:
            raise ValueError(f"criterion {self.node.code}: a star marker inside {text!r}")
        return Level(points[0] if points else None, text, stars)

    def named(self, name: str) -> str:
        """The code of the one criterion so named (above the one that refers to it)."""
        codes = [code for code, node in self.nodes.items() if node.name == name]
        if len(codes) != 1:
            raise ValueError(f"{len(codes)} criteria named {name!r}: {codes}")
        return codes[0]

    def stated(self, row: Row) -> Decimal:
        points = figures(row.points)
        if not points:
            raise ValueError(f"no figure in the points column of {row.first!r}")
        return points[0]
