from evalapp.auth.models import Role
from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.results.models import ResultReopening
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_final_result,
    make_round,
    make_session,
)
from tests.integration.roles import PRODUCER, SECRETARY

COUNCIL = {Role.SECRETARY, Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER}

EXPECTED = {
    "results.show": COUNCIL,
    "results.finalise": {Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER},
    "results.to_finalise": {Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER},
    "results.rescore": COUNCIL,
    "results.convene": {Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER},
    "results.session_results": COUNCIL,
    "results.session_results_export": COUNCIL,
    "results.request_reopening": COUNCIL,
    "results.decide_reopening": COUNCIL,
    "results.forward": SECRETARY,
    "results.outcome": PRODUCER,
}


def world_params(world) -> dict:
    round_ = make_round(world.district, level_code="district")
    council = make_council(round_)
    session = make_session(council)
    item = AgendaItem(dossier=make_accepted_dossier(round_, world.organisation), position=1)
    session.agenda.append(item)
    db.session.flush()
    result = make_final_result(item, "72.50", 4)
    reopening = ResultReopening(
        result=result,
        reason="Sai sót khi nhập phiếu giấy",
        requested_by_id=world.users[Role.SECRETARY].id,
    )
    db.session.add(reopening)
    db.session.flush()
    return {"result_id": result.id, "reopening_id": reopening.id}


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated, and the scored dossier for `results.outcome`."""
    params = world_params(world)
    params["dossier_id"] = db.session.get(ResultReopening, params["reopening_id"]).result.dossier_id
    return params
