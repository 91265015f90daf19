"""Proof-reading the 26 criteria sheets of Decision 26/2026/QĐ-TTg against the published text.

The committed sheet files are read as JSON (``Decimal`` figures), not through the loader. The
flattened text of the decision (``qd-26-2026-TTg.txt``, table cells ended by lines holding
``|``) is parsed here on its own, independently of the converter, so that a converter mistake
cannot vouch for itself. Every failure names the sheet and the criterion. What does not add up
in the decision itself must be listed in irregularities.json, and every entry there must still
be true. The sheet files keep every figure as printed; a misprinted option's points are corrected
only where irregularities.json records a ``correction``, and the sums must hold once it applies.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections import Counter
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

from evalapp.rules.converters import dump_json
from evalapp.rules.converters.qd26_2026 import convert

ROOT = Path(__file__).resolve().parents[3]
SOURCE = ROOT.parent / "shared" / "ocop" / "26-2026"
HTML, TXT = SOURCE / "qd-26-2026-TTg.html", SOURCE / "qd-26-2026-TTg.txt"
if not HTML.exists():
    pytest.skip(f"the published decision is not at {HTML}", allow_module_level=True)

DATA = ROOT / "evalapp" / "rules" / "data" / "rulebooks" / "26-2026"
REQUIRED = {"A": 40, "B": 25, "C": 35}  # Điều 3.1
SUBGROUPS = [
    *("I.1.a", "I.1.b", "I.2.a", "I.2.b", "I.3.a", "I.3.b", "I.3.c", "I.3.d"),
    *("I.4.a", "I.4.b", "I.5.a", "I.5.b", "I.6", "II.1.a", "II.1.b", "II.2.a", "II.2.b"),
    *("III.1", "III.2", "III.3", "IV.1", "IV.2", "V.1", "V.2", "V.3", "VI.1"),
]
OPTION = re.compile(r"^(?:□|o\s)\s*")
CODE = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
MARKER = re.compile(r"\*(?:\s*\*)*")
QUOTED = re.compile(r"“([^”]*)”")
ANY_LEAF_ZERO_WORDS = "Nếu được 0 điểm tại một trong các chỉ tiêu trên"


def read(path: Path):
    return json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


def words(text: str) -> str:
    return unicodedata.normalize("NFC", " ".join(text.split()))


# The committed files -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def sheets() -> dict[int, dict]:
    found = [read(path) for path in sorted((DATA / "sheets").glob("*.json"))]
    return {sheet["number"]: sheet for sheet in found}


@pytest.fixture(scope="module")
def irregular() -> list[dict]:
    return read(DATA / "irregularities.json")


def listed(irregular: list[dict], sheet: dict, criterion: str | None, kind: str) -> bool:
    return any(
        (e["sheet"], e["criterion"], e["kind"]) == (sheet["code"], criterion, kind)
        for e in irregular
    )


def corrections(irregular: list[dict], sheet: dict) -> dict[str, dict]:
    """The corrections irregularities.json records for the sheet, by criterion."""
    return {
        e["criterion"]: e["correction"]
        for e in irregular
        if e["sheet"] == sheet["code"] and "correction" in e
    }


def corrected(sheet: dict, irregular: list[dict]) -> dict:
    """The sheet with the recorded corrections applied to its options' points."""
    fixed, fixes = copy.deepcopy(sheet), corrections(irregular, sheet)
    for _, node in nodes(fixed):
        if node["code"] in fixes:
            level = node["levels"][fixes[node["code"]]["option"]]
            assert level["points"] == fixes[node["code"]]["printed_points"], node["code"]
            level["points"] = fixes[node["code"]]["points"]
    return fixed


def nodes(sheet: dict):
    """(part, node) for every section and criterion of the sheet, in order."""

    def walk(part, items):
        for node in items:
            yield part, node
            yield from walk(part, node.get("children", []))

    for part in sheet["parts"]:
        yield from walk(part, part["criteria"])


def option_lists(node: dict) -> list[list[dict]]:
    if "levels" in node:
        return [node["levels"]]
    return [case["levels"] for case in node.get("cases", [])]


def maximum(node: dict) -> Decimal:
    """A leaf's best option (its best case's), or its points for yes/no; a section's sum."""
    if "children" in node:
        return sum((maximum(child) for child in node["children"]), Decimal(0))
    if node.get("yes_no"):
        return Decimal(node["points"])
    return max(max(level["points"] for level in levels) for levels in option_lists(node))


# The published text, parsed on its own ------------------------------------------------------


@pytest.fixture(scope="module")
def source() -> dict[int, list[list[str]]]:
    """Each sheet of Phụ lục II as its table cells (each a list of stripped lines)."""
    lines = TXT.read_text(encoding="utf-8").splitlines()
    lines = lines[lines.index("PHỤ LỤC II") : lines.index("PHỤ LỤC III")]
    found: dict[int, list[str]] = {}
    for i, line in enumerate(lines):
        heading = re.match(r"^(\d{1,2})\.\s*(.*)$", line)  # headings start the line; cells don't
        title = heading and (heading.group(2) or lines[i + 1])
        if heading and int(heading.group(1)) == len(found) + 1 and "ản phẩm" in title:
            found[len(found) + 1] = []
        elif found:
            found[len(found)].append(line.strip())
    return {number: cells(sheet_lines) for number, sheet_lines in found.items()}


def cells(lines: list[str]) -> list[list[str]]:
    out: list[list[str]] = [[]]
    for line in lines:
        if line == "|":
            out.append([])
        elif line:
            out[-1].append(line)
    return out


def source_options(
    sheet_cells: list[list[str]],
) -> list[tuple[str, str, Decimal | None, int | None]]:
    """(the code of the row above, words without the star marker, points or None, stars) of
    every "□" option. A "Ghi chú" inside an option's cell (after its marker) is not its words."""
    options, code = [], None
    for cell, points in pairwise(sheet_cells):
        if cell and CODE.match(cell[0]):
            code = CODE.match(cell[0]).group(1)
        if cell and OPTION.match(cell[0]):
            text = OPTION.sub("", " ".join(cell)).split(" Ghi chú:")[0].strip()
            markers = MARKER.findall(text)
            assert len(markers) <= 1 and not MARKER.sub("", text).endswith("*"), text
            stars = markers[0].count("*") if markers else None
            assert stars in (None, 3, 4, 5), f"a marker of {stars} stars: {text}"
            assert len(points) <= 1, f"an option with several figures: {text} {points}"
            figure = Decimal(points[0]) if points else None
            options.append((code, words(MARKER.sub("", text)), figure, stars))
    return options


def sheet_options(sheet: dict) -> list[tuple[str, str, Decimal, int | None]]:
    """(criterion, words, points, stars) of every option of the sheet, cases included, in order."""
    return [
        (node["code"], words(level["text"]["vi"]), level["points"], level.get("stars"))
        for _, node in nodes(sheet)
        for levels in option_lists(node)
        for level in levels
    ]


def source_rows(sheet_cells: list[list[str]]) -> dict[str, list[str]]:
    """The points cell of every numbered row (section or criterion), by code."""
    return {
        CODE.match(c[0]).group(1): p for c, p in pairwise(sheet_cells) if c and CODE.match(c[0])
    }


def source_parts(sheet_cells: list[list[str]]) -> dict[str, tuple[Decimal, Decimal]]:
    """Part code → (the label's figure "(40 Điểm)", the points column's figure)."""
    parts = {}
    for cell, points in pairwise(sheet_cells):
        found = re.match(r"^Phần\s+([ABC])\b.*\((\d+)\s*Điểm\)$", " ".join(cell), re.I | re.S)
        if found:
            parts[found.group(1).upper()] = (Decimal(found.group(2)), Decimal(points[0]))
    return parts


# 1. The converter reproduces the committed files ---------------------------------------------


def test_converting_the_decision_again_gives_the_committed_files():
    converted = convert(HTML.read_text(encoding="utf-8"))
    committed = {
        str(path.relative_to(DATA)): path.read_text(encoding="utf-8")
        for path in [*sorted((DATA / "sheets").glob("*.json")), DATA / "irregularities.json"]
    }
    assert sorted(converted) == sorted(committed), "the files differ in name"
    assert len(committed) == 27
    for name in sorted(committed):
        assert dump_json(converted[name]) == committed[name], (
            f"{name} differs from convert(): run python -m evalapp.rules.converters.qd26_2026"
        )


# 2. Every option of the text, once, with its words and points -----------------------------


def test_every_option_appears_once_with_its_words_and_points(sheets, source, irregular):
    assert sorted(source) == list(range(1, 27))
    for number, sheet in sheets.items():
        missing = {
            quote
            for e in irregular
            if e["sheet"] == sheet["code"] and e["kind"] == "option_points_missing"
            for quote in QUOTED.findall(e["text_says"]["vi"])[:1]
        }
        expected = [
            (code, text, Decimal(0) if points is None and text in missing else points)
            for code, text, points, _ in source_options(source[number])
        ]
        actual = [option[:3] for option in sheet_options(sheet)]
        only_text, only_sheet = (
            Counter(expected) - Counter(actual),
            Counter(actual) - Counter(expected),
        )
        assert not only_text and not only_sheet, (
            f"sheet {sheet['code']}: only in the text {sorted(only_text)}; "
            f"only in the sheet {sorted(only_sheet)}"
        )
        assert actual == expected, f"sheet {sheet['code']}: the options are not in the text's order"


# 3. Each criterion's maximum is its stated points ------------------------------------------


def test_each_criterion_can_reach_its_stated_points(sheets, irregular):
    for printed in sheets.values():
        sheet, fixes = corrected(printed, irregular), corrections(irregular, printed)
        for _, node in nodes(sheet):
            exempt = listed(irregular, sheet, node["code"], "best_option_differs")
            if "children" in node or (exempt and node["code"] not in fixes):
                continue
            for levels in option_lists(node) or [[{"points": node["points"]}]]:
                best = max(level["points"] for level in levels)
                assert best == node["points"], (
                    f"sheet {sheet['code']}, criterion {node['code']}: states "
                    f"{node['points']}, best option {best}"
                )


# 4. Sections and parts add up; every listed irregularity is still true ---------------------


def test_sections_and_parts_add_up(sheets, irregular):
    """With the recorded corrections applied (the figures are otherwise as printed)."""
    for printed in sheets.values():
        sheet = corrected(printed, irregular)
        for _, node in nodes(sheet):
            if "children" in node and not listed(
                irregular, sheet, node["code"], "section_sum_differs"
            ):
                total = sum(child["points"] for child in node["children"])
                assert total == node["points"], (
                    f"sheet {sheet['code']}, section {node['code']}: states {node['points']}, "
                    f"its criteria add up to {total}"
                )
        assert [part["code"] for part in sheet["parts"]] == ["A", "B", "C"], sheet["code"]
        for part in sheet["parts"]:
            check_part(sheet, part, irregular)


def check_part(sheet: dict, part: dict, irregular: list[dict]) -> None:
    where, code, required = (
        f"sheet {sheet['code']}, part {part['code']}",
        part["code"],
        REQUIRED[part["code"]],
    )
    sections = sum(node["points"] for node in part["criteria"])
    leaves = sum((maximum(node) for node in part["criteria"]), Decimal(0))
    if not listed(irregular, sheet, code, "part_sum_differs"):
        assert sections == part["points"], f"{where}: states {part['points']}, sections {sections}"
    if not listed(irregular, sheet, code, "part_points_differ"):
        assert part["points"] == required, f"{where}: states {part['points']}, Điều 3.1 {required}"
    # No exemption: a part whose leaves do not add up (part_leaf_sum_differs) must add up once
    # the recorded corrections apply, or the app could not score the sheet.
    assert leaves == required, f"{where}: the leaves add up to {leaves}, not {required}"


def test_part_headings_agree_with_the_points_column(sheets, source, irregular):
    for number, sheet in sheets.items():
        parts = source_parts(source[number])
        for part in sheet["parts"]:
            label, column = parts[part["code"]]
            where = f"sheet {sheet['code']}, part {part['code']}"
            assert part["points"] == column, f"{where}: {part['points']}, the column says {column}"
            if not listed(irregular, sheet, part["code"], "label_points_differ"):
                assert label == column, f"{where}: the heading says ({label} Điểm), column {column}"


def test_irregularities_are_well_formed_and_in_order(sheets, irregular):
    codes = [sheet["code"] for sheet in sheets.values()]
    order = [e["sheet"] for e in irregular]
    assert order == sorted(order, key=codes.index), "irregularities.json is not in sheet order"
    for e in irregular:
        assert set(e) - {"correction"} == {"sheet", "criterion", "kind", "text_says", "app_does"}
        assert "correction" not in e or e["kind"] == "best_option_differs", e
        assert re.fullmatch(r"[a-z]+(?:_[a-z]+)*", e["kind"]), e["kind"]
        for field in ("text_says", "app_does"):
            assert set(e[field]) == {"vi", "en"} and all(e[field].values()), (e["sheet"], field)
            assert re.search(r"[àáảãạăâđêôơưấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự]", e[field]["vi"])


def test_corrections_point_at_a_printed_option(sheets, irregular):
    by_code = {sheet["code"]: sheet for sheet in sheets.values()}
    fixed = [e for e in irregular if "correction" in e]
    assert fixed, "irregularities.json records no correction"
    for e in fixed:
        correction, where = e["correction"], f"sheet {e['sheet']}, criterion {e['criterion']}"
        assert set(correction) == {"option", "printed_points", "points"}, where
        levels = find(by_code[e["sheet"]], e["criterion"]).get("levels", [])
        assert 0 <= correction["option"] < len(levels), f"{where}: no option {correction}"
        printed = levels[correction["option"]]["points"]
        assert printed == correction["printed_points"] != correction["points"], (
            f"{where}: the option is printed {printed}, the correction says {correction}"
        )


def test_every_listed_irregularity_is_still_true(sheets, source, irregular):
    by_code = {sheet["code"]: (number, sheet) for number, sheet in sheets.items()}
    for e in irregular:
        number, sheet = by_code[e["sheet"]]
        node = find(sheet, e["criterion"])
        check = STALE_CHECKS.get(e["kind"])
        assert check, f"{e['sheet']} {e['criterion']}: no check for the kind {e['kind']!r}"
        assert check(sheet, node, source[number], QUOTED.findall(e["text_says"]["vi"])), (
            f"sheet {e['sheet']}, criterion {e['criterion']}: {e['kind']} is no longer true"
        )


def find(sheet: dict, code: str | None) -> dict | None:
    """The part or criterion an irregularity is about (None for the sheet as a whole)."""
    if code is None:
        return None
    part = next((part for part in sheet["parts"] if part["code"] == code), None)
    return part or next(node for _, node in nodes(sheet) if node["code"] == code)


def texts(node: dict) -> list[str]:
    return [level["text"]["vi"] for levels in option_lists(node) for level in levels]


def points(node: dict) -> list[list[Decimal]]:
    return [[level["points"] for level in levels] for levels in option_lists(node)]


def starred(node: dict) -> list[dict]:
    return [level for levels in option_lists(node) for level in levels if level.get("stars")]


def lowest_by_class(node: dict) -> dict[int, Decimal]:
    marked = starred(node)
    return {
        m["stars"]: min(x["points"] for x in marked if x["stars"] == m["stars"]) for m in marked
    }


def option_cells(sheet_cells: list[list[str]]) -> str:
    return " ".join(" ".join(cell) for cell in sheet_cells if cell and OPTION.match(cell[0]))


def header_count(sheet_cells: list[list[str]], text: str) -> int:
    return words(" ".join(sheet_cells[0])).count(words(text))


# Each check says whether an irregularity of its kind is still true of the sheet and the text:
# (sheet, the part or criterion, the sheet's cells in the text, the words quoted in text_says).
STALE_CHECKS = {
    "best_option_differs": lambda s, n, c, q: any(max(p) != n["points"] for p in points(n)),
    "section_sum_differs": lambda s, n, c, q: (
        sum(x["points"] for x in n["children"]) != n["points"]
    ),
    "part_sum_differs": lambda s, n, c, q: sum(x["points"] for x in n["criteria"]) != n["points"],
    "part_points_differ": lambda s, n, c, q: n["points"] != REQUIRED[n["code"]],
    "part_leaf_sum_differs": lambda s, n, c, q: (
        sum((maximum(x) for x in n["criteria"]), Decimal(0)) != REQUIRED[n["code"]]
    ),
    "label_points_differ": lambda s, n, c, q: len(set(source_parts(c)[n["code"]])) == 2,
    "points_cell_ambiguous": lambda s, n, c, q: len(source_rows(c)[n["code"]]) > 1,
    "option_points_missing": lambda s, n, c, q: (
        (n["code"], words(q[0]), None) in {option[:3] for option in source_options(c)}
    ),
    "equal_option_points": lambda s, n, c, q: (
        len(q) > 1
        and len(
            {level["points"] for ls in option_lists(n) for level in ls if level["text"]["vi"] in q}
        )
        == 1
    ),
    "options_out_of_order": lambda s, n, c, q: any(
        a > b for p in points(n) for a, b in pairwise(p)
    ),
    "duplicate_option": lambda s, n, c, q: texts(n).count(q[0]) > 1,
    "option_text_unusual": lambda s, n, c, q: q[0] in texts(n) and q[0].endswith(":"),
    "option_bullet_unusual": lambda s, n, c, q: any(
        cell and not cell[0].startswith("□") and words(" ".join(cell)).startswith(q[-1])
        for cell in c
    ),
    "star_marker_unusual": lambda s, n, c, q: q[0] in option_cells(c),
    "star_marker_duplicated": lambda s, n, c, q: len(starred(n)) > len(lowest_by_class(n)),
    "star_markers_out_of_order": lambda s, n, c, q: any(
        lowest_by_class(n)[a] > lowest_by_class(n)[b]
        for a in lowest_by_class(n)
        for b in lowest_by_class(n)
        if a < b
    ),
    "star_marker_ambiguous": lambda s, n, c, q: any(
        sum(p == m["points"] for p in ps) > 1 for ps in points(n) for m in starred(n)
    ),
    "ambiguous_rule": lambda s, n, c, q: q[0] in n.get("note", {}).get("vi", "").split("\n"),
    "sheet_name_differs": lambda s, n, c, q: s["name"]["vi"] == q[0] != q[1],
    "missing_exclusion_line": lambda s, n, c, q: s["exclusion"] is None,
    "duplicate_exclusion_line": lambda s, n, c, q: header_count(c, q[0]) > 1,
    "exclusion_line_worded_differently": lambda s, n, c, q: (
        not s["exclusion"]["vi"].startswith("Hồ sơ bị loại khi:")
    ),
    "exclusion_line_unclear": lambda s, n, c, q: q[0] in s["exclusion"]["vi"],
    "missing_star_note": lambda s, n, c, q: (
        s["star_note"] is None and any(starred(node) for _, node in nodes(s))
    ),
}


# 5. Every star marker of the text, on the same option, same class -------------------------


def test_every_star_marker_is_on_its_option_with_its_class(sheets, source):
    for number, sheet in sheets.items():
        expected = Counter((c, text, stars) for c, text, _, stars in source_options(source[number]))
        actual = Counter((c, text, stars) for c, text, _, stars in sheet_options(sheet))
        assert actual == expected, (
            f"sheet {sheet['code']}: stars only in the text {sorted(expected - actual, key=str)}; "
            f"only in the sheet {sorted(actual - expected, key=str)}"
        )
        for _, node in nodes(sheet):
            for text in texts(node):
                assert "*" not in text, f"sheet {sheet['code']}, criterion {node['code']}: {text}"


# 6. The 26 sheets, their codes, subgroups and exclusion lines ------------------------------


def test_the_26_sheets_are_there_with_their_codes_and_subgroups(sheets):
    assert sorted(sheets) == list(range(1, 27))
    codes = [sheet["code"] for sheet in sheets.values()]
    assert len(set(codes)) == 26
    for number, sheet in sheets.items():
        code = sheet["code"]
        assert re.fullmatch(rf"{number:02d}-[a-z0-9]+(?:-[a-z0-9]+)*", code) and len(code) <= 40
        assert (DATA / "sheets" / f"{code}.json").exists(), code
        assert (sheet["format"], sheet["rulebook"], sheet["version"]) == (1, "26-2026", "1"), code
        assert sheet["subgroups"] == [SUBGROUPS[number - 1]], code
        assert sheet["name"]["vi"] and sheet["name"]["en"] and sheet["product"]["vi"], code


def test_every_sheet_has_its_exclusion_line_or_says_why_not(sheets, irregular):
    for sheet in sheets.values():
        if sheet["exclusion"] is None:
            assert listed(irregular, sheet, None, "missing_exclusion_line"), sheet["code"]
        else:
            assert re.match(r"^(Hồ sơ )?[Bb]ị loại khi: ", sheet["exclusion"]["vi"]), sheet["code"]


# 7. Codes, conditions, rules and texts ------------------------------------------------------


def test_codes_are_unique_and_conditions_and_rules_resolve(sheets):
    for sheet in sheets.values():
        found = dict((node["code"], node) for _, node in nodes(sheet))
        codes = [node["code"] for _, node in nodes(sheet)]
        assert len(codes) == len(set(codes)), f"sheet {sheet['code']}: a code appears twice"
        for code, node in found.items():
            where = f"sheet {sheet['code']}, criterion {code}"
            shape = [key for key in ("children", "levels", "cases", "yes_no") if key in node]
            assert len(shape) == 1, f"{where}: {shape}"
            assert node.get("yes_no", True) is True, where
            if "condition" in node:
                target = found.get(node["condition"]["criterion"])
                assert target is not None and "children" not in target, where
                assert node["condition"]["above"] == 0, where
            for rule in node.get("rules", []):
                assert rule["kind"] in ("knockout", "stop") and rule["text"]["vi"], where
                assert set(rule) <= {"kind", "when", "text"}, where
                if "children" in node:  # fires by itself, as its words say
                    assert (rule["kind"], rule.get("when")) == ("stop", "any_leaf_zero"), where
                    assert ANY_LEAF_ZERO_WORDS in rule["text"]["vi"], where
                else:  # a judgement the member records
                    assert "when" not in rule, where


def test_texts_are_single_spaced_nfc(sheets):
    def strings(value):
        if isinstance(value, dict):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list):
            for item in value:
                yield from strings(item)
        elif isinstance(value, str):
            yield value

    for sheet in sheets.values():
        for text in strings(sheet):
            for line in text.split("\n"):
                assert line == words(line), f"sheet {sheet['code']}: {line!r}"
