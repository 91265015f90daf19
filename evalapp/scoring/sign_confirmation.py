"""What the member reads before signing a sheet, their own or the paper sheet the secretary
imported for them: the total that will count, and every criterion still unscored, by code and
name (a sheet with one is refused by `services.sign_sheet`)."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from evalapp.auth.models import User
from evalapp.common.confirmation import Confirmation, names
from evalapp.common.i18n import format_score, localised
from evalapp.councils.models import AgendaItem
from evalapp.extensions import db
from evalapp.rules import CriteriaSheet
from evalapp.scoring import services
from evalapp.scoring.models import ScoreSheet


def unscored(criteria: CriteriaSheet, codes) -> list[str]:
    return [f"{code} {localised(criteria.criterion(code).name)}" for code in codes]


def sign_confirmation(item: AgendaItem, sheet: ScoreSheet, criteria: CriteriaSheet) -> Confirmation:
    score = services.checked_score(item, sheet.choices)
    missing = unscored(criteria, score.missing)
    return Confirmation(
        title=_("Ký phiếu chấm điểm: %(product)s", product=item.dossier.product.name),
        consequences=[
            _("Sau khi ký, phiếu không thể sửa."),
            _(
                "Tổng điểm %(total)s sẽ được tính vào kết quả của hội đồng.",
                total=format_score(score.total),
            ),
            _("Thành viên khác không xem được phiếu của bạn."),
        ],
        button=_("Xác nhận ký phiếu"),
        back_url=url_for("scoring.sheet", item_id=item.id),
        blockers=missing,
        blockers_heading=_("Còn %(n)d tiêu chí chưa chọn mức; chưa thể ký phiếu:", n=len(missing)),
        overrides={"action": "sign", "version": str(sheet.version)},
    )


def paper_confirmation(
    item: AgendaItem, sheet: ScoreSheet, criteria: CriteriaSheet
) -> Confirmation:
    """Confirming the imported sheet signs it as the member's own: it can neither be edited nor
    contested afterwards."""
    score = services.checked_score(item, sheet.choices)
    missing = unscored(criteria, score.missing)
    secretary = db.session.get(User, sheet.entered_by_id) if sheet.entered_by_id else None
    return Confirmation(
        title=_("Xác nhận phiếu giấy: %(product)s", product=item.dossier.product.name),
        consequences=[
            _(
                "Phiếu giấy do thư ký nhập được ký là phiếu của chính bạn; sau khi ký, phiếu "
                "không thể sửa hay phản đối."
            ),
            _(
                "Tổng điểm %(total)s sẽ được tính vào kết quả của hội đồng.",
                total=format_score(score.total),
            ),
        ],
        people=[
            _("Thư ký đã nhập phiếu: %(name)s", name=n)
            for n in names([secretary] if secretary else [])
        ],
        button=_("Xác nhận và ký phiếu giấy"),
        back_url=url_for("scoring.sheet", item_id=item.id),
        blockers=missing,
        blockers_heading=_("Còn %(n)d tiêu chí chưa chọn mức; chưa thể ký phiếu:", n=len(missing)),
    )
