from evalapp.auth.models import Role
from evalapp.common.files import StoredFile
from evalapp.common.storage import get_storage
from evalapp.common.time import utcnow
from evalapp.dossiers.models import Dossier, DossierDocument, DossierState, RegistrationType
from evalapp.extensions import db
from tests.factories import HANDICRAFT, make_product, make_round
from tests.integration.roles import PRODUCER, SECRETARY, SIGNED_IN

STAFF = SECRETARY | {Role.COMMUNE_OFFICER}

EXPECTED = {
    "dossiers.mine": PRODUCER,
    "dossiers.new": PRODUCER,
    "dossiers.show": SIGNED_IN,
    "dossiers.edit": PRODUCER,
    "dossiers.update_details": PRODUCER,
    "dossiers.upload": PRODUCER,
    "dossiers.remove_document": PRODUCER,
    "dossiers.submit": PRODUCER,
    "dossiers.resubmit": PRODUCER,
    "dossiers.receipt": SIGNED_IN,
    "dossiers.document": SIGNED_IN,
    "dossiers.self_assessment": PRODUCER,
    "dossiers.registration": PRODUCER,
    "dossiers.save_registration": PRODUCER,
    "dossiers.registration_pdf": SIGNED_IN,
    "dossiers.intake": STAFF,
    "dossiers.intake_export": STAFF,
    "dossiers.receive": SECRETARY,
    "dossiers.review_items": SECRETARY,
    "dossiers.request_supplement": SECRETARY,
    "dossiers.refuse": SECRETARY,
    "dossiers.accept": SECRETARY,
    "dossiers.pre_review": {Role.COMMUNE_OFFICER},
    "dossiers.commune_report": {Role.COMMUNE_OFFICER, Role.PRODUCER, Role.SECRETARY},
    "dossiers.proposal_letter": {Role.COMMUNE_OFFICER, Role.PRODUCER, Role.SECRETARY},
}


def world_params(world) -> dict:
    round_ = make_round(world.province)
    product = make_product(world.organisation)
    dossier = Dossier(
        product=product,
        organisation=world.organisation,
        round=round_,
        registration_type=RegistrationType.FIRST_TIME,
        state=DossierState.DRAFT,
        sheet_code="tcmn-trang-tri",
        group_code="5",
        class_code="5.01",
    )
    saved = get_storage().save(b"%PDF-1.4\n%%EOF\n")  # served for real to those allowed
    stored = StoredFile(
        storage_key=saved.key,
        sha256=saved.sha256,
        size=saved.size,
        format="pdf",
        mimetype="application/pdf",
        original_name="x.pdf",
    )
    document = DossierDocument(item_code="phieu_dang_ky", file=stored)
    dossier.documents.append(document)
    db.session.add(dossier)
    db.session.flush()
    return {"dossier_id": dossier.id, "document_id": document.id, "form_code": "form_01"}


def other_unit_params(world) -> dict:
    """A 26/2026 dossier of the other province of tests/integration/security/test_other_unit.py,
    submitted at its commune: past the draft state every staff check meets the unit question,
    and the 26/2026 pages (registration forms, commune pre-review) are reached."""
    params = world_params(world)
    dossier = db.session.get(Dossier, params["dossier_id"])
    group, class_code, sheet_code = HANDICRAFT["26-2026"]
    dossier.round = make_round(world.province, rulebook_code="26-2026")
    dossier.product = make_product(world.organisation, "Giỏ cói", "26-2026", class_code, group)
    dossier.group_code, dossier.class_code, dossier.sheet_code = group, class_code, sheet_code
    dossier.state = DossierState.SUBMITTED
    dossier.current_unit_id = world.commune.id
    dossier.submitted_at = utcnow()
    dossier.receipt_code = f"BN-{dossier.id}-{world.province.code}"
    db.session.flush()
    return params
