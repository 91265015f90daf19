"""The sheet model a converter builds (``Part`` → ``Node`` → ``Level``/``Case``) and its JSON
form (format 1), with the small text helpers the files are written with."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

# A section's rule that fires by itself when any criterion under it scores 0 (sheet 16).
ANY_LEAF_ZERO = "any_leaf_zero"


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
class Rule:
    """A knockout or stop rule. On a leaf it is a judgement the member records (``when`` is
    None); on a section it fires by itself, ``when`` saying on what (``ANY_LEAF_ZERO``)."""

    kind: str
    text: str
    when: str | None = None


@dataclass
class Node:
    """A section or criterion; a leaf has options (``levels``), alternatives or none (yes/no)."""

    code: str
    name: str
    points: Decimal
    cells: list[str]
    notes: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
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


# Text helpers.


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


def number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def vi(text: str) -> dict:
    return {"vi": text}


# The JSON form of a sheet's nodes (format 1).


def level_json(level: Level) -> dict:
    data = {"points": number(level.points), "text": vi(level.text)}
    if level.stars:
        data["stars"] = level.stars
    return data


def rule_json(rule: Rule) -> dict:
    when = {"when": rule.when} if rule.when else {}
    return {"kind": rule.kind, **when, "text": vi(rule.text)}


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
        data["rules"] = [rule_json(rule) for rule in node.rules]
    return data
