"""Reading an uploaded sheet file: JSON in the application's format, or the XLSX template."""

from __future__ import annotations

from flask_babel import gettext as _

from evalapp.common.i18n import localised
from evalapp.rules import Rulebook
from evalapp.sheets.jsonfile import read_object
from evalapp.sheets.layout import MAX_BYTES
from evalapp.sheets.services import Checked, check

XLSX_SIGNATURE = b"PK\x03\x04"


def read_sheet_upload(content: bytes, rulebook: Rulebook) -> Checked:
    """The checked sheet of an uploaded file, or every problem found in it."""
    if len(content) > MAX_BYTES:
        return Checked(problems=[_("Tệp quá lớn: tệp phiếu tối đa 5 MB.")])
    if content.startswith(XLSX_SIGNATURE):
        return read_xlsx(content, rulebook)
    data, problem = read_object(content)
    if problem is None:
        return check(rulebook, data)
    if not content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"[")):
        return Checked(
            problems=[
                _(
                    "Tệp không phải bảng tính XLSX theo mẫu, cũng không phải JSON hợp lệ. Hãy "
                    "tải mẫu XLSX, điền rồi tải lên lại."
                )
            ]
        )
    return Checked(problems=[localised(problem)])


def read_xlsx(content: bytes, rulebook: Rulebook) -> Checked:
    from evalapp.sheets import xlsx

    outcome = xlsx.import_sheet(content, rulebook)
    if outcome.problems:
        return Checked(problems=[localised(problem) for problem in outcome.problems])
    return check(rulebook, outcome.data)
