"""What the secretary reads before recording the chair's approval of a result from 90 points
(issue 14): the decision is kept as entered, for good; nobody is told until the proposal is sent."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from evalapp.common.confirmation import Confirmation, names
from evalapp.common.i18n import format_day, format_score
from evalapp.dossiers.transitions import producer_users
from evalapp.results.models import FinalResult


def approval_confirmation(result: FinalResult, number: str, approved_on: date) -> Confirmation:
    dossier = result.dossier
    return Confirmation(
        title=_("Ghi nhận quyết định phê duyệt số %(number)s", number=number),
        consequences=[
            _(
                "Quyết định phê duyệt kết quả số %(number)s ngày %(day)s được ghi nhận cho sản "
                "phẩm %(product)s của %(producer)s (%(score)s điểm); sau đó không sửa được số, "
                "ngày ký hay người ký.",
                number=number,
                day=format_day(approved_on),
                product=dossier.product.name,
                producer=dossier.organisation.name,
                score=format_score(result.score),
            ),
            _(
                "Bước tiếp theo là gửi văn bản đề nghị và hồ sơ lên Bộ Nông nghiệp và Môi trường; "
                "nhà sản xuất và Bộ được thông báo khi văn bản được gửi."
            ),
        ],
        people=[_("Nhà sản xuất: %(name)s", name=n) for n in names(producer_users(dossier))],
        button=_("Xác nhận ghi nhận phê duyệt"),
        back_url=url_for("proposals.round_proposals", round_id=result.round_id),
    )
