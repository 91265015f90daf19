"""What a round's badge says: its state and where today falls in its submission window."""

from __future__ import annotations

import enum
from datetime import date

from flask_babel import lazy_gettext as _l

from evalapp.rounds.models import EvaluationRound, RoundState


class RoundStatus(enum.Enum):
    UPCOMING = ("upcoming", _l("Sắp nhận hồ sơ"), "info")
    RECEIVING = ("receiving", _l("Đang nhận hồ sơ"), "success")
    SUBMISSION_OVER = ("submission_over", _l("Hết hạn nộp"), "warning")
    CLOSED = ("closed", _l("Đã đóng"), "secondary")

    def __init__(self, code: str, label, css: str) -> None:
        self.code, self.label, self.css = code, label, css


def round_status(round_: EvaluationRound, today: date) -> RoundStatus:
    if round_.state is RoundState.CLOSED:
        return RoundStatus.CLOSED
    if today < round_.submission_opens_on:
        return RoundStatus.UPCOMING
    if today > round_.submission_closes_on:
        return RoundStatus.SUBMISSION_OVER
    return RoundStatus.RECEIVING
