"""What the secretary reads before recording a result decision as issued (issue 14): the
decision cannot change afterwards, the results it approves are published and each producer is
told."""

from __future__ import annotations

from datetime import date

from flask import url_for
from flask_babel import gettext as _

from evalapp.common.confirmation import Confirmation, names
from evalapp.common.i18n import format_day
from evalapp.dossiers.transitions import producer_users
from evalapp.results.models import ResultDecision


def issue_confirmation(decision: ResultDecision, number: str, signed_on: date) -> Confirmation:
    results = list(decision.results)
    people = [producer_line(result.dossier) for result in results]
    return Confirmation(
        title=_("Ghi nhận quyết định số %(number)s", number=number),
        consequences=[
            _(
                "Quyết định số %(number)s ngày %(day)s được ghi nhận đã ban hành; sau đó "
                "không sửa được số, ngày ký hay danh sách sản phẩm.",
                number=number,
                day=format_day(signed_on),
            ),
            _(
                "Kết quả của %(n)d hồ sơ được công bố; mỗi nhà sản xuất được thông báo và xem "
                "được hạng sao của mình.",
                n=len(results),
            ),
        ],
        people=people,
        button=_("Xác nhận ban hành quyết định"),
        back_url=url_for("reports.decision", decision_id=decision.id),
    )


def producer_line(dossier) -> str:
    """The producer and the accounts of theirs that are notified."""
    accounts = ", ".join(names(producer_users(dossier)))
    line = _(
        "%(producer)s, sản phẩm %(product)s",
        producer=dossier.organisation.name,
        product=dossier.product.name,
    )
    return f"{line}: {accounts}" if accounts else line
