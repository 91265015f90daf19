from datetime import date

from evalapp.auth.models import Role
from evalapp.certificates import printing, services
from evalapp.councils.models import AgendaItem, Position
from evalapp.extensions import db
from tests.factories import (
    make_accepted_dossier,
    make_council,
    make_decision,
    make_final_result,
    make_round,
    make_session,
)
from tests.integration.roles import COMMUNE_OFFICER, EVERYONE, PRODUCER, SECRETARY  # noqa: F401

SECRETARY_OR_CHAIR = SECRETARY | {Role.COUNCIL_CHAIR}

EXPECTED: dict = {
    "certificates.index": SECRETARY,
    "certificates.export": SECRETARY,
    "certificates.for_decision": SECRETARY,
    "certificates.issue": SECRETARY,
    "certificates.print_all": SECRETARY,
    "certificates.print_job": SECRETARY,
    "certificates.print_job_file": SECRETARY,
    "certificates.cancel_print_job": SECRETARY,
    "certificates.show": SECRETARY_OR_CHAIR,
    "certificates.pdf": SECRETARY | PRODUCER,
    "certificates.request_revocation": SECRETARY_OR_CHAIR,
    "certificates.decide_revocation": SECRETARY_OR_CHAIR,
    "certificates.revocation_pdf": SECRETARY_OR_CHAIR | PRODUCER | COMMUNE_OFFICER,
}


def world_params(world) -> dict:
    """A 4★ certificate of the world's organisation, issued by the province's secretary, with a
    print job and a pending revocation requested by the secretary."""
    secretary, chair = world.users[Role.SECRETARY], world.users[Role.COUNCIL_CHAIR]
    round_ = make_round(world.province, year=2021)
    session = make_session(make_council(round_, [(chair, Position.CHAIR)]))
    item = AgendaItem(dossier=make_accepted_dossier(round_, world.organisation), position=1)
    session.agenda.append(item)
    db.session.flush()
    # A number the registry Issuer's counter (n/QĐ-UBND) never takes in the same province.
    decision = make_decision(round_, [make_final_result(item, "75.00", 4)], "77/QĐ-UBND (quyền)")
    certificate = services.issue_certificates(decision, secretary)[0]
    job = printing.start_print_job(decision, secretary)
    revocation = services.request_revocation(
        certificate, "Thử quyền truy cập", date(2022, 1, 1), secretary
    )
    return {
        "decision_id": decision.id,
        "certificate_id": certificate.id,
        "job_id": job.id,
        "revocation_id": revocation.id,
    }


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
