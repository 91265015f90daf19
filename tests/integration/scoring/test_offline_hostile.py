"""The paper import of a hostile workbook: an XML bomb is refused quickly with a message, both
by the upload check and, behind it, by openpyxl reading with defusedxml."""

import re
import time
import zipfile
from io import BytesIO

import openpyxl.xml
import pytest

from evalapp.scoring import offline
from evalapp.scoring.services import criteria_sheet
from tests.data.uploads.make_corpus import BILLION_LAUGHS
from tests.integration.dossiers.conftest import HIEU_LAM_CHOICES
from tests.integration.scoring.test_offline import (
    assert_nothing_saved,
    blank,
    filled,
    refusal,
    upload,
)


def bombed(data: bytes) -> bytes:
    """The workbook with every worksheet's XML made a billion laughs."""
    source, output = zipfile.ZipFile(BytesIO(data)), BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            part = source.read(entry)
            if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", entry.filename):
                root = part.decode().split("?>", 1)[-1]
                part = (
                    BILLION_LAUGHS + root.replace("<sheetData>", "<sheetData>&lol9;", 1)
                ).encode()
            target.writestr(entry, part)
    return output.getvalue()


def test_openpyxl_reads_with_defusedxml():
    assert openpyxl.xml.DEFUSEDXML is True


def test_an_xml_bomb_in_the_paper_import_is_refused_with_a_message(client, auth, meeting):
    member = meeting.members[1]
    data = bombed(filled(blank(client, auth, meeting, member), HIEU_LAM_CHOICES))

    started = time.perf_counter()
    page = refusal(upload(client, meeting, member, data, name="phieu.xlsx"))

    assert time.perf_counter() - started < 2
    assert (
        "Tệp “phieu.xlsx” chứa khai báo DTD hoặc thực thể XML (có thể là bom XML) nên không được "
        "nhận."
    ) in page
    assert_nothing_saved(meeting, member)


def test_behind_the_upload_check_openpyxl_refuses_the_bomb_too(client, auth, meeting):
    member = meeting.members[1]
    data = bombed(filled(blank(client, auth, meeting, member), HIEU_LAM_CHOICES))
    facts = offline.sheet_facts(meeting.item, member)

    started = time.perf_counter()
    with pytest.raises(offline.ImportRefused) as refused:
        offline.read_filled(data, facts, criteria_sheet(meeting.item))

    assert time.perf_counter() - started < 2
    assert refused.value.errors == ["Không đọc được tệp Excel này."]
