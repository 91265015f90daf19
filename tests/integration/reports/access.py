from evalapp.auth.models import Role
from evalapp.common.files import StoredFile
from evalapp.common.storage import get_storage
from evalapp.extensions import db
from evalapp.reports.models import BuiltDocument, DocumentJobState
from tests.factories import make_decision, make_round
from tests.integration.roles import SECRETARY

# `session_id` is the councils' world session (tests/integration/councils/access.py) and
# `round_id` the rounds' world round; object refusals are tested in this folder.
READERS = SECRETARY | {Role.COUNCIL_CHAIR}

EXPECTED = {
    "reports.session_documents": READERS,
    "reports.minutes_pdf": READERS,
    "reports.score_table": READERS,
    "reports.document_job": READERS,
    "reports.document_job_file": READERS,
    "reports.decisions": READERS,
    "reports.criterion_scores": READERS,
    "reports.decision": READERS,
    "reports.decision_pdf": READERS,
    "reports.issue_decision": SECRETARY,
}


def world_params(world) -> dict:
    """A draft decision, unless the certificates' world already made one, and a built document
    of the councils' world session."""
    params = {"document_id": built_document(world.params["session_id"]).id}
    if "decision_id" in world.params:
        return params
    decision = make_decision(make_round(world.province), number=None, issued=False)
    return {**params, "decision_id": decision.id}


def built_document(session_id: int) -> BuiltDocument:
    """The session's minutes as built (a stored file), so its download page serves it."""
    stored = get_storage().save(b"%PDF-1.4 minutes")
    file = StoredFile(
        storage_key=stored.key,
        sha256=stored.sha256,
        size=stored.size,
        format="pdf",
        mimetype="application/pdf",
        original_name="bien-ban.pdf",
    )
    job = BuiltDocument(
        session_id=session_id,
        kind="minutes",
        stamp="0" * 64,
        state=DocumentJobState.DONE,
        total=3,
        done=3,
        file=file,
    )
    db.session.add(job)
    db.session.flush()
    return job


def other_unit_params(world) -> dict:
    """The same objects in the other province of tests/integration/security/test_other_unit.py,
    with that province's own staff seated."""
    return world_params(world)
