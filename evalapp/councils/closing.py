"""What the secretary reads before closing a session (issue 14): no sheet can be signed after,
and who has not signed yet, dossier by dossier."""

from __future__ import annotations

from flask import url_for
from flask_babel import gettext as _

from evalapp.common.confirmation import Confirmation, names
from evalapp.common.hooks import Hook
from evalapp.councils.models import CouncilSession

#: (item) → [CouncilMember]: the members expected to score the dossier who have not signed
#: their sheet of the current round. Answered by `scoring.dashboard`, which owns the sheets.
unsigned_scorers = Hook("councils.unsigned_scorers")


def unsigned_lines(session: CouncilSession) -> list[str]:
    lines = []
    for item in session.agenda:
        waiting = names(unsigned_scorers(item))
        if waiting:
            lines.append(
                _(
                    "Hồ sơ %(code)s chưa có phiếu đã ký của: %(names)s",
                    code=item.dossier.receipt_code or item.dossier_id,
                    names=", ".join(waiting),
                )
            )
    return lines


def close_confirmation(session: CouncilSession) -> Confirmation:
    waiting = unsigned_lines(session)
    return Confirmation(
        title=_("Kết thúc phiên họp"),
        consequences=[
            _(
                "Phiên họp sẽ kết thúc: không nhận thêm phiếu chấm; phiếu chưa ký sẽ không "
                "ký được nữa."
            ),
            _("Không thể mở lại phiên họp sau khi kết thúc."),
            _("Sau đó Chủ tịch Hội đồng chốt kết quả từng hồ sơ."),
        ]
        + (waiting or [_("Mọi thành viên đã ký phiếu.")]),
        people=[
            _("Thành viên: %(name)s", name=n) for n in names(session.council.scoring_members())
        ],
        button=_("Xác nhận kết thúc phiên họp"),
        back_url=url_for("councils.session", session_id=session.id),
    )
