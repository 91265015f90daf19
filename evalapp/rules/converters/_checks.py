"""The proof checks every converted sheet goes through. They record ``Findings`` (the places where
the official text does not add up or reads two ways), never repair a figure, and raise where the
text cannot be read at all. For a misprint a reader listed, ``correct_misprint`` records the
points the app scores the option at instead: the sheet file keeps the printed figure, the
irregularity entry carries the correction and says why, each reason checked against the text."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ._messages import NO_READING, Findings
from ._sheet import Level, Node, Part, figure, number


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


def check_rules(parts: list[Part]) -> None:
    """A rule on a section fires by itself (it has ``when``); a rule on a leaf is a judgement the
    member records (no ``when``)."""
    for node in (node for part in parts for node in part.nodes()):
        for rule in node.rules:
            if bool(node.children) != (rule.when is not None):
                where = "section" if node.children else "leaf"
                raise ValueError(f"{node.code}: a {where} with the rule {rule.when}: {rule.text!r}")


# Misprinted option points the app scores otherwise (recorded by a reader, checked here).


@dataclass(frozen=True)
class Misprint:
    """An option whose printed points are a misprint, and the points the app uses instead."""

    criterion: str
    option: str  # the option's words, as printed
    gloss: str  # the words in English
    printed: Decimal
    points: Decimal


def correct_misprint(
    findings: Findings,
    parts: list[Part],
    misprint: Misprint,
    others: dict[int, list[Part]],
    required: dict[str, int],
    law: tuple[str, str],
) -> None:
    """Record that the app scores a misprinted option of the sheet (``parts``) at
    ``misprint.points``: the criterion's best_option_differs entry carries the correction; it,
    the part's part_leaf_sum_differs and any options_out_of_order entry say what the app does
    and why, citing where the same option is worth those points on the ``others`` sheets (by
    number). Raises unless the correction brings the criterion to its printed maximum and its
    part to the points ``law`` requires (one misprint a part)."""
    part, node, index = misprinted_option(findings.sheet, parts, misprint)
    corrected = [level.points for level in node.levels]
    corrected[index] = misprint.points
    leaves = sum((n.maximum() for n in part.criteria), max(corrected) - node.maximum())
    best = findings.find(node.code, "best_option_differs")
    total = findings.find(part.code, "part_leaf_sum_differs")
    if max(corrected) != node.points or leaves != required[part.code] or not (best and total):
        raise ValueError(f"{findings.sheet}: {misprint} does not make {part.code} add up")
    fields = {
        **{"option": misprint.option, "gloss": misprint.gloss, "criterion": node.code},
        **{"printed": misprint.printed, "points": misprint.points, "stated": node.points},
        **{"part": part.code, "required": required[part.code], "law": law},
        "elsewhere": worth_elsewhere(misprint, min(corrected), others),
        "score": (f"{figure(misprint.points)} điểm", points_en(misprint.points)),
        "corrected": ", ".join(figure(points) for points in corrected),
    }
    correction = {"option": index, "printed_points": number(misprint.printed)}
    findings.correct(best, correction | {"points": number(misprint.points)}, **fields)
    findings.correct(total, **fields)
    if out_of_order := findings.find(node.code, "options_out_of_order"):
        findings.correct(out_of_order, **fields)


def misprinted_option(sheet: str, parts: list[Part], misprint: Misprint) -> tuple[Part, Node, int]:
    """(part, criterion, index among its options) of the option, printed as the misprint says."""
    for part in parts:
        for node in (node for node in part.leaves() if node.code == misprint.criterion):
            found = [i for i, lv in enumerate(node.levels) if lv.text == misprint.option]
            if len(found) == 1 and node.levels[found[0]].points == misprint.printed:
                return part, node, found[0]
    raise ValueError(f"{sheet}: no option {misprint} as printed")


def points_en(value: Decimal) -> str:
    return f"{figure(value)} point" + ("" if value == 1 else "s")


def worth_elsewhere(
    misprint: Misprint, lowest: Decimal, others: dict[int, list[Part]]
) -> tuple[str, str]:
    """The other sheets where the option with the same words is worth ``misprint.points``: every
    one whose option list holding those words starts at ``lowest``, as the misprinted one does.
    Raises if there is none or one of them gives other points."""
    alike = [
        (number_, min(level.points for level in levels), level.points)
        for number_, parts in others.items()
        for levels in (ls for part in parts for node in part.leaves() for ls in node.option_lists())
        for level in levels
        if level.text == misprint.option
    ]
    like = sorted({n for n, start, _ in alike if start == lowest})
    if not like or any(p != misprint.points for _, start, p in alike if start == lowest):
        raise ValueError(f"{misprint}: the same words are worth {alike} elsewhere")
    where = (
        sheet_numbers(like, ("phiếu", "các phiếu"), "và"),
        sheet_numbers(like, ("sheet", "sheets"), "and"),
    )
    if len(like) == len({n for n, _, _ in alike}):
        return where
    return (
        f"{where[0]} (tức mọi phiếu khác có phương án này mà phương án thấp nhất được "
        f"{figure(lowest)} điểm, như ở đây)",
        f"{where[1]} (that is, every other sheet with this option whose lowest option is worth "
        f"{figure(lowest)}, as here)",
    )


def sheet_numbers(numbers: list[int], nouns: tuple[str, str], conjunction: str) -> str:
    """Sheet numbers in words, runs of three or more as ranges: "các phiếu 4–10, 12, 13 và 17"."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    items = [
        item
        for run in runs
        for item in ([f"{run[0]}–{run[-1]}"] if len(run) > 2 else [str(n) for n in run])
    ]
    return f"{nouns[len(numbers) > 1]} {enumeration(items, conjunction)}"
