"""The public register as a file (issue 18, item 2): what its page shows, one row a certificate."""

from __future__ import annotations

from flask_babel import gettext as _

from evalapp.certificates.document import verification_url
from evalapp.certificates.models import Certificate
from evalapp.common.exports import Column
from evalapp.registry.verification import UNVERIFIABLE_LABEL

# At most this many rows in one file; beyond, the filters must narrow it (or the API pages it).
EXPORT_LIMIT = 5_000
ORDER = (Certificate.issued_on.desc(), Certificate.product_name, Certificate.id)


def register_columns() -> list[Column]:
    """Each row is (certificate, status): the status None when the signature does not verify,
    and then no class is given, as on the page."""

    def verified(row) -> bool:
        return row[1] is not None

    return [
        Column(_("Số giấy chứng nhận"), lambda row: row[0].number, 24),
        Column(_("Sản phẩm"), lambda row: row[0].product_name, 36),
        Column(_("Chủ thể"), lambda row: row[0].producer_name, 36),
        Column(_("Tỉnh, thành phố"), lambda row: row[0].province_name, 24),
        Column(_("Nhóm sản phẩm"), lambda row: row[0].group_name or row[0].group_code, 30),
        Column(_("Hạng sao"), lambda row: row[0].stars if verified(row) else None, 10),
        Column(_("Ngày cấp"), lambda row: row[0].issued_on, 14),
        Column(_("Hiệu lực đến"), lambda row: row[0].expires_on, 14),
        Column(
            _("Tình trạng"),
            lambda row: row[1].label if verified(row) else str(UNVERIFIABLE_LABEL),
            18,
        ),
        Column(_("Trang xác minh"), lambda row: verification_url(row[0].public_id), 50),
    ]
