from evalapp.rules import list_rulebooks, list_sheets
from tests.integration.roles import EVERYONE

EXPECTED = {
    "rulebooks.index": EVERYONE,
    "rulebooks.show": EVERYONE,
    "rulebooks.sheet": EVERYONE,
    "rulebooks.try_sheet": EVERYONE,
}


def world_params(world) -> dict:
    rulebook = next(book for book in list_rulebooks() if list_sheets(book.code))
    return {"code": rulebook.code, "sheet_code": list_sheets(rulebook.code)[0].code}


def other_unit_params(world) -> dict:
    """Nothing: its pages are public, the same for every province (NOT_UNIT_SCOPED in
    tests/integration/security/test_other_unit.py)."""
    return {}
