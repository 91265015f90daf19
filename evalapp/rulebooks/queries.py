from flask import abort

from evalapp.rules import CriteriaSheet, Rulebook, list_rulebooks
from evalapp.sheets import library


def rulebook_or_404(code: str) -> Rulebook:
    """Only codes of shipped rulebooks are looked up (the code never becomes a path)."""
    return next((book for book in list_rulebooks() if book.code == code), None) or abort(404)


def sheet_or_404(rulebook: Rulebook, sheet_code: str) -> CriteriaSheet:
    sheets = library.published_sheets(rulebook.code)
    return next((sheet for sheet in sheets if sheet.code == sheet_code), None) or abort(404)
