"""The chair's finalisation, the two-person reopening, forwarding to the next level."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC

from flask_babel import lazy_gettext as _l
from flask_babel import to_utc
from wtforms import SelectChoice, SelectField, StringField, SubmitField, TextAreaField

from evalapp.common.forms import (
    Form,
    day_time_field,
    max_length,
    min_length,
    required,
    selected,
    strip,
)
from evalapp.results.reopening import REASON_MIN_LENGTH
from evalapp.results.services import FindingDecision

CONFIRM, DISMISS = "confirm", "dismiss"


class FinaliseForm(Form):
    """The conclusion; each knock-out or stop is posted as `finding-<code>` (confirm/dismiss) and
    `reason-<code>`, read by `finding_decisions` (the codes come from the live result)."""

    conclusion = TextAreaField(
        _l("Kết luận của Hội đồng"),
        validators=[required(), max_length(4000)],
        filters=[strip],
    )
    submit = SubmitField(_l("Chốt kết quả"))


def finding_decisions(form: Mapping[str, str], codes: list[str]) -> dict[str, FindingDecision]:
    """The chair's choice for each finding among `codes`; anything else posted is ignored."""
    decisions = {}
    for code in codes:
        verdict = form.get(f"finding-{code}", "")
        if verdict in {CONFIRM, DISMISS}:
            reason = form.get(f"reason-{code}", "")[:2000]
            decisions[code] = FindingDecision(verdict == CONFIRM, reason)
    return decisions


class ReopenForm(Form):
    reason = TextAreaField(
        _l("Lý do mở lại"),
        validators=[required(), min_length(REASON_MIN_LENGTH), max_length(4000)],
        filters=[strip],
    )
    submit = SubmitField(_l("Đề nghị mở lại kết quả"))


class DecideReopeningForm(Form):
    decision = SelectField(
        _l("Quyết định"),
        choices=[
            SelectChoice("approve", _l("Đồng ý mở lại")),
            SelectChoice("withdraw", _l("Rút / không đồng ý")),
        ],
        validators=[selected()],
        validate_choice=False,
    )


class ForwardForm(Form):
    round_id = SelectField(_l("Đợt đánh giá của cấp trên"), validate_choice=False)
    submit = SubmitField(_l("Đề xuất lên cấp trên"))

    def __init__(self, rounds, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.round_id.choices = [SelectChoice(str(r.id), r.name) for r in rounds]


class ConveneForm(Form):
    """The chair convenes a meeting on a dossier decided in writing (26/2026 Điều 7.6.d)."""

    starts_at = day_time_field(_l("Thời điểm họp"))
    place = StringField(
        _l("Địa điểm họp"), validators=[required(), max_length(255)], filters=[strip]
    )
    submit = SubmitField(_l("Triệu tập họp"))

    def moment(self):
        return to_utc(self.starts_at.data).replace(tzinfo=UTC)
