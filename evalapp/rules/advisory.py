"""What the advisory group (Tổ tư vấn) of a council must have done before it reports.

26/2026 Điều 7.3.c (and 7.4.c for the ministry): the advisory group "tổ chức đánh giá hồ sơ …;
đề xuất bổ sung hồ sơ, tổ chức khảo sát thực tế tại cơ sở sản xuất, kinh doanh về thực hiện
các quy định theo Bộ tiêu chí và đề nghị bổ sung kết quả kiểm nghiệm chất lượng (nếu cần), xây
dựng báo cáo đánh giá gửi Chủ tịch Hội đồng". The site visit is part of every evaluation but a
re-evaluation, where Điều 7.6.c asks for it "chỉ khi có thay đổi lớn về quy mô sản xuất hoặc hồ
sơ minh chứng không rõ ràng": a judgement the advisory group makes, so never required there.
"""

from __future__ import annotations

RE_EVALUATION = "re_evaluation"


def site_visit_required(registration_type: str) -> bool:
    """True unless the dossier is a re-evaluation (Điều 7.6.c: the visit is then optional)."""
    return registration_type != RE_EVALUATION


def missing_before_report(
    registration_type: str,
    *,
    unreviewed_documents: int,
    site_visits: int,
    pending_lab_tests: int,
) -> tuple[str, ...]:
    """What keeps the report from going to the chair, as codes: "documents" (a component of the
    dossier not yet reviewed), "site_visit" (none recorded where one is required), "lab_tests"
    (a requested result not yet in: the report must weigh it)."""
    missing = []
    if unreviewed_documents:
        missing.append("documents")
    if site_visits == 0 and site_visit_required(registration_type):
        missing.append("site_visit")
    if pending_lab_tests:
        missing.append("lab_tests")
    return tuple(missing)
