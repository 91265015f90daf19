"""A criteria sheet as an HTML form: one radio group per leaf criterion.

Shared by every screen that fills a sheet (the public self-check here; the producer's
self-assessment and the council member's sheet build on it).
"""

from __future__ import annotations

from collections.abc import Mapping

from evalapp.rules import EXCLUSION_CODE, CriteriaSheet

FIELD_PREFIX = "c-"


def field_name(criterion_code: str) -> str:
    return FIELD_PREFIX + criterion_code


def answer_codes(sheet: CriteriaSheet) -> tuple[str, ...]:
    """What a member answers on `sheet`: every leaf criterion, and the exclusion line if any."""
    exclusion = (EXCLUSION_CODE,) if sheet.exclusion is not None else ()
    return exclusion + tuple(leaf.code for leaf in sheet.leaves)


def choices_from(formdata: Mapping[str, str], sheet: CriteriaSheet) -> dict[str, str]:
    """The chosen level code of every leaf criterion and of the exclusion line ("" when
    unanswered)."""
    return {code: formdata.get(field_name(code), "").strip() for code in answer_codes(sheet)}
