"""The advisory group of Ninh Bình's 2026 council at work before the session (26/2026 Điều
7.3.c), replayed under the demo clock through the advisory services: the secretary assigns
the accepted dossiers to tuvan.kimson; for "Giỏ đay Hiếu Lâm" the adviser reviews every
document, visits the workshop (a finding on criteria 1.1 and 1.4, a photograph), asks for a
moisture and mould test and records its result, and sends the report to the chair ten days
before the session. The other dossiers are assigned and wait, their work not begun."""

from __future__ import annotations

from datetime import datetime, timedelta

from evalapp.advisory import services
from evalapp.auth.models import User
from evalapp.common.time import local_today
from evalapp.councils.models import Council, Position
from evalapp.demo.clock import DemoClock
from evalapp.demo.files import checked, demo_pdf, demo_png
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.rules import checklist_items
from evalapp.extensions import db

ADVISER = "tuvan.kimson"
REPORTED = "Giỏ đay Hiếu Lâm"
REPORT = {
    "part_a": (
        "Nguyên liệu đay mua của các hộ trồng đay ven biển xã Kim Sơn theo hợp đồng liên kết; "
        "lao động là người địa phương. Đề nghị Hội đồng ghi nhận tiêu chí 1.1 và 1.4."
    ),
    "part_b": (
        "Sản phẩm có bao bì, nhãn đúng quy định, bán qua cửa hàng giới thiệu sản phẩm của tỉnh "
        "và sàn thương mại điện tử; câu chuyện sản phẩm đầy đủ."
    ),
    "part_c": (
        "Kết quả kiểm nghiệm bổ sung (độ ẩm, nấm mốc) đạt; sản phẩm ổn định chất lượng qua "
        "kiểm tra thực tế tại xưởng."
    ),
    "conclusion": (
        "Hồ sơ đầy đủ, trung thực, phù hợp với thực tế sản xuất tại cơ sở. Tổ tư vấn đề nghị "
        "Hội đồng đánh giá, phân hạng sản phẩm Giỏ đay Hiếu Lâm."
    ),
}


def prepare(clock: DemoClock, council: Council, dossiers: list[Dossier], users, meets_at: datetime):
    """From the council's establishment (the clock is there) to ten days before the session."""
    secretary, adviser = users["thuky.ninhbinh"], users[ADVISER]
    seat = next(m for m in council.members if m.user_id == adviser.id)
    assert seat.position is Position.ADVISORY
    clock.set(meets_at - timedelta(days=19, hours=-1))
    for dossier in dossiers:
        services.assign(dossier, seat, council, secretary)
    reported = next(d for d in dossiers if d.product.name == REPORTED)
    clock.set(meets_at - timedelta(days=17))
    review_every_document(reported, adviser)
    clock.set(meets_at - timedelta(days=15))
    visit(reported, adviser)
    test = services.request_lab_test(
        reported,
        adviser,
        indicators="Độ ẩm, nấm mốc (TCVN 10412:2014)",
        reason="Phiếu kết quả kiểm nghiệm trong hồ sơ đã quá 12 tháng.",
        due_on=(meets_at - timedelta(days=11)).date(),
    )
    clock.set(meets_at - timedelta(days=12))
    services.record_lab_result(
        test,
        reported,
        adviser,
        result_on=(meets_at - timedelta(days=12)).date(),
        passed=True,
        note="Phiếu kết quả số 125/KN-2026 (mẫu)",
        report_file=checked(
            demo_pdf("Phieu ket qua kiem nghiem"), "Phiếu kết quả kiểm nghiệm.pdf", "pdf"
        ),
    )
    clock.set(meets_at - timedelta(days=10))
    services.submit_report(reported, REPORT, adviser)
    db.session.flush()


def review_every_document(dossier: Dossier, adviser: User) -> None:
    findings = {item.code: ("met", "") for item in checklist_items(dossier)}
    findings["ket_qua_kiem_nghiem"] = ("needs_supplement", "Phiếu kiểm nghiệm đã quá 12 tháng.")
    services.review_documents(dossier, findings, adviser)


def visit(dossier: Dossier, adviser: User) -> None:
    services.record_site_visit(
        dossier,
        adviser,
        visited_on=local_today(),
        place="Xưởng sản xuất của Công ty TNHH Hiếu Lâm, xã Kim Sơn, tỉnh Ninh Bình",
        present=(
            "Đỗ Thị Hằng, Tổ tư vấn\n"
            "Bà Lâm Thị Hiếu, Giám đốc Công ty TNHH Hiếu Lâm\n"
            "Ông Trần Văn Đay, tổ trưởng sản xuất"
        ),
        findings={
            "1.1": "Đay mua của 40 hộ trong xã, có sổ theo dõi thu mua; phù hợp mô tả trong hồ sơ.",
            "1.4": "Hợp đồng liên kết bao tiêu còn hiệu lực, đối chiếu được với sổ sách.",
        },
        note="Xưởng sạch sẽ, quy trình se sợi, đan và hoàn thiện rõ ràng.",
        photos=[checked(demo_png("Xuong dan day Hieu Lam"), "Xưởng đan đay.png", "png")],
    )
