"""A criteria sheet as an HTML form: one radio group per leaf criterion.

Shared by every screen that fills a sheet (the public self-check here; the producer's
self-assessment and the council member's sheet build on it).
"""

from __future__ import annotations

from collections.abc import Mapping

from evalapp.rules import CriteriaSheet

FIELD_PREFIX = "c-"


def field_name(criterion_code: str) -> str:
    return FIELD_PREFIX + criterion_code


def choices_from(formdata: Mapping[str, str], sheet: CriteriaSheet) -> dict[str, str]:
    """The chosen level code of every leaf criterion ("" when unanswered)."""
    return {leaf.code: formdata.get(field_name(leaf.code), "").strip() for leaf in sheet.leaves}
