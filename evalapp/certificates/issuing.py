"""What the secretary reads before issuing a decision's certificates (issue 14): each takes the
next number of the unit's yearly sequence, for good, and each producer is told."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from evalapp.common.confirmation import Confirmation, names
from evalapp.common.i18n import format_day
from evalapp.dossiers.transitions import producer_users
from evalapp.results.models import FinalResult, ResultDecision


def issue_confirmation(decision: ResultDecision, pending: list[FinalResult]) -> Confirmation:
    return Confirmation(
        title=_("Cấp giấy chứng nhận theo Quyết định số %(number)s", number=decision.number),
        consequences=[
            _(
                "%(n)d giấy chứng nhận được cấp, ngày cấp %(day)s, mỗi giấy nhận số tiếp theo "
                "trong dãy số của năm; số đã cấp không thể thu lại hay dùng lại.",
                n=len(pending),
                day=format_day(decision.signed_on),
            ),
            _(
                "Giấy chứng nhận được ký số và tra cứu công khai được; mỗi nhà sản xuất được "
                "thông báo."
            ),
        ],
        people=[certified_line(result) for result in pending],
        button=_("Xác nhận cấp giấy chứng nhận"),
        back_url=url_for("certificates.for_decision", decision_id=decision.id),
    )


def certified_line(result: FinalResult) -> str:
    dossier = result.dossier
    line = _(
        "%(producer)s, sản phẩm %(product)s (%(stars)d sao)",
        producer=dossier.organisation.name,
        product=dossier.product.name,
        stars=result.stars or 0,
    )
    accounts = ", ".join(names(producer_users(dossier)))
    return f"{line}: {accounts}" if accounts else line
