"""The 26 criteria sheets of Decision 26/2026/QĐ-TTg (Phụ lục II) as rulebook sheet files.

Run ``python -m evalapp.rules.converters.qd26_2026 [path/to/qd-26-2026-TTg.html]`` (default:
``<repo>/../shared/ocop/26-2026/qd-26-2026-TTg.html``); it writes
``evalapp/rules/data/rulebooks/26-2026/sheets/<code>.json`` and ``irregularities.json``.
``convert(html_text)`` returns the same files as data, for the proof-reading tests.

What it reads. Phụ lục II holds one sheet per bộ sản phẩm: a numbered heading ("1. Bộ sản phẩm:
…"; sheets 12 and 13 lack the words "Bộ sản phẩm"), header paragraphs (the product line "(Sản
phẩm: …)", the exclusion line "Hồ sơ bị loại khi: …"), a two-column table "Các tiêu chí" |
"Thang điểm", then the star note "Ghi chú: Dấu sao …". Rows are told apart by their words, never
by their typeface (bold and italics vary from sheet to sheet; sheet 17 has none):

- "Phần A: … (40 Điểm)" is a part; "TỔNG CỘNG" the total;
- "1. TỔ CHỨC SẢN XUẤT", "1.1. Nguồn nguyên liệu", "6.2 Nước pha", "6.1.1 Tạp chất" are nodes,
  each placed under the node whose code is its prefix; further paragraphs of the cell are notes;
- "□ …" (once "o …", sheet 7) is an option of the latest node, or of its latest case
  ("a. Trường hợp 1: …", after "Lựa chọn một trong hai trường hợp sau:");
- any other row is a note of the latest node.

Decisions. Words and figures are copied, never repaired; every place where they do not add up or
read two ways is listed in irregularities.json with what the app does. Points are the figure in
the points column. A star marker ending an option's text becomes ``stars``; a paragraph starting
"Ghi chú:" inside an option's cell (sheets 21, 22) is a note of the criterion, not option text.
A note row belongs to the node just above it, except that a row merged across both columns right
after a section's last criterion (sheet 16: "Nếu được 0 điểm tại một trong các chỉ tiêu trên…")
speaks of the criteria above and belongs to the section. A note saying the product is excluded
("bị loại") is a knock-out rule, one saying the rest is not evaluated a stop rule; a note that
reads like a rule but is neither stays a note and is listed as ambiguous. "Chỉ áp dụng khi có câu
chuyện sản phẩm" is a condition: the criterion counts only when "Câu chuyện sản phẩm" scores above
0. A node with neither options nor children is a yes/no criterion worth its points; a criterion
with alternatives (sheet 26) has ``cases``, and its maximum is its best case's best option.

What a reader found and the checks cannot (a misprint's likely reading, a garbled exclusion
line) is written below as data, ``REMARKS`` and ``READER_FINDINGS``, next to the checks' own
entries; the proof-reading tests keep every entry true.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from . import (
    Case,
    Findings,
    Level,
    Node,
    Part,
    Table,
    ascii_slug,
    check_part,
    dump_json,
    node_json,
    number,
    read_blocks,
    settle_missing_points,
    vi,
)

RULEBOOK = "26-2026"
REPO = Path(__file__).resolve().parents[3]
DEFAULT_SOURCE = REPO.parent / "shared" / "ocop" / RULEBOOK / "qd-26-2026-TTg.html"
OUTPUT_DIR = REPO / "evalapp" / "rules" / "data" / "rulebooks" / RULEBOOK
ARTICLE_3_1 = {"A": 40, "B": 25, "C": 35}  # Điều 3.1: the parts' points

HEADING_RE = re.compile(r"^(\d{1,2})\.\s*((?:Bộ s|S)ản phẩm.*)$")
PART_RE = re.compile(r"^Phần\s+([ABC])\b\s*:?\s*(.*?)\s*\((\d+)\s*điểm\)$", re.IGNORECASE)
NODE_RE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s+(\S.*)$")
CASE_RE = re.compile(r"^([a-z])\.\s+(\S.*)$")
OPTION_RE = re.compile(r"^(□|o\s)\s*(.*)$")
STARS_RE = re.compile(r"\s*(\*(?:\s*\*){2,4})$")
FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)?")
EXCLUSION_RE = re.compile(r"^(?:Hồ sơ )?bị loại khi:", re.IGNORECASE)
KNOCKOUT_RE = re.compile(r"bị loại", re.IGNORECASE)
STOP_RE = re.compile(r"không đánh giá các bước tiếp theo|không xem xét các chỉ tiêu khác", re.I)
RULE_LIKE_RE = re.compile(r"^Ghi chú: Không đánh giá", re.IGNORECASE)
# The only conditional wording in the decision, and the criterion it refers to (by name).
CONDITIONS = {"Chỉ áp dụng khi có câu chuyện sản phẩm": "Câu chuyện sản phẩm"}

PART_NAMES_EN = {
    "A": "Product and community strength",
    "B": "Marketing capability",
    "C": "Product quality",
}
SHEET_NAMES_EN = {
    1: "Product set: Fresh vegetables, tubers, fruit and nuts",
    2: "Product set: Fresh meat, seafood, eggs and milk",
    3: "Product set: Rice, cereals and other primary-processed grains",
    4: "Product set: Honey, other syrups and other agricultural food products",
    5: "Product set: Fast food",
    6: "Product set: Processed from rice and cereals",
    7: "Product set: Processed from vegetables, tubers, fruit and nuts",
    8: "Product set: Processed from meat, seafood, eggs and milk; products from honey, other "
    "syrups and other agricultural food products",
    9: "Product set: Fermented sauces, fish sauce and other liquid seasonings",
    10: "Product set: Other seasonings (salt, shallots, garlic, pepper, ...)",
    11: "Product set: Fresh and processed tea",
    12: "Tea products from other plants",
    13: "Coffee and cocoa products",
    14: "Product set: White spirits",
    15: "Product set: Other alcoholic drinks",
    16: "Product set: Natural mineral water and bottled drinking water",
    17: "Product set: Other non-alcoholic drinks",
    18: "Product set: Functional foods, herbal medicines and traditional medicines",
    19: "Product set: Cosmetics with ingredients from medicinal plants",
    20: "Product set: Essential oils and other medicinal materials",
    21: "Product set: Household and decorative handicrafts",
    22: "Product set: Fabrics and garments",
    23: "Product set: Flowers",
    24: "Product set: Ornamental plants",
    25: "Product set: Ornamental animals",
    26: "Product set: Community tourism, ecotourism and tourist-site services",
}

# English glosses of the notes that read like a rule but say neither "excluded" nor "stop".
GLOSSES = {
    "Ghi chú: Không đánh giá những sản phẩm có tính phổ biến": "“Note: products that are common "
    "among the national or provincial key product groups, without outstanding quality and "
    "distinction, are not evaluated”",
}

# A reader's remarks, by sheet and (criterion, kind), completing what the app does.
_ZERO_ELSEWHERE = (
    "Phương án cùng chữ được 0 điểm ở các phiếu 1, 2, 3, 6, 8, 12, 13 và 18.",
    "The option with the same words is worth 0 on sheets 1, 2, 3, 6, 8, 12, 13 and 18.",
)
_NO_REPAIR = (
    "Đó là sửa một con số chứ không phải một cách hiểu chữ, nên phiếu chỉ dùng được khi người "
    "quản trị bộ tiêu chí xác nhận việc sửa (hoặc có văn bản đính chính).",
    "That repairs a figure rather than reads the words, so the sheet becomes usable only once "
    "the rulebook's administrator confirms the correction (or an official correction appears).",
)
REMARKS: dict[int, dict[tuple[str | None, str], tuple[str, str]]] = {
    4: {
        ("1.2", "option_points_missing"): _ZERO_ELSEWHERE,
        ("7", "best_option_differs"): (
            "Con số 13 gần như chắc chắn là lỗi in của 3: mục 7 ghi 3 điểm, các mục của Phần C "
            "cộng đúng 35 với 3, và phương án “Có trên 2 chỉ tiêu” được 3 điểm ở các phiếu 1 và "
            "3. Ứng dụng không tự sửa: xem mục part_leaf_sum_differs của Phần C.",
            "The 13 is almost certainly a misprint for 3: section 7 states 3, Part C's sections "
            "add up to 35 with 3, and the option “Có trên 2 chỉ tiêu” (more than 2 indicators) "
            "is worth 3 on sheets 1 and 3. The app does not repair it: see Part C's "
            "part_leaf_sum_differs.",
        ),
        ("C", "part_leaf_sum_differs"): (
            "Chỉ một cách đọc cho tổng đúng 35: con số 13 của phương án “Có trên 2 chỉ tiêu” "
            f"(mục 7) là lỗi in của 3. {_NO_REPAIR[0]}",
            "Only one reading adds up to 35: the 13 of the option “Có trên 2 chỉ tiêu” (section "
            f"7) is a misprint for 3. {_NO_REPAIR[1]}",
        ),
    },
    7: {
        ("1.2", "option_points_missing"): _ZERO_ELSEWHERE,
        ("3.1", "equal_option_points"): (
            "Ở 25 phiếu còn lại, phương án “Công ty TNHH; …” được 2 điểm; có thể đây là lỗi in, "
            "nhưng 1 điểm vẫn đọc được và không làm sai tổng nào, nên ứng dụng giữ 1.",
            "On the other 25 sheets the option “Công ty TNHH; …” (limited company; …) is worth "
            "2; this may be a misprint, but 1 still reads sensibly and breaks no sum, so the app "
            "keeps the printed 1.",
        ),
    },
    10: {("1.2", "option_points_missing"): _ZERO_ELSEWHERE},
    11: {
        ("1.2", "option_points_missing"): _ZERO_ELSEWHERE,
        ("6.1.1", "best_option_differs"): (
            "Con số 11 gần như chắc chắn là lỗi in của 1: tiêu chí ghi 2 điểm, các phương án in "
            "theo thứ tự 0, 11, 2, và phương án cùng chữ “Có rất ít tạp chất, chấp nhận được” "
            "được 1 điểm ở các phiếu 4 đến 10, 12 và 13 (tiêu chí 2 điểm). Ứng dụng không tự "
            "sửa: xem mục part_leaf_sum_differs của Phần C.",
            "The 11 is almost certainly a misprint for 1: the criterion states 2, its options "
            "read 0, 11, 2 in order, and the option with the same words is worth 1 on sheets 4 "
            "to 10, 12 and 13 (2-point criteria). The app does not repair it: see Part C's "
            "part_leaf_sum_differs.",
        ),
        ("C", "part_leaf_sum_differs"): (
            "Chỉ một cách đọc cho tổng đúng 35: con số 11 của phương án “Có rất ít tạp chất, "
            f"chấp nhận được” (tiêu chí 6.1.1) là lỗi in của 1. {_NO_REPAIR[0]}",
            "Only one reading adds up to 35: the 11 of the option “Có rất ít tạp chất, chấp "
            f"nhận được” (criterion 6.1.1) is a misprint for 1. {_NO_REPAIR[1]}",
        ),
    },
    23: {
        ("6.2", "equal_option_points"): (
            "Văn bản không cho biết phương án nào in sai, nếu có; hai phương án cùng điểm không "
            "làm sai điểm tối đa của tiêu chí.",
            "Nothing in the text tells which option, if any, is misprinted; two options worth "
            "the same do not change the criterion's maximum.",
        ),
    },
}

# What only a reader can judge: exclusion lines whose words are missing or garbled.
READER_FINDINGS: dict[int, list[tuple]] = {
    17: [
        (
            None,
            "exclusion_line_unclear",
            (
                "Dòng điều kiện loại hồ sơ có đoạn “hoặc giấy phép sản xuất theo quy định” thiếu "
                "động từ; phiếu 15 viết “hoặc không có giấy phép sản xuất theo quy định”.",
                "The exclusion line has “hoặc giấy phép sản xuất theo quy định” (or production "
                "licence as required) without a verb; sheet 15 writes “hoặc không có giấy phép "
                "sản xuất theo quy định” (or has no production licence as required).",
            ),
            (
                "Ứng dụng hiển thị nguyên văn dòng này và không suy ra điều kiện nào từ đó; việc "
                "loại hồ sơ do Hội đồng quyết định.",
                "The app shows the line verbatim and infers no condition from it; excluding a "
                "dossier is the council's decision.",
            ),
        )
    ],
    18: [
        (
            None,
            "exclusion_line_unclear",
            (
                "Dòng điều kiện loại hồ sơ viết “GMP đối với thực phẩm bảo vệ hoặc tương đương” "
                "(có lẽ thiếu “sức khỏe”) và có đoạn “Hồ sơ đăng ký bản đăng ký công bố chất lượng "
                "sản phẩm, ghi nhãn sản phẩm, quảng cáo sản phẩm” không rõ là điều kiện gì.",
                "The exclusion line says “GMP đối với thực phẩm bảo vệ hoặc tương đương” (GMP for "
                "protective food or equivalent, probably missing “sức khỏe”, health) and has the "
                "fragment “Hồ sơ đăng ký bản đăng ký công bố chất lượng sản phẩm, ghi nhãn sản "
                "phẩm, quảng cáo sản phẩm” (registration dossier, quality declaration, labelling, "
                "advertising) without saying what condition it sets.",
            ),
            (
                "Ứng dụng hiển thị nguyên văn dòng này và không suy ra điều kiện nào từ đó; việc "
                "loại hồ sơ do Hội đồng quyết định.",
                "The app shows the line verbatim and infers no condition from it; excluding a "
                "dossier is the council's decision.",
            ),
        )
    ],
}


@dataclass
class Row:
    text: list[str]
    points: list[str]
    merged: bool

    @property
    def first(self) -> str:
        return self.text[0] if self.text else ""


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
            node.rules.append((kind, text))
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


@dataclass
class Sheet:
    number: int
    name: str
    product: str
    exclusions: list[str]
    star_note: str | None
    parts: list[Part]
    total: Decimal | None
    subgroup: str
    findings: Findings

    @property
    def code(self) -> str:
        return sheet_code(self.number, self.name)


def sheet_code(number: int, name: str) -> str:
    """``NN-slug``: the two-digit number and the bộ sản phẩm's name in ASCII, 40 characters at most."""
    return f"{number:02d}-{ascii_slug(name.removeprefix('Bộ sản phẩm:'), 37)}"


def annex(blocks: list, title: str, until: str) -> list:
    """The blocks between the paragraphs ``title`` and ``until`` (e.g. "PHỤ LỤC II")."""
    return blocks[blocks.index(title) + 1 : blocks.index(until)]


def read_subgroups(table: Table) -> list[tuple[str, str]]:
    """Phụ lục I's leaves in order: (``I.1.a``, name) for a phân nhóm, (``I.6``, name) for a nhóm
    without phân nhóm."""
    families: list[tuple[str, str, list]] = []
    branch = ""
    for cells in table.rows[1:]:
        number, name = (cell[0] if cell else "" for cell in cells[:2])
        name = re.sub(r"^(?:Phân nhóm|Nhóm):\s*", "", name)
        if re.fullmatch(r"[IVX]+", number):
            branch = number
        elif number.isdigit():
            families.append((f"{branch}.{number}", name, []))
        elif re.fullmatch(r"[a-z]", number):
            families[-1][2].append((f"{families[-1][0]}.{number}", name))
    return [leaf for code, name, subs in families for leaf in (subs or [(code, name)])]


def read_index(table: Table) -> dict[int, str]:
    """Phụ lục II's list of the 26 sheets: number → "Bộ sản phẩm: …"."""
    return {int(cells[0][0]): cells[1][0] for cells in table.rows if cells[0][0].isdigit()}


def split_sheets(blocks: list) -> list[tuple[int, str, list]]:
    """(number, heading without its number, the sheet's blocks) for each numbered heading."""
    sheets: list[tuple[int, str, list]] = []
    for block in blocks:
        found = HEADING_RE.match(block) if isinstance(block, str) else None
        if found and int(found.group(1)) == len(sheets) + 1:
            sheets.append((len(sheets) + 1, found.group(2), []))
        elif sheets:
            sheets[-1][2].append(block)
    return sheets


def table_rows(table: Table) -> list[Row]:
    rows = []
    for cells in table.rows:
        if len(cells) > 2:
            raise ValueError(f"a criteria row with {len(cells)} cells: {cells}")
        rows.append(Row(cells[0], cells[1] if len(cells) == 2 else [], len(cells) == 1))
    return rows


def parse_sheet(number: int, name: str, blocks: list, subgroup: str) -> Sheet:
    tables = [block for block in blocks if isinstance(block, Table)]
    position = blocks.index(tables[0])
    header, after = blocks[:position], blocks[position + 1 :]
    findings = Findings(sheet_code(number, name), REMARKS.get(number, {}))
    builder = SheetBuilder(findings)
    builder.feed(table_rows(tables[0]))
    for entry in READER_FINDINGS.get(number, []):
        findings.record(*entry)
    return Sheet(
        number=number,
        name=name,
        product=next(text for text in header if text.startswith("(Sản phẩm:")),
        exclusions=[text for text in header if EXCLUSION_RE.match(text)],
        star_note=next((t for t in after if isinstance(t, str) and "Dấu sao" in t), None),
        parts=builder.parts,
        total=builder.total,
        subgroup=subgroup,
        findings=findings,
    )


def check_sheet(sheet: Sheet, index_name: str) -> None:
    settle_missing_points(sheet.findings, sheet.parts)
    check_header(sheet, index_name)
    for part in sheet.parts:
        check_part(sheet.findings, part, ARTICLE_3_1[part.code], ("Điều 3.1", "Article 3.1"))
    parts = sum((part.points for part in sheet.parts), Decimal(0))
    if sheet.total != parts:
        sheet.findings.add(None, "total_differs", stated=sheet.total, total=parts)


def check_header(sheet: Sheet, index_name: str) -> None:
    findings = sheet.findings
    if sheet.name != index_name:
        findings.add(None, "sheet_name_differs", heading=sheet.name, listed=index_name)
    if not sheet.exclusions:
        findings.add(None, "missing_exclusion_line")
    elif len(set(sheet.exclusions)) > 1:
        raise ValueError(f"sheet {sheet.number}: two different exclusion lines")
    elif len(sheet.exclusions) > 1:
        findings.add(
            None, "duplicate_exclusion_line", text=sheet.exclusions[0], count=len(sheet.exclusions)
        )
    if sheet.exclusions and not sheet.exclusions[0].startswith("Hồ sơ bị loại khi:"):
        opening = sheet.exclusions[0].partition(":")[0] + ":"
        findings.add(None, "exclusion_line_worded_differently", opening=opening)
    if sheet.star_note is None:
        starred = [
            lv for p in sheet.parts for n in p.leaves() for ls in n.option_lists() for lv in ls
        ]
        findings.add(None, "missing_star_note", count=sum(1 for level in starred if level.stars))


def sheet_json(sheet: Sheet) -> dict:
    return {
        "format": 1,
        "code": sheet.code,
        "number": sheet.number,
        "rulebook": RULEBOOK,
        "version": "1",
        "name": {"vi": sheet.name, "en": SHEET_NAMES_EN[sheet.number]},
        "product": vi(sheet.product),
        "subgroups": [sheet.subgroup],
        "exclusion": vi(sheet.exclusions[0]) if sheet.exclusions else None,
        "star_note": vi(sheet.star_note) if sheet.star_note else None,
        "parts": [
            {
                "code": part.code,
                "name": {"vi": part.name, "en": PART_NAMES_EN[part.code]},
                "points": number(part.points),
                "criteria": [node_json(node) for node in part.criteria],
            }
            for part in sheet.parts
        ],
    }


def document_order(sheet: Sheet) -> dict[str | None, int]:
    """Where each criterion comes in the sheet, a part after its criteria, sheet-wide first."""
    codes = [code for part in sheet.parts for code in (*(n.code for n in part.nodes()), part.code)]
    return {None: -1} | {code: i for i, code in enumerate(codes)}


def convert(html_text: str) -> dict[str, dict | list]:
    """The files to write, by path under the rulebook's folder: the sheets, then the list of
    irregularities (sheet by sheet, in document order)."""
    blocks = read_blocks(html_text)
    annex_1, annex_2 = (
        annex(blocks, "PHỤ LỤC I", "PHỤ LỤC II"),
        annex(blocks, "PHỤ LỤC II", "PHỤ LỤC III"),
    )
    subgroups = read_subgroups(next(b for b in annex_1 if isinstance(b, Table)))
    index = read_index(next(b for b in annex_2 if isinstance(b, Table)))
    sheets = split_sheets(annex_2)
    if len(sheets) != 26 or len(subgroups) != 26:
        raise ValueError(f"{len(sheets)} sheets and {len(subgroups)} subgroups, not 26")
    files: dict[str, dict | list] = {}
    irregularities: list[dict] = []
    for (number_, name, sheet_blocks), (subgroup, subgroup_name) in zip(
        sheets, subgroups, strict=True
    ):
        check_subgroup(number_, name, subgroup_name)
        sheet = parse_sheet(number_, name, sheet_blocks, subgroup)
        check_sheet(sheet, index[number_])
        files[f"sheets/{sheet.code}.json"] = sheet_json(sheet)
        order = document_order(sheet)
        irregularities += sorted(sheet.findings.entries, key=lambda e: order[e["criterion"]])
    files["irregularities.json"] = irregularities
    return files


def words(text: str) -> set[str]:
    return set(ascii_slug(text, 1000).split("-")) - {"bo", "san", "pham", "nhom", "khac"}


def check_subgroup(number_: int, name: str, subgroup_name: str) -> None:
    """Sheet N is the Nth subgroup of Phụ lục I: their names must share most words."""
    ours, theirs = words(name), words(subgroup_name)
    if len(ours & theirs) < 0.6 * min(len(ours), len(theirs)):
        raise ValueError(f"sheet {number_} {name!r} is not Phụ lục I's {subgroup_name!r}")


def write(files: dict[str, dict | list], folder: Path = OUTPUT_DIR) -> None:
    sheets = folder / "sheets"
    sheets.mkdir(parents=True, exist_ok=True)
    for stale in set(sheets.glob("*.json")) - {folder / name for name in files}:
        stale.unlink()
    for name, data in files.items():
        (folder / name).write_text(dump_json(data), encoding="utf-8")


def main(argv: list[str]) -> int:
    source = Path(argv[0]) if argv else DEFAULT_SOURCE
    files = convert(source.read_text(encoding="utf-8"))
    write(files)
    print(
        f"{len(files) - 1} sheets and {len(files['irregularities.json'])} irregularities "
        f"written to {OUTPUT_DIR}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
