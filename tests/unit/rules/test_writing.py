"""A sheet written back as JSON data reads back identical (the export of the sheet library)."""

import json
from decimal import Decimal

import pytest

from evalapp.rules import list_rulebooks, list_sheets, parse_sheet
from evalapp.rules.writing import json_number, sheet_data

SHIPPED = [(rb, sheet) for rb in list_rulebooks() for sheet in list_sheets(rb.code)]


def test_every_shipped_rulebook_with_sheets_is_covered():
    assert len(SHIPPED) == 29


@pytest.mark.parametrize("rulebook, sheet", SHIPPED, ids=[s.code for _, s in SHIPPED])
def test_written_data_reads_back_identical_through_json(rulebook, sheet):
    text = json.dumps(sheet_data(sheet, rulebook), default=json_number, ensure_ascii=False)
    assert parse_sheet(json.loads(text, parse_float=Decimal), rulebook) == sheet


def test_a_corrected_option_is_written_with_its_printed_figure():
    rulebook = next(rb for rb in list_rulebooks() if rb.code == "26-2026")
    item = next(i for i in rulebook.irregularities if i.correction is not None)
    sheet = next(s for s in list_sheets(rulebook.code) if s.code == item.sheet)
    data = sheet_data(sheet, rulebook)
    nodes = [n for p in data["parts"] for n in p["criteria"]]
    while not any(n["code"] == item.criterion for n in nodes):
        nodes = [c for n in nodes for c in n.get("children", [])]
    node = next(n for n in nodes if n["code"] == item.criterion)
    option = node["levels"][item.correction.option]
    assert option["points"] == item.correction.printed_points
    assert "printed_points" not in option
    level = sheet.criterion(item.criterion).levels[item.correction.option]
    assert level.points == item.correction.points
