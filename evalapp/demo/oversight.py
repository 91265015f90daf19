"""After recognition under 26/2026 in the demo (Điều 9, 8): the province inspects the 4★
certificate of its previous round (`demo.ministry`) five days ago, finds that Công ty TNHH Hiếu
Lâm no longer keeps the periodic test reports its class requires, and revokes the certificate on
Điều 8.1.b: the secretary asks with the inspection record as the conclusion (Điều 8.4: 15 days
from it), the council's chair approves, naming the Vice-Chair of the provincial People's
Committee who signs the revocation decision; the producer and the commune receive it, and the
public register shows the certificate revoked.

It runs last, on today's clock: the inspection's day is a field of its record, not the moment it
was typed in. Nothing happens when the previous round was not replayed (see `demo.ministry`).
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from evalapp.auth.models import User
from evalapp.certificates import services as certificates
from evalapp.certificates.models import Certificate
from evalapp.extensions import db
from evalapp.inspections import services as inspections
from evalapp.inspections.models import InspectionConclusion, InspectionKind

PRODUCT = "Bình hoa đay (mẫu)"
RULEBOOK = "26-2026"


def inspect_and_revoke(users: dict[str, User], today: date) -> Certificate | None:
    certificate = db.session.scalar(
        select(Certificate).where(
            Certificate.product_name == PRODUCT, Certificate.rulebook_code == RULEBOOK
        )
    )
    if certificate is None:
        return None
    # The chair of the council that scored the product (the provincial council seats the former
    # district's staff, `demo.councils.SEATS`).
    secretary, chair = users["thuky.ninhbinh"], users["chutich.kimson"]
    inspected_on = today - timedelta(days=5)
    plan = inspections.create_plan(
        certificate.unit_id,
        InspectionKind.AD_HOC,
        f"Kiểm tra đột xuất sản phẩm OCOP năm {today.year} (mẫu)",
        [certificate.id],
        secretary,
        reason="Phản ánh của người tiêu dùng về nhãn và phiếu kiểm nghiệm (dữ liệu mẫu).",
        today=today,
    )
    record = inspections.record_inspection(
        plan.targets[0],
        secretary,
        reference=f"07/BB-KT-{today.year}",
        inspected_on=inspected_on,
        inspectors="Nguyễn Văn Kiểm (Văn phòng Điều phối NTM tỉnh)\nPhạm Thị Tra (Sở Công Thương)",
        criteria=(
            "Phần A: duy trì. Phần B: duy trì. Phần C: chủ thể không còn phiếu kết quả kiểm "
            "nghiệm định kỳ còn hiệu lực; tiêu chuẩn công bố đã hết hạn (dữ liệu mẫu)."
        ),
        mark_used_correctly=True,
        findings="Chủ thể cam kết bổ sung nhưng chưa thực hiện trong thời hạn đoàn yêu cầu.",
        conclusion=InspectionConclusion.NOT_MAINTAINED,
        today=today,
    )
    request = inspections.propose_revocation(
        record,
        "Sản phẩm không còn đáp ứng tiêu chí phần C (chất lượng sản phẩm) theo biên bản kiểm "
        "tra đột xuất (dữ liệu mẫu).",
        today,
        secretary,
        today=today,
    )
    certificates.decide_revocation(
        request,
        True,
        chair,
        today,
        signer_title="Phó Chủ tịch",
        signer_name="Trần Song Tùng (mẫu)",
    )
    db.session.commit()
    return certificate
