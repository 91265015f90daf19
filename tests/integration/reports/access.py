from evalapp.auth.models import Role
from tests.factories import make_decision, make_round
from tests.integration.roles import SECRETARY

# `session_id` is the councils' world session (tests/integration/councils/access.py) and
# `round_id` the rounds' world round; object refusals are tested in this folder.
READERS = SECRETARY | {Role.COUNCIL_CHAIR}

EXPECTED = {
    "reports.session_documents": READERS,
    "reports.minutes_pdf": READERS,
    "reports.score_table": READERS,
    "reports.decisions": READERS,
    "reports.decision": READERS,
    "reports.decision_pdf": READERS,
    "reports.issue_decision": SECRETARY,
}


def world_params(world) -> dict:
    """A draft decision, unless the certificates' world already made one."""
    if "decision_id" in world.params:
        return {}
    return {"decision_id": make_decision(make_round(world.province), number=None, issued=False).id}


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
