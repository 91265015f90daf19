from datetime import date

from evalapp.auth.models import Role
from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.notices.models import ResultNotice
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_final_result,
    make_round,
    make_session,
)
from tests.integration.roles import SECRETARY

# `round_id` is the rounds' world round; who reads which notice is tested in tests/integration/levels.
EXPECTED = {
    "notices.round_notices": SECRETARY,
    "notices.pdf": {Role.SECRETARY, Role.PRODUCER, Role.COMMUNE_OFFICER},
}


def world_params(world) -> dict:
    round_ = make_round(world.province, rulebook_code="26-2026")
    session = make_session(make_council(round_))
    item = AgendaItem(dossier=make_accepted_dossier(round_, world.organisation), position=1)
    session.agenda.append(item)
    db.session.flush()
    result = make_final_result(item, "45.00", 2)
    notice = ResultNotice(
        result=result, unit_id=round_.unit_id, number="1/TB-OCOP", sent_on=date(2026, 12, 1)
    )
    db.session.add(notice)
    db.session.flush()
    return {"notice_id": notice.id}


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
