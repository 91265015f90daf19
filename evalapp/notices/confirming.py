"""What the secretary reads before sending the round's notices of results (issue 14): one
numbered notice per result waiting, that cannot be withdrawn, and who receives each."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from evalapp.common.confirmation import Confirmation, names
from evalapp.dossiers.transitions import producer_users
from evalapp.notices import services
from evalapp.results.models import FinalResult
from evalapp.rounds.models import EvaluationRound


def recipients_line(result: FinalResult) -> str:
    told = names(producer_users(result.dossier)) + names(services.commune_officers(result))
    return _(
        "%(product)s (%(producer)s): %(names)s",
        product=result.dossier.product.name,
        producer=result.dossier.organisation.name,
        names=", ".join(told) or _("chưa có tài khoản nhận"),
    )


def send_confirmation(round_: EvaluationRound, pending: list[FinalResult]) -> Confirmation:
    return Confirmation(
        title=_("Gửi thông báo kết quả"),
        consequences=[
            _(
                "%(n)d thông báo kết quả được cấp số, đề ngày hôm nay và gửi cho nhà sản xuất "
                "và UBND cấp xã của từng sản phẩm.",
                n=len(pending),
            ),
            _("Không thể thu hồi thông báo đã gửi."),
        ],
        people=[recipients_line(result) for result in pending],
        button=_("Xác nhận gửi thông báo"),
        back_url=url_for("notices.round_notices", round_id=round_.id),
    )
