"""The columns of the unit's certificate list as a download (issue 18, item 2)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from evalapp.certificates.document import verification_url
from evalapp.certificates.extension import status_reader
from evalapp.common.exports import Column


def export_columns(today: date) -> list[Column]:
    """What the list shows, and what a report to the ministry needs beside it: the producer's
    address, the product group, the decision and the page that verifies the certificate."""
    status_of = status_reader(today)
    return [
        Column(_("Số giấy chứng nhận"), lambda c: c.number, 24),
        Column(_("Sản phẩm"), lambda c: c.product_name, 36),
        Column(_("Chủ thể"), lambda c: c.producer_name, 36),
        Column(_("Địa chỉ chủ thể"), lambda c: c.producer_address, 44),
        Column(_("Nhóm sản phẩm"), lambda c: c.group_name or c.group_code, 30),
        Column(_("Hạng sao"), lambda c: c.stars, 10),
        Column(_("Quyết định"), lambda c: c.decision_number, 20),
        Column(_("Ngày ký quyết định"), lambda c: c.decision_date, 14),
        Column(_("Ngày cấp"), lambda c: c.issued_on, 14),
        Column(_("Hiệu lực đến"), lambda c: c.expires_on, 14),
        Column(_("Tình trạng"), lambda c: status_of(c, today).label, 16),
        Column(_("Trang xác minh"), lambda c: verification_url(c.public_id), 50),
    ]
