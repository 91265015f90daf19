"""Converters from an official decision, as published in HTML, to the app's rulebook data.

A converter reads the decision once, at development time, and writes JSON files that are
committed and proof-read by tests; the app itself never parses HTML. Standard library only, like
the rest of ``evalapp.rules``. This module holds what any sheet converter needs:

- reading HTML as a flat list of blocks: paragraphs outside tables (``str``) and top-level tables
  (``Table``: rows of cells, each cell a list of its paragraphs), the text normalised by ``clean``;
- the sheet model (``Part`` → ``Node`` → ``Level``/``Case``) and its JSON form (format 1);
- the proof checks every converted sheet goes through, which record ``Findings``: the places
  where the official text does not add up or reads two ways, each with what the app does.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from html.parser import HTMLParser
from itertools import pairwise

_SPACES = re.compile(r"\s+")


def clean(text: str) -> str:
    """The text with whitespace normalised to single spaces, trimmed, in NFC."""
    return unicodedata.normalize("NFC", _SPACES.sub(" ", text.replace("\xa0", " "))).strip()


@dataclass
class Table:
    """A top-level table: ``rows[r][c]`` is the list of non-empty paragraphs of a cell."""

    rows: list[list[list[str]]] = field(default_factory=list)


class _BlockReader(HTMLParser):
    """Collects paragraphs and top-level tables in document order (nested tables are flattened)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str | Table] = []
        self._depth = 0
        self._cell: list[str] | None = None
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "table":
            self._end_paragraph()
            self._depth += 1
            if self._depth == 1:
                self.blocks.append(Table())
        elif tag == "tr" and self._depth == 1:
            self.blocks[-1].rows.append([])
        elif tag == "td" and self._depth == 1:
            self._cell = []
            self.blocks[-1].rows[-1].append(self._cell)
        elif tag == "p":
            self._end_paragraph()
            self._text = []
        elif tag == "br":
            self._data(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "p":
            self._end_paragraph()
        elif tag == "td" and self._depth == 1:
            self._end_paragraph()
            self._cell = None
        elif tag == "table":
            self._end_paragraph()
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        self._data(data)

    def _data(self, data: str) -> None:
        if self._text is None:
            self._text = []
        self._text.append(data)

    def _end_paragraph(self) -> None:
        text = clean("".join(self._text or ()))
        self._text = None
        if not text:
            return
        if self._cell is not None:
            self._cell.append(text)
        elif self._depth == 0:
            self.blocks.append(text)


def read_blocks(html_text: str) -> list[str | Table]:
    """The document as paragraphs (``str``) and top-level tables, in order."""
    reader = _BlockReader()
    reader.feed(html_text)
    reader.close()
    return reader.blocks


def ascii_slug(text: str, limit: int) -> str:
    """Lowercase ASCII words joined by hyphens, cut at a word boundary to at most ``limit``."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9]+", plain.lower())
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > limit:
            break
        slug = candidate
    return slug


def dump_json(data: object) -> str:
    """UTF-8 JSON as the rulebook files are written: two-space indent, trailing newline."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def figure(value: Decimal | None) -> str:
    """A figure as printed: 3, 1.5."""
    return "—" if value is None else f"{value.normalize():f}"


NO_READING = (" Không có cách đọc trung thành nào cho tổng đúng.", " No faithful reading adds up.")
_SAME_AS_PRINTED = ("Ứng dụng giữ điểm như văn bản in", "The app keeps the printed points")
_MAXIMUM_KEPT = ("điểm tối đa của tiêu chí không đổi", "the criterion's maximum does not change")

# kind → (text_says vi, text_says en, app_does vi, app_does en), formatted with the entry's fields
# ({code} is the criterion or part). Verbatim words are quoted between “ and ”.
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "best_option_differs": (
        "Tiêu chí {code} ghi {stated} điểm, nhưng phương án cao nhất{case} ghi {best} điểm.",
        "Criterion {code} states {stated} points, but its best option{case} is worth {best}.",
        "Điểm tối đa của tiêu chí lấy theo phương án cao nhất ({best} điểm), vì thành viên chỉ "
        "chọn được một phương án; con số {stated} in trong văn bản được giữ nguyên trong dữ liệu "
        "(points) và hiển thị kèm ghi chú này.",
        "The criterion's maximum is its best option ({best} points), since a member can pick "
        "only one option; the printed {stated} is kept in the data (points) and shown with this "
        "note.",
    ),
    "section_sum_differs": (
        "Mục {code} ghi {stated} điểm; các tiêu chí con cộng lại được {total} điểm.",
        "Section {code} states {stated} points; its criteria add up to {total}.",
        "Điểm tối đa được tính từ các tiêu chí lá ({total}); con số {stated} in trong văn bản "
        "được giữ nguyên và hiển thị kèm ghi chú này.",
        "The maximum is computed from the leaf criteria ({total}); the printed {stated} is kept "
        "and shown with this note.",
    ),
    "part_sum_differs": (
        "Phần {code} ghi {stated} điểm; các mục cộng lại được {total} điểm.",
        "Part {code} states {stated} points; its sections add up to {total}.",
        "Điểm tối đa được tính từ các tiêu chí lá; con số {stated} in trong văn bản được giữ "
        "nguyên và hiển thị kèm ghi chú này.",
        "The maximum is computed from the leaf criteria; the printed {stated} is kept and shown "
        "with this note.",
    ),
    "part_points_differ": (
        "Phần {code} ghi {stated} điểm; Điều 3.1 quy định {required} điểm.",
        "Part {code} states {stated} points; Article 3.1 sets {required}.",
        "Ứng dụng giữ {stated} trong dữ liệu và đối chiếu tổng các tiêu chí lá với {required} "
        "điểm của Điều 3.1.",
        "The app keeps {stated} in the data and checks the leaf criteria against Article 3.1's "
        "{required}.",
    ),
    "label_points_differ": (
        "Tiêu đề Phần {code} ghi “({label} Điểm)”, cột Thang điểm ghi {column}.",
        "The heading of Part {code} says “({label} Điểm)” ({label} points); the points column "
        "says {column}.",
        "Ứng dụng dùng con số ở cột Thang điểm ({column}): {why}",
        "The app uses the points column ({column}): {why}",
    ),
    "part_leaf_sum_differs": (
        "Điểm tối đa của các tiêu chí lá trong Phần {code} cộng lại được {total}; Điều 3.1 quy "
        "định {required}.",
        "The maxima of the leaf criteria of Part {code} add up to {total}; Article 3.1 sets "
        "{required}.",
        "Ứng dụng tính điểm tối đa của phần bằng tổng các tiêu chí lá ({total}), không bằng "
        "{required}, nên từ chối nạp phiếu này như đang in.{reading}",
        "The app computes the part's maximum as the sum of its leaves ({total}), not {required}, "
        "so it refuses to load this sheet as printed.{reading}",
    ),
    "total_differs": (
        "Dòng “TỔNG CỘNG” ghi {stated}; các phần cộng lại được {total}.",
        "The “TỔNG CỘNG” (total) row says {stated}; the parts add up to {total}.",
        "Ứng dụng tính tổng từ các phần và giữ con số in trong văn bản để đối chiếu.",
        "The app computes the total from the parts and keeps the printed figure for reference.",
    ),
    "points_cell_ambiguous": (
        "Ô Thang điểm của {code} ghi hai con số trên hai dòng: “{cells}”.",
        "The points cell of {code} holds two figures on two lines: “{cells}”.",
        "Ứng dụng dùng con số đầu ({first}): {why}",
        "The app uses the first figure ({first}): {why}",
    ),
    "option_points_missing": (
        "Phương án “{text}” của {code} để trống ô Thang điểm; các phương án khác ghi {others}.",
        "The option “{text}” of {code} has an empty points cell; the other options say {others}.",
        "Ứng dụng tính phương án này 0 điểm (ô trống: không được điểm; đây là phương án thấp "
        "nhất), nên điểm tối đa của tiêu chí không đổi.",
        "The app counts this option as 0 points (an empty cell awards nothing; it is the lowest "
        "option), so the criterion's maximum does not change.",
    ),
    "equal_option_points": (
        "Các phương án “{texts}” của {code} cùng ghi {points} điểm.",
        "The options “{texts}” of {code} are each worth {points}.",
        f"{_SAME_AS_PRINTED[0]} ({{points}} điểm cho mỗi phương án); {_MAXIMUM_KEPT[0]}.",
        f"{_SAME_AS_PRINTED[1]} ({{points}} for each); {_MAXIMUM_KEPT[1]}.",
    ),
    "options_out_of_order": (
        "Điểm các phương án của {code}, theo thứ tự in: {points} (không tăng dần).",
        "The options of {code} are worth, in printed order: {points} (not ascending).",
        "Ứng dụng giữ thứ tự và điểm như văn bản in.",
        "The app keeps the printed order and points.",
    ),
    "duplicate_option": (
        "Phương án “{text}” của {code} được in {count} lần.",
        "The option “{text}” of {code} is printed {count} times.",
        "Ứng dụng giữ mọi phương án như văn bản in, với điểm của từng dòng.",
        "The app keeps every option as printed, each with its own points.",
    ),
    "option_text_unusual": (
        "Phương án “{text}” của {code} kết thúc bằng dấu hai chấm, không có gì theo sau.",
        "The option “{text}” of {code} ends with a colon followed by nothing.",
        "Ứng dụng giữ nguyên chữ như văn bản in và không gán dấu sao cho phương án này (có thể "
        "văn bản thiếu dấu sao ở đây, nhưng không thể biết là mấy sao).",
        "The app keeps the words as printed and gives this option no star marker (a marker may "
        "be missing here, but its class cannot be known).",
    ),
    "option_bullet_unusual": (
        "Một phương án của {code} in ký hiệu “{bullet}” thay cho “□”: “{bullet} {text}”.",
        "An option of {code} is printed with “{bullet}” instead of “□”: “{bullet} {text}”.",
        "Ứng dụng coi đây là một phương án như các phương án khác: dòng có điểm riêng ở cột "
        "Thang điểm, cùng chỗ với phương án tương ứng ở các phiếu khác.",
        "The app treats it as an option like the others: the row has its own figure in the "
        "points column, like the matching option on the other sheets.",
    ),
    "star_marker_unusual": (
        "Dấu sao của một phương án của {code} in có dấu cách: “{marker}”.",
        "The star marker of an option of {code} is printed with spaces: “{marker}”.",
        "Ứng dụng đọc là dấu {stars} sao ({plain}): chỉ có dấu cách chen giữa.",
        "The app reads it as a {stars}-star marker ({plain}): only spaces differ.",
    ),
    "star_marker_duplicated": (
        "{count} phương án của {code} cùng đánh dấu {stars} sao.",
        "{count} options of {code} carry the {stars}-star marker.",
        "Yêu cầu tối thiểu cho {stars} sao là phương án thấp hơn ({lowest} điểm), vì dấu sao là "
        "yêu cầu tối thiểu.",
        "The {stars}-star minimum is the lower option ({lowest} points), since the stars mark "
        "minimum requirements.",
    ),
    "star_markers_out_of_order": (
        "Ở {code}, dấu {low} sao nằm ở phương án {low_points} điểm, dấu {high} sao ở phương án "
        "{high_points} điểm.",
        "In {code}, the {low}-star marker is on a {low_points}-point option and the {high}-star "
        "marker on a {high_points}-point option.",
        "Sản phẩm {high} sao phải đạt cả yêu cầu của hạng thấp hơn, nên thực tế cần {low_points} "
        "điểm cho cả hai hạng.",
        "A {high}-star product must also meet the lower class's requirement, so in effect both "
        "classes need {low_points} points.",
    ),
    "star_marker_ambiguous": (
        "Phương án đánh dấu {stars} sao “{text}” của {code} có cùng {points} điểm với “{others}”.",
        "The {stars}-star option “{text}” of {code} is worth the same {points} points as "
        "“{others}”.",
        "Ứng dụng so điểm của tiêu chí với {points} điểm, nên các phương án cùng điểm đều đạt "
        "yêu cầu.",
        "The app compares the criterion's points with {points}, so every option worth as much "
        "meets the requirement.",
    ),
    "ambiguous_rule": (
        "Tiêu chí {code} có ghi chú “{text}”.",
        "Criterion {code} carries the note “{text}” ({gloss}).",
        "Ứng dụng giữ câu này làm ghi chú (note) hiển thị cho thành viên, không tự loại sản phẩm "
        "và không ngừng đánh giá: câu này không nói “bị loại”, cũng không nói ngừng đánh giá các "
        "tiêu chí khác; có thể hiểu là sản phẩm không được đánh giá, hoặc chỉ là hướng dẫn chấm "
        "tiêu chí này. Hội đồng quyết định.",
        "The app keeps it as a note shown to members; it neither excludes the product nor stops "
        "the evaluation: the note neither says “bị loại” (excluded) nor that the other criteria "
        "are not evaluated; it may mean the product is not evaluated at all, or only guide the "
        "scoring of this criterion. The council decides.",
    ),
    "sheet_name_differs": (
        "Tiêu đề của phiếu ghi “{heading}”; danh mục đầu Phụ lục II ghi “{listed}”.",
        "The sheet's heading says “{heading}”; the list opening Annex II says “{listed}”.",
        "Ứng dụng dùng nguyên văn tiêu đề của chính phiếu làm tên phiếu (name) và lấy mã phiếu "
        "(code) từ tiêu đề đó; hai cách ghi chỉ cùng một bộ sản phẩm.",
        "The app uses the sheet's own heading, verbatim, as its name and derives the sheet code "
        "from it; both wordings name the same product set.",
    ),
    "missing_exclusion_line": (
        "Phiếu không có dòng “Hồ sơ bị loại khi: …” mà các phiếu khác có ở phần đầu.",
        "The sheet has no “Hồ sơ bị loại khi: …” (dossier excluded when …) line, which the other "
        "sheets carry in their header.",
        "Ứng dụng ghi exclusion: null, không hiển thị điều kiện loại hồ sơ cho phiếu này và "
        "không mượn điều kiện của phiếu khác.",
        "The app records exclusion: null, shows no exclusion line for this sheet and does not "
        "borrow another sheet's.",
    ),
    "duplicate_exclusion_line": (
        "Dòng “{text}” được in {count} lần liền nhau, giống hệt nhau.",
        "The line “{text}” is printed {count} times in a row, identically.",
        "Ứng dụng giữ dòng này một lần.",
        "The app keeps the line once.",
    ),
    "exclusion_line_worded_differently": (
        "Dòng điều kiện loại hồ sơ mở đầu bằng “{opening}” thay vì “Hồ sơ bị loại khi:”.",
        "The exclusion line opens with “{opening}” instead of “Hồ sơ bị loại khi:”.",
        "Ứng dụng giữ nguyên văn dòng này làm exclusion, với cùng ý nghĩa như ở các phiếu khác.",
        "The app keeps the line verbatim as the exclusion, meaning the same as on the other "
        "sheets.",
    ),
    "missing_star_note": (
        "Phiếu không có ghi chú “Dấu sao là yêu cầu tối thiểu…”, dù có {count} phương án đánh "
        "dấu sao.",
        "The sheet lacks the note “Dấu sao là yêu cầu tối thiểu…” (the stars are minimum "
        "requirements) although {count} of its options carry star markers.",
        "Ứng dụng ghi star_note: null và vẫn ghi các dấu sao như văn bản in (stars); chúng được "
        "đọc như ở các phiếu khác.",
        "The app records star_note: null and keeps the star markers as printed (stars); they "
        "are read as on the other sheets.",
    ),
}


@dataclass
class Findings:
    """The irregularities of one sheet: where the official text does not add up or reads two
    ways, each with what the app does about it (entries of irregularities.json).

    ``remarks`` are a reader's words on a given (criterion, kind), appended to ``app_does``.
    """

    sheet: str
    remarks: dict[tuple[str | None, str], tuple[str, str]] = field(default_factory=dict)
    entries: list[dict] = field(default_factory=list)

    def add(self, criterion: str | None, kind: str, **fields: object) -> None:
        """Record an entry of a kind of ``MESSAGES``. A field may be a (Vietnamese, English) pair;
        figures are printed as in the text."""
        says_vi, says_en, does_vi, does_en = MESSAGES[kind]
        vi, en = (_shown(fields, criterion, language) for language in (0, 1))
        says = (says_vi.format(**vi), says_en.format(**en))
        self.record(criterion, kind, says, (does_vi.format(**vi), does_en.format(**en)))

    def record(self, criterion: str | None, kind: str, says: tuple, does: tuple) -> None:
        """Record an entry written out in full (both languages of text_says and app_does)."""
        remark = self.remarks.get((criterion, kind))
        if remark:
            does = (f"{does[0]} {remark[0]}", f"{does[1]} {remark[1]}")
        self.entries.append(
            {
                "sheet": self.sheet,
                "criterion": criterion,
                "kind": kind,
                "text_says": {"vi": says[0], "en": says[1]},
                "app_does": {"vi": does[0], "en": does[1]},
            }
        )


def _shown(fields: dict, criterion: str | None, language: int) -> dict:
    shown = {"code": criterion}
    for key, value in fields.items():
        if isinstance(value, tuple):
            value = value[language]
        shown[key] = figure(value) if isinstance(value, Decimal) else value
    return shown


# The sheet model: parts of nodes (sections, criteria), leaves with options or alternatives.


@dataclass
class Level:
    points: Decimal | None
    text: str
    stars: int | None = None


@dataclass
class Case:
    code: str
    name: str
    levels: list[Level] = field(default_factory=list)


@dataclass
class Node:
    """A section or criterion; a leaf has options (``levels``), alternatives or none (yes/no)."""

    code: str
    name: str
    points: Decimal
    cells: list[str]
    notes: list[str] = field(default_factory=list)
    rules: list[tuple[str, str]] = field(default_factory=list)
    condition: tuple[str, str] | None = None  # (the criterion it depends on, the words)
    levels: list[Level] = field(default_factory=list)
    cases: list[Case] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    def maximum(self) -> Decimal:
        """Sum of the children; else the best option (of the best case); else the points."""
        if self.children:
            return sum((child.maximum() for child in self.children), Decimal(0))
        options = [level.points for level in self.levels]
        options += [max(level.points for level in case.levels) for case in self.cases]
        return max(options, default=self.points)

    def option_lists(self) -> list[list[Level]]:
        return [self.levels] if self.levels else [case.levels for case in self.cases]

    def walk(self):
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Part:
    code: str
    name: str
    points: Decimal
    label: Decimal
    criteria: list[Node] = field(default_factory=list)

    def nodes(self):
        for node in self.criteria:
            yield from node.walk()

    def leaves(self):
        return [node for node in self.nodes() if not node.children]


# The JSON form of a sheet's nodes (format 1).


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def vi(text: str) -> dict:
    return {"vi": text}


def level_json(level: Level) -> dict:
    data = {"points": number(level.points), "text": vi(level.text)}
    if level.stars:
        data["stars"] = level.stars
    return data


def node_json(node: Node) -> dict:
    """A node as in the sheet files: only the keys that apply, in a fixed order."""
    data = {"code": node.code, "name": vi(node.name), "points": number(node.points)}
    if node.notes:
        data["note"] = vi("\n".join(node.notes))
    if node.condition:
        criterion, text = node.condition
        data["condition"] = {"criterion": criterion, "above": 0, "text": vi(text)}
    if node.children:
        data["children"] = [node_json(child) for child in node.children]
    elif node.levels:
        data["levels"] = [level_json(level) for level in node.levels]
    elif node.cases:
        data["cases"] = [
            {"code": c.code, "name": vi(c.name), "levels": [level_json(lv) for lv in c.levels]}
            for c in node.cases
        ]
    else:
        data["yes_no"] = True
    if node.rules:
        data["rules"] = [{"kind": kind, "text": vi(text)} for kind, text in node.rules]
    return data


# Proof checks: every place where the figures do not add up is recorded, never repaired.


def agreement(value: Decimal, facts: list[tuple[str, str, Decimal]]) -> tuple[str, str]:
    """Why ``value`` is the figure to use: the facts it agrees with, in both languages."""
    agreed = [(vi_, en_, f"({figure(fact)})") for vi_, en_, fact in facts if fact == value]
    if not agreed:
        return ("con số này không khớp với con số nào khác.", "it agrees with no other figure.")
    in_vi = enumeration([f"{label} {shown}" for label, _, shown in agreed], "và")
    in_en = enumeration([f"{label} {shown}" for _, label, shown in agreed], "and")
    return (f"con số này bằng {in_vi}.", f"it equals {in_en}.")


def enumeration(items: list[str], conjunction: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def settle_missing_points(findings: Findings, parts: list[Part]) -> None:
    """An option with an empty points cell scores 0 (listed as an irregularity)."""
    for part in parts:
        for node in part.leaves():
            for levels in node.option_lists():
                for level in (lv for lv in levels if lv.points is None):
                    others = [lv.points for lv in levels if lv.points is not None]
                    others = ", ".join(figure(points) for points in others)
                    findings.add(node.code, "option_points_missing", text=level.text, others=others)
                    level.points = Decimal(0)


def check_part(findings: Findings, part: Part, required: int, law: tuple[str, str]) -> None:
    """The part against its stated points, its sections and ``required`` (set by ``law``)."""
    sections = sum((node.points for node in part.criteria), Decimal(0))
    leaves = sum((node.maximum() for node in part.criteria), Decimal(0))
    facts = [
        (*law, Decimal(required)),
        ("tổng các mục", "the sum of its sections", sections),
        ("tổng điểm tối đa của các tiêu chí lá", "the sum of its leaf criteria's maxima", leaves),
    ]
    if part.label != part.points:
        why = agreement(part.points, facts)
        findings.add(
            part.code, "label_points_differ", label=part.label, column=part.points, why=why
        )
    if sections != part.points:
        findings.add(part.code, "part_sum_differs", stated=part.points, total=sections)
    if part.points != required:
        findings.add(part.code, "part_points_differ", stated=part.points, required=required)
    for node in part.nodes():
        check_node(findings, node, part, required)
    if leaves != required:
        read = (part.code, "part_leaf_sum_differs") in findings.remarks  # a reader's reading
        reading = ("", "") if read else NO_READING
        findings.add(
            part.code, "part_leaf_sum_differs", total=leaves, required=required, reading=reading
        )


def check_node(findings: Findings, node: Node, part: Part, required: int) -> None:
    if len(node.cells) > 1:
        check_points_cell(findings, node, part, required)
    if node.children:
        total = sum((child.points for child in node.children), Decimal(0))
        if total != node.points:
            findings.add(node.code, "section_sum_differs", stated=node.points, total=total)
        return
    if node.levels:
        check_options(findings, node, node.levels, "")
    for case in node.cases:
        check_options(findings, node, case.levels, case.code)


def check_points_cell(findings: Findings, node: Node, part: Part, required: int) -> None:
    """A points cell with several figures: the first is used; say what it agrees with."""
    others = sum((n.points for n in part.criteria if n is not node), Decimal(0))
    facts = [
        ("phương án cao nhất", "the best option", node.maximum()),
        (
            f"phần còn thiếu để Phần {part.code} đủ {required}",
            f"what Part {part.code} needs to reach {required}",
            Decimal(required) - others,
        ),
    ]
    why, cells = agreement(node.points, facts), "”, “".join(node.cells)
    findings.add(node.code, "points_cell_ambiguous", cells=cells, first=node.cells[0], why=why)


def check_options(findings: Findings, node: Node, levels: list[Level], case: str) -> None:
    best = max(level.points for level in levels)
    if best != node.points:
        where = (f" (trường hợp {case})", f" (case {case})") if case else ("", "")
        findings.add(node.code, "best_option_differs", stated=node.points, best=best, case=where)
    check_stars(findings, node.code, levels)
    for text, count in Counter(level.text for level in levels).items():
        if count > 1:
            findings.add(node.code, "duplicate_option", text=text, count=count)
    for points, count in Counter(level.points for level in levels).items():
        group = [level for level in levels if level.points == points]
        if count > 1 and not any(level.stars for level in group):
            texts = "”, “".join(level.text for level in group)
            findings.add(node.code, "equal_option_points", texts=texts, points=points)
    if any(a.points > b.points for a, b in pairwise(levels)):
        shown = ", ".join(figure(level.points) for level in levels)
        findings.add(node.code, "options_out_of_order", points=shown)
    for level in (level for level in levels if level.text.endswith(":")):
        findings.add(node.code, "option_text_unusual", text=level.text)


def check_stars(findings: Findings, code: str, levels: list[Level]) -> None:
    """Two markers of a class, a higher class needing fewer points, a marker shared by points."""
    marked = [level for level in levels if level.stars]
    lowest = {m.stars: min(x.points for x in marked if x.stars == m.stars) for m in marked}
    for stars, count in Counter(level.stars for level in marked).items():
        if count > 1:
            findings.add(
                code, "star_marker_duplicated", count=count, stars=stars, lowest=lowest[stars]
            )
    for low, high in ((a, b) for a in lowest for b in lowest if a < b and lowest[b] < lowest[a]):
        points = {"low_points": lowest[low], "high_points": lowest[high]}
        findings.add(code, "star_markers_out_of_order", low=low, high=high, **points)
    for level in marked:
        twins = [
            other.text for other in levels if other is not level and other.points == level.points
        ]
        if twins:
            shown = {"text": level.text, "points": level.points, "others": "”, “".join(twins)}
            findings.add(code, "star_marker_ambiguous", stars=level.stars, **shown)
