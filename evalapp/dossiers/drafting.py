"""The producer's draft: starting a dossier, its details, self-assessment, files and declaration."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.common import audit
from evalapp.common.files import store_upload
from evalapp.common.hooks import Hook
from evalapp.common.storage import get_storage
from evalapp.common.time import local_today, utcnow
from evalapp.dossiers.claims import ClaimInput, claim_problems, save_claims
from evalapp.dossiers.models import (
    Dossier,
    DossierDocument,
    DossierState,
    ItemVerdict,
    RegistrationType,
)
from evalapp.dossiers.re_evaluation import check_filing_window
from evalapp.dossiers.rules import (
    checklist_items,
    sheet_of,
)
from evalapp.dossiers.transitions import (
    EDITABLE,
    DossierError,
    record_event,
    require_state,
)
from evalapp.extensions import db
from evalapp.producers.models import Product
from evalapp.rounds.models import EvaluationRound
from evalapp.rules import load_rulebook, score_sheet
from evalapp.sheets import library


def start_dossier(
    product: Product,
    round_: EvaluationRound,
    registration_type: RegistrationType,
    previous_certificate: str,
    actor: User,
    class_code: str | None = None,
) -> Dossier:
    """A draft dossier of `product` in an open round of the producer's area. `class_code` files
    the product under the round's rulebook; it defaults to the product's own class when the
    product was classified under that rulebook."""
    if not round_.accepts_submissions_on(local_today()):
        raise DossierError(_("Đợt đánh giá này không nhận hồ sơ vào lúc này."), field="round")
    if not product.organisation.commune.is_within(round_.unit):
        raise DossierError(_("Đợt đánh giá này không thuộc địa bàn của tổ chức."), field="round")
    if db.session.scalar(
        select(Dossier).where(Dossier.product_id == product.id, Dossier.round_id == round_.id)
    ):
        raise DossierError(_("Sản phẩm này đã có hồ sơ trong đợt đánh giá này."), field="round")
    if class_code is None and product.rulebook_code == round_.rulebook_code:
        class_code = product.subgroup_code
    found = round_rulebook(round_).product_class(class_code or "")
    if found is None:
        raise DossierError(
            _("Vui lòng chọn nhóm sản phẩm theo quyết định áp dụng cho đợt đánh giá."),
            field="product_class",
        )
    group, subgroup = found
    sheet_code = library.sheet_code_for(round_.rulebook_code, subgroup.code) if subgroup else None
    dossier = Dossier(
        group_code=group.code,
        class_code=class_code,
        state=DossierState.DRAFT,
        product=product,
        organisation=product.organisation,
        round=round_,
        registration_type=registration_type,
        sheet_code=sheet_code,
        sheet_version_id=library.pinned_version_id(round_.rulebook_code, sheet_code),
    )
    certificate = link_previous_certificate(dossier, registration_type, previous_certificate)
    check_filing_window(registration_type, certificate, round_rulebook(round_), local_today())
    db.session.add(dossier)
    record_event(dossier, "created", actor)
    return dossier


def round_rulebook(round_: EvaluationRound):
    return load_rulebook(round_.rulebook_code)


def check_previous_certificate(registration_type: RegistrationType, previous: str) -> None:
    if registration_type is not RegistrationType.FIRST_TIME and not previous.strip():
        raise DossierError(
            _("Đăng ký nâng hạng hoặc đánh giá lại cần ghi số giấy chứng nhận trước đó."),
            field="previous_certificate",
        )


#: (typed number) → the certificate issued here under that number, or None. Answered by the
#: register (`registry.queries`), which the package order puts after dossiers.
certificate_by_number = Hook("dossiers.certificate_by_number")

#: (organisation id) → the organisation's certificates still in force or expired but not
#: superseded or revoked (the ones a re-evaluation renews), for the windows shown on the
#: new-dossier form. Answered by the register (`registry.queries`).
renewable_certificates = Hook("dossiers.renewable_certificates")


def link_previous_certificate(dossier: Dossier, registration_type: RegistrationType, previous: str):
    """Keep the number of the certificate an upgrade or re-evaluation builds on, and link the
    certificate record when the number is in the register: it must then be the organisation's
    own (its certificate is superseded when the new one is issued). A number not in the register
    (a paper certificate from before this system) is kept as text only. Returns the linked
    certificate record, or None."""
    check_previous_certificate(registration_type, previous)
    certificate = None
    if registration_type is not RegistrationType.FIRST_TIME and previous.strip():
        certificate = certificate_by_number(previous)
    if certificate is not None and certificate.organisation_id != dossier.organisation.id:
        raise DossierError(
            _(
                "Giấy chứng nhận số %(number)s được cấp cho một chủ thể khác, không thể dùng "
                "cho hồ sơ này. Vui lòng kiểm tra lại số giấy chứng nhận.",
                number=certificate.number,
            ),
            field="previous_certificate",
        )
    dossier.previous_certificate = certificate.number if certificate else previous.strip()
    dossier.previous_certificate_id = certificate.id if certificate else None
    return certificate


def update_details(
    dossier: Dossier, registration_type: RegistrationType, previous: str, actor: User
) -> None:
    require_state(dossier, {DossierState.DRAFT})
    link_previous_certificate(dossier, registration_type, previous)
    dossier.registration_type = registration_type
    audit.record(
        "dossier.details_updated",
        dossier,
        actor=actor,
        after={
            "registration_type": registration_type.value,
            "previous_certificate": dossier.previous_certificate,
            "previous_certificate_id": dossier.previous_certificate_id,
        },
    )


class SelfAssessmentRefused(DossierError):
    """The self-assessment cannot be saved as posted; `problems` names each criterion."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def save_self_assessment(
    dossier: Dossier,
    choices: dict[str, str],
    actor: User,
    claims: dict[str, ClaimInput] | None = None,
    unknown: list[str] | tuple[str, ...] = (),
):
    """Keep the producer's self-assessment (even when incomplete) and return its score: the
    expected option of each criterion and, when `claims` are given, the description and
    evidence of each (Mẫu 02 Phần III; `unknown`: posted criterion codes the sheet does not
    have). All or nothing: any problem refuses the whole save. It is part of the submission:
    once submitted, only the items sent back can change."""
    require_state(dossier, {DossierState.DRAFT})
    sheet = sheet_of(dossier)
    if sheet is None:
        raise DossierError(_("Nhóm sản phẩm này chưa có phiếu đánh giá; không thể tự đánh giá."))
    chosen = {code: level for code, level in choices.items() if level}
    problems = claim_problems(dossier, sheet, chosen, claims or {}, unknown)
    if problems:
        raise SelfAssessmentRefused(problems)
    score = score_sheet(sheet, chosen)
    if score.errors:
        raise DossierError(_("Mức đã chọn không có trong phiếu đánh giá."))
    dossier.self_assessment = chosen
    after = {"total": str(score.total)}
    if claims is not None:
        after["evidence"] = save_claims(dossier, sheet, claims)
        after["claims"] = len(dossier.claims)
    audit.record("dossier.self_assessment_saved", dossier, actor=actor, after=after)
    return score


def items_open_for_upload(dossier: Dossier) -> set[str]:
    """Draft: every item. Supplement requested: only the items the secretariat sent back."""
    if dossier.state is DossierState.DRAFT:
        return {item.code for item in checklist_items(dossier)}
    if dossier.state is DossierState.NEEDS_SUPPLEMENT:
        return {
            review.item_code
            for review in dossier.item_reviews
            if review.verdict is ItemVerdict.NEEDS_CORRECTION
        }
    return set()


def attach_document(
    dossier: Dossier, item_code: str, upload, actor: User, replaces: DossierDocument | None = None
) -> DossierDocument:
    """Store a checked upload (see `common.uploads.check_upload`) for one checklist item."""
    if item_code not in items_open_for_upload(dossier):
        raise DossierError(
            _("Không thể tải tệp lên mục này ở trạng thái hiện tại."), field=item_code
        )
    record = store_upload(upload, actor)
    document = DossierDocument(item_code=item_code, file=record, uploaded_at=utcnow())
    dossier.documents.append(document)
    if replaces is not None:
        remove_document(dossier, replaces, actor)
    audit.record(
        "dossier.document_added",
        dossier,
        actor=actor,
        after={"item": item_code, "file": record.original_name, "sha256": record.sha256},
    )
    return document


def remove_document(dossier: Dossier, document: DossierDocument, actor: User) -> None:
    """A draft's file is deleted; after submission it is only marked replaced and kept."""
    if document.dossier_id != dossier.id or not document.is_current:
        raise DossierError(_("Tệp này không còn trong hồ sơ."))
    if document.item_code not in items_open_for_upload(dossier):
        raise DossierError(_("Không thể thay đổi tệp của mục này ở trạng thái hiện tại."))
    audit.record(
        "dossier.document_removed",
        dossier,
        actor=actor,
        before={"item": document.item_code, "file": document.file.original_name},
    )
    if dossier.state is DossierState.DRAFT and dossier.submitted_at is None:
        key = document.file.storage_key
        dossier.documents.remove(document)
        db.session.delete(document.file)
        db.session.flush()
        get_storage().delete(key)
    else:
        document.replaced_at = utcnow()


def sign_declaration(dossier: Dossier, signer_name: str, actor: User) -> None:
    require_state(dossier, EDITABLE)
    if not signer_name.strip():
        raise DossierError(_("Vui lòng ghi họ tên người cam đoan."), field="declaration_name")
    dossier.declaration_name, dossier.declared_at = signer_name.strip(), utcnow()
