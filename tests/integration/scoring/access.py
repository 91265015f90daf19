from evalapp.auth.models import Role
from tests.integration.roles import SECRETARY

# The URLs use the `item_id`, `session_id` and `member_id` of the councils' world
# (tests/integration/councils/access.py): the role rule is what this matrix checks; object
# refusals are tested in this folder.
SCORERS = {Role.COUNCIL_MEMBER, Role.COUNCIL_CHAIR}
ADVISORY = {Role.ADVISORY_MEMBER}

EXPECTED = {
    "scoring.sheet": SCORERS,
    "scoring.autosave": SCORERS,
    "scoring.my_sheets": SCORERS,
    "scoring.advisory": ADVISORY,
    "scoring.item_result": SECRETARY | SCORERS,
    "scoring.dashboard": SECRETARY,
    "scoring.remind": SECRETARY,
    # the paper path (views.offline)
    "scoring.blank_sheet_xlsx": SECRETARY,
    "scoring.blank_sheet_pdf": SECRETARY,
    "scoring.import_sheet": SECRETARY,
    # only the member answers a paper sheet imported on their behalf (issue 13)
    "scoring.confirm_paper": SCORERS,
    "scoring.contest_paper": SCORERS,
}
