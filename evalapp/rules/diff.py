"""What changed between two versions of a criteria sheet, for the official who publishes the new
one and the province that must apply it.

Criteria are matched by code, options by code within their criterion. Generated levels (the
yes/no answers, the "Ghi chú" rule answers) are not options: a change to them shows as the
criterion's `yes_no`, stated points or `rules`. The changes come in sheet order: the sheet's
own fields, then part by part its total and its criteria, a removed criterion where it stood.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .model import Condition, CriteriaSheet, Criterion, Level, NoteRule, Text
from .numbers import format_points


class ChangeKind(StrEnum):
    SHEET = "sheet"
    CRITERION_ADDED = "criterion_added"
    CRITERION_REMOVED = "criterion_removed"
    CRITERION_REWORDED = "criterion_reworded"
    CRITERION_MOVED = "criterion_moved"
    POINTS = "points"
    OPTION_ADDED = "option_added"
    OPTION_REMOVED = "option_removed"
    OPTION_REWORDED = "option_reworded"
    MARKER = "marker"


@dataclass(frozen=True)
class Change:
    """One difference; `field` names what changed (e.g. "points", "stars", "part_total")."""

    kind: ChangeKind
    field: str
    message_vi: str
    message_en: str
    part: str | None = None
    criterion: str | None = None
    option: str | None = None
    old: object = None
    new: object = None

    def message(self, lang: str = "vi") -> str:
        return self.message_en if lang == "en" else self.message_vi


@dataclass(frozen=True)
class SheetDiff:
    old: str
    new: str
    changes: tuple[Change, ...]

    def __bool__(self) -> bool:
        return bool(self.changes)

    def of_kind(self, kind: ChangeKind) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.kind == kind)


# --- showing values -------------------------------------------------------------------

FIELD_NAMES = {
    "name": ("tên", "name"),
    "note": ("ghi chú", "note"),
    "subgroups": ("nhóm sản phẩm", "subgroups"),
    "exclusion": ("điều kiện loại hồ sơ", "exclusion line"),
    "star_note": ("ghi chú về sao", "star note"),
    "product": ("dòng sản phẩm", "product line"),
    "number": ("số phiếu", "number"),
    "stated_points": ("điểm ghi", "stated points"),
    "cases": ("các trường hợp", "cases"),
    "condition": ("điều kiện áp dụng", "condition"),
    "rules": ("quy tắc ghi chú", "note rules"),
    "yes_no": ("dạng Có/Không", "yes/no form"),
    "text": ("nội dung", "text"),
    "printed_points": ("điểm in", "printed points"),
    "stars": ("dấu sao", "star marker"),
    "knockout": ("dấu loại", "knock-out marker"),
    "stop": ("dấu dừng", "stop marker"),
    "case": ("trường hợp", "case"),
}
RULE_KINDS = {"knockout": ("loại", "knock-out"), "stop": ("dừng", "stop")}


def show(value: object, lang: str) -> str:
    vi = lang == "vi"
    if value is None or value == ():
        return "(không có)" if vi else "(none)"
    if isinstance(value, bool):
        return ("có" if value else "không") if vi else ("yes" if value else "no")
    if isinstance(value, Decimal):
        return format_points(value, lang)
    if isinstance(value, Text):
        return f"“{value.get(lang)}”"
    if isinstance(value, Condition):
        return f"{value.criterion} > {format_points(value.above, lang)}"
    if isinstance(value, tuple):
        return "; ".join(show_item(item, lang) for item in value)
    return str(value)


def show_item(item: object, lang: str) -> str:
    if isinstance(item, NoteRule):
        return f"{RULE_KINDS[item.kind][lang == 'en']}: {item.text.get(lang)}"
    if hasattr(item, "name") and hasattr(item, "code"):  # a case
        return f"{item.code}. {item.name.get(lang)}"
    return show(item, lang)


def _what(criterion: str | None, option: str | None, part: str | None) -> tuple[str, str]:
    if criterion is None:
        return (f"Phần {part}", f"Part {part}") if part else ("Phiếu", "Sheet")
    vi, en = f"Tiêu chí {criterion}", f"Criterion {criterion}"
    return (f"{vi}, mức {option}", f"{en}, option {option}") if option else (vi, en)


def changed(kind, field, old, new, part=None, criterion=None, option=None) -> Change:
    """A change of `field` from `old` to `new`, with its bilingual message."""
    where_vi, where_en = _what(criterion, option, part)
    if field == "points" and option:  # the phrase of the brief: "điểm mức 3 đổi từ 2 thành 3"
        where_vi, where_en = f"Tiêu chí {criterion}", f"Criterion {criterion}"
        label_vi, label_en = f"điểm mức {option}", f"points of option {option}"
    elif field == "part_total":
        label_vi, label_en = "tổng điểm tối đa", "maximum total"
    elif field == "points":
        label_vi, label_en = FIELD_NAMES["stated_points"]
    else:
        label_vi, label_en = FIELD_NAMES[field]
    return Change(
        kind,
        field,
        f"{where_vi}: {label_vi} đổi từ {show(old, 'vi')} thành {show(new, 'vi')}",
        f"{where_en}: {label_en} changed from {show(old, 'en')} to {show(new, 'en')}",
        part=part,
        criterion=criterion,
        option=option,
        old=old,
        new=new,
    )


# --- comparing --------------------------------------------------------------------------

SHEET_FIELDS = ("name", "subgroups", "number", "product", "exclusion", "star_note")
REWORDING = ("name", "note")
MARKERS = ("yes_no", "condition", "rules")
OPTION_MARKERS = ("stars", "knockout", "stop", "case")


def _sheet_changes(old: CriteriaSheet, new: CriteriaSheet) -> list[Change]:
    return [
        changed(ChangeKind.SHEET, f, getattr(old, f), getattr(new, f))
        for f in SHEET_FIELDS
        if getattr(old, f) != getattr(new, f)
    ]


def _options(node: Criterion) -> dict[str, Level]:
    return {level.code: level for level in node.levels if not level.generated}


def _option_changes(code: str, part: str, old: Criterion, new: Criterion) -> list[Change]:
    before, after = _options(old), _options(new)
    changes = []
    for key, level in after.items():
        if key not in before:
            changes.append(_option_presence(ChangeKind.OPTION_ADDED, code, part, level))
            continue
        was = before[key]
        if was.text != level.text:
            changes.append(
                changed(ChangeKind.OPTION_REWORDED, "text", was.text, level.text, part, code, key)
            )
        for field in ("points", "printed_points"):
            if getattr(was, field) != getattr(level, field):
                old_value, new_value = getattr(was, field), getattr(level, field)
                changes.append(
                    changed(ChangeKind.POINTS, field, old_value, new_value, part, code, key)
                )
        changes += [
            changed(ChangeKind.MARKER, f, getattr(was, f), getattr(level, f), part, code, key)
            for f in OPTION_MARKERS
            if getattr(was, f) != getattr(level, f)
        ]
    changes += [
        _option_presence(ChangeKind.OPTION_REMOVED, code, part, level)
        for key, level in before.items()
        if key not in after
    ]
    return changes


def _option_presence(kind: ChangeKind, code: str, part: str, level: Level) -> Change:
    points_vi, points_en = format_points(level.points, "vi"), format_points(level.points, "en")
    if kind == ChangeKind.OPTION_ADDED:
        vi = f"Tiêu chí {code}: thêm mức {level.code} “{level.text.vi}” ({points_vi} điểm)"
        en = f"Criterion {code}: option {level.code} “{level.text.get('en')}” added ({points_en} points)"
        return Change(kind, "option", vi, en, part, code, level.code, None, level)
    vi = f"Tiêu chí {code}: bỏ mức {level.code} “{level.text.vi}” ({points_vi} điểm)"
    en = f"Criterion {code}: option {level.code} “{level.text.get('en')}” removed ({points_en} points)"
    return Change(kind, "option", vi, en, part, code, level.code, level, None)


def _criterion_changes(
    old: Criterion, new: Criterion, old_parent: str | None, new_parent: str | None
) -> list[Change]:
    code, part = new.code, new.part
    changes = []
    if (old.part, old_parent) != (new.part, new_parent):
        where = (f"{old.part} / {old_parent or '—'}", f"{new.part} / {new_parent or '—'}")
        changes.append(
            Change(
                ChangeKind.CRITERION_MOVED,
                "place",
                f"Tiêu chí {code}: chuyển từ phần/mục {where[0]} sang {where[1]}",
                f"Criterion {code}: moved from part/section {where[0]} to {where[1]}",
                part,
                code,
                old=where[0],
                new=where[1],
            )
        )
    changes += [
        changed(ChangeKind.CRITERION_REWORDED, f, getattr(old, f), getattr(new, f), part, code)
        for f in REWORDING
        if getattr(old, f) != getattr(new, f)
    ]
    if old.cases != new.cases:
        changes.append(
            changed(ChangeKind.CRITERION_REWORDED, "cases", old.cases, new.cases, part, code)
        )
    if old.stated_points != new.stated_points:
        changes.append(
            changed(ChangeKind.POINTS, "points", old.stated_points, new.stated_points, part, code)
        )
    changes += [
        changed(ChangeKind.MARKER, f, getattr(old, f), getattr(new, f), part, code)
        for f in MARKERS
        if getattr(old, f) != getattr(new, f)
    ]
    return changes + _option_changes(code, part, old, new)


def _presence(kind: ChangeKind, node: Criterion) -> Change:
    points_vi, points_en = (
        format_points(node.max_points, "vi"),
        format_points(node.max_points, "en"),
    )
    verb_vi, verb_en = (
        ("thêm", "added") if kind == ChangeKind.CRITERION_ADDED else ("bỏ", "removed")
    )
    return Change(
        kind,
        "criterion",
        f"Tiêu chí {node.code} “{node.name.vi}”: {verb_vi} (tối đa {points_vi} điểm)",
        f"Criterion {node.code} “{node.name.get('en')}”: {verb_en} (at most {points_en} points)",
        node.part,
        node.code,
        old=node if kind == ChangeKind.CRITERION_REMOVED else None,
        new=node if kind == ChangeKind.CRITERION_ADDED else None,
    )


def _nodes(sheet: CriteriaSheet) -> dict[str, tuple[Criterion, str | None]]:
    """Every node by code, with its parent's code (first occurrence wins)."""
    found: dict[str, tuple[Criterion, str | None]] = {}

    def visit(node: Criterion, parent: str | None) -> None:
        found.setdefault(node.code, (node, parent))
        for child in node.children:
            visit(child, node.code)

    for part in sheet.parts:
        for node in part.criteria:
            visit(node, None)
    return found


def _merged_order(old: list[str], new: list[str]) -> list[str]:
    """The new codes in order, each removed code placed after the code it followed before."""
    merged = list(new)
    present = set(new)
    for index, code in enumerate(old):
        if code in present:
            continue
        before = next((c for c in reversed(old[:index]) if c in merged), None)
        merged.insert(0 if before is None else merged.index(before) + 1, code)
    return merged


def _part_changes(old: CriteriaSheet, new: CriteriaSheet, code: str) -> list[Change]:
    was, now = old.part(code), new.part(code)
    changes = []
    old_total = was.max_points if was else Decimal(0)
    new_total = now.max_points if now else Decimal(0)
    if old_total != new_total:
        changes.append(changed(ChangeKind.POINTS, "part_total", old_total, new_total, code))
    old_stated, new_stated = was and was.stated_points, now and now.stated_points
    if old_stated != new_stated:
        changes.append(changed(ChangeKind.POINTS, "points", old_stated, new_stated, code))
    return changes


def diff_sheets(old: CriteriaSheet, new: CriteriaSheet) -> SheetDiff:
    """Every difference from `old` to `new`, in sheet order (empty when the sheets agree)."""
    before, after = _nodes(old), _nodes(new)
    codes = _merged_order(list(before), list(after))
    parts = _merged_order([p.code for p in old.parts], [p.code for p in new.parts])
    changes = _sheet_changes(old, new)
    for part in parts:
        changes += _part_changes(old, new, part)
        for code in codes:
            node = (after.get(code) or before[code])[0]
            if node.part != part:
                continue
            if code not in before:
                changes.append(_presence(ChangeKind.CRITERION_ADDED, node))
            elif code not in after:
                changes.append(_presence(ChangeKind.CRITERION_REMOVED, node))
            else:
                (was, old_parent), (now, new_parent) = before[code], after[code]
                changes += _criterion_changes(was, now, old_parent, new_parent)
    return SheetDiff(old.code, new.code, tuple(changes))
