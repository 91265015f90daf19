from datetime import date

from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.proposals.models import FiveStarProposal
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_final_result,
    make_round,
    make_session,
)
from tests.integration.roles import SECRETARY

# `round_id` and `result_id` come from the rounds' and results' worlds; who reads which bundle is
# tested in tests/integration/levels.
EXPECTED = {
    "proposals.round_proposals": SECRETARY,
    "proposals.approve": SECRETARY,
    "proposals.send": SECRETARY,
    "proposals.approval_pdf": SECRETARY,
    "proposals.letter_pdf": SECRETARY,
    "proposals.minutes_pdf": SECRETARY,
    "proposals.advisory_report_pdf": SECRETARY,
}


def world_params(world) -> dict:
    round_ = make_round(world.province, rulebook_code="26-2026")
    session = make_session(make_council(round_))
    item = AgendaItem(dossier=make_accepted_dossier(round_, world.organisation), position=1)
    session.agenda.append(item)
    db.session.flush()
    proposal = FiveStarProposal(
        result=make_final_result(item, "91.00", 5),
        unit_id=round_.unit_id,
        approval_number="12/QĐ-UBND",
        approved_on=date(2026, 12, 1),
        issuing_body="ỦY BAN NHÂN DÂN TỈNH THỬ",
        place="Thử",
    )
    db.session.add(proposal)
    db.session.flush()
    return {"proposal_id": proposal.id}


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
