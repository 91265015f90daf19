"""Post-recognition inspection (hậu kiểm, 26/2026 Điều 9): making a plan, recording an
inspection, and proposing revocation from a finding (Điều 8.1.b, 8.1.d) through the
certificates' revocation request."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.certificates import services as certificates
from evalapp.certificates.models import (
    Certificate,
    CertificateRevocation,
    CertificateStatus,
    certificate_status,
)
from evalapp.certificates.permissions import is_secretary_of
from evalapp.certificates.queries import status_condition
from evalapp.common import audit
from evalapp.common.files import store_upload
from evalapp.common.refusals import Refusal
from evalapp.common.time import local_today, utcnow
from evalapp.common.uploads import check_upload, chosen_files
from evalapp.extensions import db
from evalapp.inspections.models import (
    InspectionConclusion,
    InspectionEvidence,
    InspectionKind,
    InspectionPlan,
    InspectionRecord,
    InspectionTarget,
)

# 26/2026 Điều 8.1: the grounds an inspection can establish.
CRITERIA_NOT_MAINTAINED = "b"  # Điều 8.1.b: no longer meets the criteria of its class
MARK_MISUSED = "d"  # Điều 8.1.d: the OCOP mark used wrongly

# Evidence kept with a record: documents and photographs (the decision sets no list; these are
# the formats a dossier's documents take).
EVIDENCE_FORMATS = ("pdf", "jpg", "png", "docx", "xlsx")
EVIDENCE_MAX_MB = 20


class InspectionError(Refusal):
    """An inspection step the secretariat cannot take; the message names the reason."""


def inspectable_certificates(unit_id: int, today: date) -> list[Certificate]:
    """The certificates the unit issued (the body that recognised them) and still valid."""
    return list(
        db.session.scalars(
            select(Certificate)
            .where(Certificate.unit_id == unit_id, status_condition(CertificateStatus.VALID, today))
            .order_by(Certificate.number)
        )
    )


def check_certificate(certificate: Certificate | None, unit_id: int, today: date) -> Certificate:
    if certificate is None or certificate.unit_id != unit_id:
        raise InspectionError(
            _(
                "Giấy chứng nhận không do đơn vị của bạn cấp: chỉ cơ quan đã công nhận sản phẩm "
                "kiểm tra sau công nhận (26/2026 Điều 9.4)."
            ),
            field="certificates",
        )
    status = certificate_status(certificate, today)
    if status is not CertificateStatus.VALID:
        raise InspectionError(
            _(
                "Giấy chứng nhận %(number)s không còn hiệu lực (%(status)s): chỉ kiểm tra sản phẩm "
                "có giấy chứng nhận còn hiệu lực.",
                number=certificate.number,
                status=status.label,
            ),
            field="certificates",
        )
    return certificate


def create_plan(
    unit_id: int,
    kind: InspectionKind,
    title: str,
    certificate_ids: list[int],
    actor: User,
    *,
    period: str = "",
    reason: str = "",
    today: date | None = None,
) -> InspectionPlan:
    """A periodic plan names its period, an ad hoc one its reason; it lists at least one of the
    unit's valid certificates."""
    today = today or local_today()
    if not is_secretary_of(actor, unit_id):
        raise InspectionError(_("Chỉ thư ký của đơn vị mới lập kế hoạch kiểm tra."))
    if not title.strip():
        raise InspectionError(_("Vui lòng ghi tên kế hoạch kiểm tra."), field="title")
    if kind is InspectionKind.PERIODIC and not period.strip():
        raise InspectionError(
            _("Kế hoạch kiểm tra định kỳ cần ghi kỳ kiểm tra (năm hoặc giai đoạn)."),
            field="period",
        )
    if kind is InspectionKind.AD_HOC and not reason.strip():
        raise InspectionError(
            _("Kế hoạch kiểm tra đột xuất cần ghi lý do kiểm tra."), field="reason"
        )
    if not certificate_ids:
        raise InspectionError(
            _("Chọn ít nhất một giấy chứng nhận cần kiểm tra."), field="certificates"
        )
    plan = InspectionPlan(
        unit_id=unit_id,
        kind=kind,
        title=title.strip(),
        period=period.strip() if kind is InspectionKind.PERIODIC else "",
        reason=reason.strip() if kind is InspectionKind.AD_HOC else "",
        created_by_id=actor.id,
        created_at=utcnow(),
    )
    for certificate_id in dict.fromkeys(certificate_ids):
        certificate = check_certificate(db.session.get(Certificate, certificate_id), unit_id, today)
        plan.targets.append(InspectionTarget(certificate=certificate))
    db.session.add(plan)
    db.session.flush()
    audit.record(
        "inspection.plan_created",
        plan,
        actor=actor,
        after={"kind": kind.value, "certificates": [t.certificate_id for t in plan.targets]},
    )
    return plan


def record_inspection(
    target: InspectionTarget,
    actor: User,
    *,
    reference: str,
    inspected_on: date | None,
    inspectors: str,
    criteria: str,
    mark_used_correctly: bool | None,
    mark_note: str = "",
    findings: str = "",
    conclusion: InspectionConclusion | None,
    evidence: list | None = None,
    today: date | None = None,
) -> InspectionRecord:
    """The record of one product's inspection. Every part is required but the notes and the
    `evidence` (uploads already checked by `common.uploads.check_upload`); a mark used
    incorrectly must say how (`mark_note`)."""
    today = today or local_today()
    if not is_secretary_of(actor, target.plan.unit_id):
        raise InspectionError(_("Chỉ thư ký của đơn vị mới ghi biên bản kiểm tra."))
    if target.record is not None:
        raise InspectionError(_("Sản phẩm này đã có biên bản kiểm tra trong kế hoạch."))
    required = (
        (reference, "reference", _("Vui lòng ghi số biên bản kiểm tra.")),
        (inspected_on, "inspected_on", _("Vui lòng ghi ngày kiểm tra.")),
        (inspectors, "inspectors", _("Vui lòng ghi họ tên người kiểm tra.")),
        (criteria, "criteria", _("Vui lòng ghi kết quả kiểm tra việc duy trì các tiêu chí.")),
        (
            conclusion,
            "conclusion",
            _("Vui lòng chọn kết luận: duy trì hay không duy trì được tiêu chí."),
        ),
    )
    for value, field, message in required:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InspectionError(message, field=field)
    if mark_used_correctly is None:
        raise InspectionError(
            _("Vui lòng cho biết việc sử dụng nhãn hiệu OCOP đúng hay không đúng quy định."),
            field="mark_used_correctly",
        )
    if inspected_on > today:
        raise InspectionError(_("Ngày kiểm tra không thể sau hôm nay."), field="inspected_on")
    if not mark_used_correctly and not mark_note.strip():
        raise InspectionError(
            _("Ghi rõ nhãn hiệu OCOP bị sử dụng sai quy định như thế nào."), field="mark_note"
        )
    record = InspectionRecord(
        target=target,
        certificate_id=target.certificate_id,
        reference=reference.strip(),
        inspected_on=inspected_on,
        inspectors=inspectors.strip(),
        criteria=criteria.strip(),
        mark_used_correctly=mark_used_correctly,
        mark_note=mark_note.strip(),
        findings=findings.strip(),
        conclusion=conclusion,
        recorded_by_id=actor.id,
        recorded_at=utcnow(),
    )
    for upload in evidence or []:
        record.evidence.append(InspectionEvidence(file=store_upload(upload, actor)))
    db.session.add(record)
    db.session.flush()
    audit.record(
        "inspection.recorded",
        record.certificate,
        actor=actor,
        after={
            "record": record.reference,
            "conclusion": conclusion.value,
            "evidence": [e.file.sha256 for e in record.evidence],
        },
    )
    return record


def checked_evidence(files) -> list:
    """Every file checked before anything is kept: one refused file refuses the record, so a
    record is never saved without the evidence its author attached."""
    return [check_upload(file, EVIDENCE_FORMATS, EVIDENCE_MAX_MB) for file in chosen_files(files)]


def revocation_ground(record: InspectionRecord) -> str | None:
    """The point of 26/2026 Điều 8.1 the record establishes: 8.1.b when the criteria are not
    maintained (it comes first: the graver finding), 8.1.d when only the mark is misused."""
    if record.conclusion is InspectionConclusion.NOT_MAINTAINED:
        return CRITERIA_NOT_MAINTAINED
    if not record.mark_used_correctly:
        return MARK_MISUSED
    return None


def propose_revocation(
    record: InspectionRecord,
    reason: str,
    effective_on: date,
    actor: User,
    *,
    today: date | None = None,
) -> CertificateRevocation:
    """The certificate's revocation request, on the ground the record establishes and with the
    record as the conclusion it rests on (26/2026 Điều 8.4: 15 days from its date). The
    certificates' service checks the level, the deadline and the two-person rule."""
    ground = revocation_ground(record)
    if ground is None:
        raise InspectionError(
            _(
                "Biên bản %(reference)s kết luận sản phẩm duy trì được tiêu chí và sử dụng đúng "
                "nhãn hiệu OCOP: không có căn cứ đề nghị thu hồi (26/2026 Điều 8.1).",
                reference=record.reference,
            )
        )
    if record.revocation_id is not None:
        raise InspectionError(_("Đã đề nghị thu hồi từ biên bản kiểm tra này."))
    request = certificates.request_revocation(
        record.certificate,
        reason,
        effective_on,
        actor,
        ground_code=ground,
        # Stored as written in the revocation decision, which is always in Vietnamese.
        conclusion_reference=f"Biên bản kiểm tra số {record.reference}",
        conclusion_on=record.inspected_on,
        today=today,
    )
    record.revocation = request
    db.session.flush()
    return request


def progress(plan: InspectionPlan) -> tuple[int, int]:
    """(inspected, listed)."""
    return sum(1 for t in plan.targets if t.record is not None), len(plan.targets)
