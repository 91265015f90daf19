"""What a member sends for a sheet: from the HTML form (radio groups and text boxes) or the
autosave JSON. Both are reduced to plain dictionaries keyed by criterion code; anything else sent
(a member id, a total, a state) is ignored, never assigned."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from evalapp.rulebooks.sheet_form import answer_codes, choices_from, field_name
from evalapp.rules import CriteriaSheet

COMMENT_PREFIX = "comment-"
MAX_COMMENT = 1000
MAX_OVERALL = 4000


def comment_name(criterion_code: str) -> str:
    return COMMENT_PREFIX + criterion_code


@dataclass(frozen=True)
class SheetInput:
    choices: dict[str, str]
    comments: dict[str, str]
    overall: str
    version: int | None


def version_from(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def from_form(form: Mapping[str, str], sheet: CriteriaSheet) -> SheetInput:
    comments = {
        leaf.code: form.get(comment_name(leaf.code), "")[:MAX_COMMENT] for leaf in sheet.leaves
    }
    return SheetInput(
        choices=choices_from(form, sheet),
        comments=comments,
        overall=form.get("overall_comment", "")[:MAX_OVERALL],
        version=version_from(form.get("version")),
    )


def from_json(data, sheet: CriteriaSheet) -> SheetInput | None:
    """None when the body is not the object the script sends (the caller answers 400)."""
    if not isinstance(data, dict):
        return None
    choices, comments = data.get("choices", {}), data.get("comments", {})
    overall = data.get("overall", "")
    if not (isinstance(choices, dict) and isinstance(comments, dict) and isinstance(overall, str)):
        return None
    leaves = {leaf.code for leaf in sheet.leaves}
    text = {code: value for code, value in choices.items() if isinstance(value, str)}
    notes = {code: value for code, value in comments.items() if isinstance(value, str)}
    return SheetInput(
        choices={code: text.get(code, "").strip() for code in answer_codes(sheet)},
        comments={code: notes[code][:MAX_COMMENT] for code in leaves if code in notes},
        overall=overall[:MAX_OVERALL],
        version=version_from(data.get("version")),
    )


__all__ = ["SheetInput", "comment_name", "field_name", "from_form", "from_json"]
