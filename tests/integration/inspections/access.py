from datetime import date

from evalapp.auth.models import Role
from evalapp.certificates.models import Certificate
from evalapp.common.files import store_upload
from evalapp.common.uploads import check_upload
from evalapp.extensions import db
from evalapp.inspections.models import (
    InspectionConclusion,
    InspectionEvidence,
    InspectionKind,
    InspectionPlan,
    InspectionRecord,
    InspectionTarget,
)
from tests.integration.dossiers.conftest import pdf_file
from tests.integration.roles import SECRETARY

EXPECTED = {
    "inspections.index": SECRETARY,
    "inspections.create_plan": SECRETARY,
    "inspections.plan": SECRETARY,
    "inspections.record": SECRETARY,
    "inspections.show_record": SECRETARY,
    "inspections.propose_revocation": SECRETARY,
    "inspections.evidence": SECRETARY,
}


def world_params(world) -> dict:
    """A plan of the province listing the certificates feature's certificate, with a record that
    found the criteria not maintained."""
    certificate = db.session.get(Certificate, world.params["certificate_id"])
    plan = InspectionPlan(
        unit=world.province, kind=InspectionKind.PERIODIC, title="Kiểm tra 2026", period="2026"
    )
    target = InspectionTarget(certificate=certificate)
    plan.targets.append(target)
    db.session.add(plan)
    record = InspectionRecord(
        target=target,
        certificate_id=certificate.id,
        reference="01/BB-KT",
        inspected_on=date(2026, 3, 2),
        inspectors="Nguyễn Văn Kiểm",
        criteria="Phần B không duy trì",
        mark_used_correctly=True,
        conclusion=InspectionConclusion.NOT_MAINTAINED,
    )
    secretary = world.users[Role.SECRETARY]
    file = store_upload(check_upload(pdf_file("Ảnh kiểm tra.pdf"), ["pdf"], 10), secretary)
    record.evidence.append(InspectionEvidence(file=file))
    db.session.add(record)
    db.session.flush()
    return {
        "plan_id": plan.id,
        "target_id": target.id,
        "record_id": record.id,
        "evidence_id": record.evidence[0].id,
    }


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
