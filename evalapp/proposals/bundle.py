"""The bundle the province sends the ministry with a product from 90 points (26/2026 Điều 6.3.a):
"Văn bản của UBND cấp tỉnh gửi Bộ Nông nghiệp và Môi trường đề nghị đánh giá, phân hạng sản
phẩm OCOP; báo cáo đánh giá của Tổ tư vấn Hội đồng cấp tỉnh; báo cáo đánh giá của Hội đồng cấp
tỉnh; Quyết định phê duyệt kết quả đánh giá của Chủ tịch UBND cấp tỉnh; hồ sơ sản phẩm; các văn
bản xác nhận kiểm tra, kiểm nghiệm bổ sung của cấp tỉnh (nếu có); sản phẩm mẫu".

`bundle_items` lists them for the proposal page, the letter and the receiving office's dossier
page. The advisory group's report is linked once the group has sent it to the chair
(`advisory_report_item`); before that the item says it is missing."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import to_user_timezone
from sqlalchemy import select

from evalapp.advisory.models import AdvisoryReport
from evalapp.common.i18n import format_day
from evalapp.extensions import db
from evalapp.proposals.models import FiveStarProposal
from evalapp.samples.rules import expected_samples, recorded_count


@dataclass(frozen=True)
class BundleItem:
    code: str
    label: str
    # Where the receiving office reads it (an endpoint and its values, for `url_for` in the
    # page), None when there is nothing to open.
    endpoint: str | None
    values: dict | None = None
    note: str = ""


def submitted_advisory_report(proposal: FiveStarProposal) -> AdvisoryReport | None:
    """The provincial advisory group's report on the proposed dossier, once sent to the chair."""
    report = db.session.scalar(
        select(AdvisoryReport).where(AdvisoryReport.dossier_id == proposal.result.dossier_id)
    )
    return report if report is not None and report.is_submitted else None


def advisory_report_item(proposal: FiveStarProposal) -> BundleItem:
    """The advisory group's report on the dossier (Điều 7.3.c, 6.3.a), when the group sent one."""
    label = _("Báo cáo đánh giá của Tổ tư vấn Hội đồng cấp tỉnh")
    report = submitted_advisory_report(proposal)
    if report is None:
        return BundleItem(
            "advisory_report",
            label,
            None,
            note=_("Không có báo cáo của Tổ tư vấn trong hệ thống."),
        )
    return BundleItem(
        "advisory_report",
        label,
        "proposals.advisory_report_pdf",
        {"proposal_id": proposal.id},
        _(
            "Gửi Chủ tịch Hội đồng ngày %(day)s",
            day=format_day(to_user_timezone(report.submitted_at).date()),
        ),
    )


def samples_item(proposal: FiveStarProposal) -> BundleItem:
    origin = proposal.result.dossier
    expected = expected_samples(origin)
    recorded = recorded_count(origin)
    if expected is not None and expected.exempt:
        note = _("Không yêu cầu sản phẩm mẫu (nhóm %(group)s).", group=expected.exempt_group)
    else:
        note = _("%(count)d sản phẩm mẫu đã tiếp nhận với hồ sơ.", count=recorded)
    return BundleItem("samples", _("Sản phẩm mẫu"), None, note=note)


def bundle_items(proposal: FiveStarProposal) -> list[BundleItem]:
    own = {"proposal_id": proposal.id}
    dossier_id = proposal.forwarding.dossier_id if proposal.is_sent else proposal.result.dossier_id
    return [
        BundleItem(
            "letter",
            _("Văn bản của UBND cấp tỉnh đề nghị đánh giá, phân hạng sản phẩm OCOP 5 sao"),
            "proposals.letter_pdf" if proposal.is_sent else None,
            own,
            _("Số %(number)s", number=proposal.letter_number) if proposal.is_sent else "",
        ),
        advisory_report_item(proposal),
        BundleItem(
            "council_report",
            _("Báo cáo đánh giá của Hội đồng cấp tỉnh (biên bản họp Hội đồng)"),
            "proposals.minutes_pdf",
            own,
        ),
        BundleItem(
            "approval",
            _("Quyết định phê duyệt kết quả đánh giá của Chủ tịch UBND cấp tỉnh"),
            "proposals.approval_pdf",
            own,
            _("Số %(number)s", number=proposal.approval_number),
        ),
        BundleItem("dossier", _("Hồ sơ sản phẩm"), "dossiers.show", {"dossier_id": dossier_id}),
        samples_item(proposal),
    ]
