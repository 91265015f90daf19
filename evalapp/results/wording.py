"""A result's class in words, as the documents (annex, minutes) and the exports write it."""

from __future__ import annotations

from flask_babel import gettext as _

from evalapp.rules import Outcome


def class_label(outcome: str | None, stars: int | None) -> str:
    """The star class as the annex and the minutes write it."""
    if stars:
        return _("%(n)d sao", n=stars)
    if outcome == Outcome.EXCLUDED:
        return _("Bị loại")
    if outcome == Outcome.STOPPED:
        return _("Dừng đánh giá")
    return _("Không đạt hạng sao")
