from datetime import date

from evalapp.auth.models import Role
from evalapp.dossiers.models import Dossier
from evalapp.extensions import db
from evalapp.samples.models import Sample, SampleHolder, SampleMove, SampleReceipt
from tests.integration.roles import SECRETARY

DESK = SECRETARY | {Role.COMMUNE_OFFICER}
VIEWERS = DESK | {Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER, Role.ADVISORY_MEMBER}

EXPECTED = {
    "samples.dossier_samples": VIEWERS,
    "samples.receive": DESK,
    "samples.move": DESK,
    "samples.show": VIEWERS,
    "samples.move_sample": DESK,
    "samples.receipt_pdf": DESK,
    "samples.labels_pdf": DESK,
}


def world_params(world) -> dict:
    """A sample of the dossiers feature's dossier (its `dossier_id`), received at the commune."""
    dossier = db.session.get(Dossier, world.params["dossier_id"])
    receipt = SampleReceipt(
        dossier=dossier,
        unit=world.commune,
        count=1,
        description="Hộp 500 g",
        received_on=date(2026, 6, 1),
        received_by_name="Cán bộ xã",
    )
    sample = Sample(dossier=dossier, number=1, label_code=f"MACCESS{world.province.id}")
    sample.moves.append(SampleMove(holder=SampleHolder.COMMUNE, moved_on=date(2026, 6, 1)))
    receipt.samples.append(sample)
    db.session.add(receipt)
    db.session.flush()
    return {"label_code": sample.label_code}


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
