"""What the secretary reads before sending a 5-star proposal to the ministry (issue 14): the
letter and the dossier leave for the central council's intake, for good, and who is told."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from evalapp.auth.models import Role
from evalapp.common.confirmation import Confirmation, names
from evalapp.common.i18n import format_day, format_score
from evalapp.dossiers.transitions import producer_users, staff_of
from evalapp.results.forwarding import Target
from evalapp.results.models import FinalResult


def send_confirmation(
    result: FinalResult, target: Target, number: str, letter_on: date
) -> Confirmation:
    secretaries = names(staff_of(target.unit, Role.SECRETARY))
    return Confirmation(
        title=_("Gửi văn bản đề nghị số %(number)s", number=number),
        consequences=[
            _(
                "Văn bản đề nghị số %(number)s ngày %(day)s và hồ sơ sản phẩm %(product)s "
                "(%(score)s điểm) được gửi lên %(unit)s; hồ sơ vào hàng chờ tiếp nhận của cấp "
                "trung ương.",
                number=number,
                day=format_day(letter_on),
                product=result.dossier.product.name,
                score=format_score(result.score),
                unit=target.unit.name,
            ),
            _("Không thể rút lại văn bản đề nghị sau khi gửi."),
        ],
        people=[_("Thư ký: %(name)s", name=n) for n in secretaries]
        + [_("Nhà sản xuất: %(name)s", name=n) for n in names(producer_users(result.dossier))],
        button=_("Xác nhận gửi lên Bộ"),
        back_url=url_for("proposals.round_proposals", round_id=result.round_id),
    )
