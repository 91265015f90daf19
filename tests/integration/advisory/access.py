from datetime import date
from io import BytesIO

from werkzeug.datastructures import FileStorage

from evalapp.advisory.models import (
    AdvisoryAssignment,
    LabTestRequest,
    SiteVisit,
    SiteVisitPhoto,
)
from evalapp.auth.models import Role
from evalapp.common.files import store_upload
from evalapp.common.uploads import check_upload
from evalapp.councils.models import Position
from evalapp.extensions import db
from tests.factories import make_accepted_dossier, make_council, make_round
from tests.integration.producers.helpers import png_bytes
from tests.integration.roles import SECRETARY

ADVISER = {Role.ADVISORY_MEMBER}
STAFF = SECRETARY | ADVISER
READERS = SECRETARY | ADVISER | {Role.COUNCIL_CHAIR, Role.COUNCIL_MEMBER}

EXPECTED = {
    "advisory.council": SECRETARY,
    "advisory.assign": SECRETARY,
    "advisory.unassign": SECRETARY,
    "advisory.reopen": SECRETARY,
    "advisory.queue": ADVISER,
    "advisory.dossier": STAFF,
    "advisory.review_documents": ADVISER,
    "advisory.new_visit": ADVISER,
    "advisory.request_lab_test": ADVISER,
    "advisory.record_lab_result": ADVISER,
    "advisory.request_supplement": ADVISER,
    "advisory.save_report": ADVISER,
    "advisory.report": READERS,
    "advisory.report_download": READERS,
    "advisory.photo": READERS,
    "advisory.lab_report": READERS,
}


def world_params(world) -> dict:
    """A council of the province with the world's advisory member seated and assigned a
    dossier, which has a site visit with a photo and a lab test request."""
    round_ = make_round(world.province)
    seats = [
        (world.users[Role.COUNCIL_CHAIR], Position.CHAIR),
        (world.users[Role.COUNCIL_MEMBER], Position.MEMBER),
        (world.users[Role.ADVISORY_MEMBER], Position.ADVISORY),
    ]
    council = make_council(round_, seats)
    dossier = make_accepted_dossier(round_, world.organisation)
    assignment = AdvisoryAssignment(dossier=dossier, member=council.members[2])
    visit = SiteVisit(
        dossier_id=dossier.id, visited_on=date(2026, 3, 2), place="Xưởng", present="Tổ tư vấn"
    )
    upload = FileStorage(BytesIO(png_bytes()), filename="anh.png")
    file = store_upload(check_upload(upload, ["png"], 5), world.users[Role.ADVISORY_MEMBER])
    visit.photos.append(SiteVisitPhoto(file=file))
    test = LabTestRequest(
        dossier_id=dossier.id, indicators="Độ ẩm", reason="Thiếu", due_on=date(2026, 4, 1)
    )
    db.session.add_all([assignment, visit, test])
    db.session.flush()
    return {
        "council_id": council.id,
        "dossier_id": dossier.id,
        "assignment_id": assignment.id,
        "visit_photo_id": visit.photos[0].id,
        "lab_test_id": test.id,
    }


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
