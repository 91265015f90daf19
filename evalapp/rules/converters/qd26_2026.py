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

Decisions. Words and figures are copied as printed; every place where they do not add up or
read two ways is listed in irregularities.json with what the app does. Points are the figure in
the points column. A star marker ending an option's text becomes ``stars``; a paragraph starting
"Ghi chú:" inside an option's cell (sheets 21, 22) is a note of the criterion, not option text.
A note row belongs to the node just above it, except that a row merged across both columns right
after a section's last criterion (sheet 16: "Nếu được 0 điểm tại một trong các chỉ tiêu trên…")
speaks of the criteria above and belongs to the section. A note saying the product is excluded
("bị loại") is a knockout rule, one saying the rest is not evaluated a stop rule; a note that
reads like a rule but is neither stays a note and is listed as ambiguous. On a criterion a rule
is a judgement the member records; sheet 16's section rule says itself when it applies ("if 0
points in one of the indicators above") and fires by itself: ``when: "any_leaf_zero"``. "Chỉ áp
dụng khi có câu chuyện sản phẩm" is a condition: the criterion counts only when "Câu chuyện sản
phẩm" scores above 0. A node with neither options nor children is a yes/no criterion worth its
points; a criterion with alternatives (sheet 26) has ``cases``, and its maximum is its best
case's best option.

What a reader found and the checks cannot (a misprint's likely reading, a garbled exclusion
line) is data in ``_qd26_2026_editorial``, next to the checks' own entries. Two option points
there are plain misprints (``MISPRINTS``: sheet 4 criterion 7, sheet 11 criterion 6.1.1): the
sheet files keep the printed figure, and the irregularity entry of the criterion carries a
``correction`` (the option, its printed and its corrected points) the app scores with and
shows. The proof-reading tests keep every entry true.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from ._checks import check_part, check_rules, correct_misprint, settle_missing_points
from ._html import Table, read_blocks
from ._messages import Findings
from ._qd26_2026_editorial import (
    MISPRINTS,
    PART_NAMES_EN,
    READER_FINDINGS,
    REMARKS,
    SHEET_NAMES_EN,
)
from ._qd26_2026_rows import SheetBuilder, table_rows
from ._sheet import Part, ascii_slug, dump_json, node_json, number, vi

RULEBOOK = "26-2026"
REPO = Path(__file__).resolve().parents[3]
DEFAULT_SOURCE = REPO.parent / "shared" / "ocop" / RULEBOOK / "qd-26-2026-TTg.html"
OUTPUT_DIR = REPO / "evalapp" / "rules" / "data" / "rulebooks" / RULEBOOK
ARTICLE_3_1 = {"A": 40, "B": 25, "C": 35}  # Điều 3.1: the parts' points
LAW = ("Điều 3.1", "Article 3.1")

HEADING_RE = re.compile(r"^(\d{1,2})\.\s*((?:Bộ s|S)ản phẩm.*)$")
EXCLUSION_RE = re.compile(r"^(?:Hồ sơ )?bị loại khi:", re.IGNORECASE)


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


# Reading the decision: its annexes, the list of sheets, each sheet.


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


# Checking a sheet: its figures (``_checks``), its header, its place in Phụ lục I.


def check_sheet(sheet: Sheet, index_name: str) -> None:
    settle_missing_points(sheet.findings, sheet.parts)
    check_header(sheet, index_name)
    check_rules(sheet.parts)
    for part in sheet.parts:
        check_part(sheet.findings, part, ARTICLE_3_1[part.code], LAW)
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


def words(text: str) -> set[str]:
    return set(ascii_slug(text, 1000).split("-")) - {"bo", "san", "pham", "nhom", "khac"}


def check_subgroup(number_: int, name: str, subgroup_name: str) -> None:
    """Sheet N is the Nth subgroup of Phụ lục I: their names must share most words."""
    ours, theirs = words(name), words(subgroup_name)
    if len(ours & theirs) < 0.6 * min(len(ours), len(theirs)):
        raise ValueError(f"sheet {number_} {name!r} is not Phụ lục I's {subgroup_name!r}")


def correct_misprints(sheet: Sheet, sheets: list[Sheet]) -> None:
    """Record on the sheet's irregularities the corrections of its ``MISPRINTS``, with the
    evidence from the other sheets."""
    others = {other.number: other.parts for other in sheets if other is not sheet}
    for misprint in MISPRINTS.get(sheet.number, []):
        correct_misprint(sheet.findings, sheet.parts, misprint, others, ARTICLE_3_1, LAW)


# The files.


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


def read_sheets(html_text: str) -> list[Sheet]:
    """The 26 sheets of Phụ lục II, each checked, in order."""
    blocks = read_blocks(html_text)
    annex_1, annex_2 = (
        annex(blocks, "PHỤ LỤC I", "PHỤ LỤC II"),
        annex(blocks, "PHỤ LỤC II", "PHỤ LỤC III"),
    )
    subgroups = read_subgroups(next(b for b in annex_1 if isinstance(b, Table)))
    index = read_index(next(b for b in annex_2 if isinstance(b, Table)))
    found = split_sheets(annex_2)
    if len(found) != 26 or len(subgroups) != 26:
        raise ValueError(f"{len(found)} sheets and {len(subgroups)} subgroups, not 26")
    sheets = []
    for (number_, name, blocks_), (subgroup, subgroup_name) in zip(found, subgroups, strict=True):
        check_subgroup(number_, name, subgroup_name)
        sheets.append(parse_sheet(number_, name, blocks_, subgroup))
        check_sheet(sheets[-1], index[number_])
    return sheets


def convert(html_text: str) -> dict[str, dict | list]:
    """The files to write, by path under the rulebook's folder: the sheets, then the list of
    irregularities (sheet by sheet, in document order)."""
    sheets = read_sheets(html_text)
    files: dict[str, dict | list] = {}
    irregularities: list[dict] = []
    for sheet in sheets:
        correct_misprints(sheet, sheets)
        files[f"sheets/{sheet.code}.json"] = sheet_json(sheet)
        order = document_order(sheet)
        irregularities += sorted(sheet.findings.entries, key=lambda e: order[e["criterion"]])
    files["irregularities.json"] = irregularities
    return files


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
