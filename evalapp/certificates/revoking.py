"""What the second person reads before approving a revocation (issue 14): the certificate stops
being valid, the register shows it revoked, and who is told."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from evalapp.certificates import revocation, services
from evalapp.certificates.models import Certificate, CertificateRevocation
from evalapp.common.confirmation import Confirmation, names
from evalapp.common.i18n import format_day


def revocation_confirmation(
    certificate: Certificate, request: CertificateRevocation
) -> Confirmation:
    rules = revocation.revocation_rules(certificate)
    told = [_("Nhà sản xuất: %(name)s", name=n) for n in names(services.producers_of(certificate))]
    consequences = [
        _(
            "Giấy chứng nhận số %(number)s của sản phẩm %(product)s (%(producer)s) bị thu hồi "
            "từ ngày %(day)s; trang tra cứu công khai hiển thị “đã thu hồi”.",
            number=certificate.number,
            product=certificate.product_name,
            producer=certificate.producer_name,
            day=format_day(request.effective_on),
        ),
        _("Lý do: %(reason)s", reason=request.reason),
        _("Không thể huỷ việc thu hồi sau khi phê duyệt."),
    ]
    if rules is not None:
        consequences.append(
            _("Quyết định thu hồi được ban hành, có số, và gửi cho nhà sản xuất và UBND cấp xã.")
        )
        told += [
            _("UBND cấp xã: %(name)s", name=n)
            for n in names(revocation.commune_officers_of(certificate))
        ]
    return Confirmation(
        title=_("Phê duyệt thu hồi giấy chứng nhận số %(number)s", number=certificate.number),
        consequences=consequences,
        people=told,
        button=_("Xác nhận thu hồi"),
        back_url=url_for("certificates.show", certificate_id=certificate.id),
    )
