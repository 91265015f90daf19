from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import NumberRange

from evalapp.common.forms import Form, day_field, max_length, required, selected
from evalapp.common.i18n import localised
from evalapp.rules import list_rulebooks

# The levels a round can run at; the rulebook and the unit decide which one applies.
LEVEL_LABELS = {
    "district": _l("Cấp huyện"),
    "province": _l("Cấp tỉnh"),
    "central": _l("Cấp trung ương"),
}


def rulebook_choices() -> list[SelectChoice]:
    """The shipped rulebooks, newest first."""
    return [
        SelectChoice(rulebook.code, f"{rulebook.reference} — {localised(rulebook.title)}")
        for rulebook in reversed(list_rulebooks())
    ]


class RoundForm(Form):
    name = StringField(_l("Tên đợt đánh giá"), validators=[required(), max_length(200)])
    year = IntegerField(
        _l("Năm"),
        invalid_value_message=_l("Năm phải là một số."),
        validators=[
            required(),
            NumberRange(min=2019, max=2100, message=_l("Năm phải từ 2019 đến 2100.")),
        ],
    )
    # Unknown choices are refused by the service, in Vietnamese (WTForms' message is English).
    rulebook_code = SelectField(_l("Bộ quy định"), validators=[selected()], validate_choice=False)
    level_code = SelectField(
        _l("Cấp đánh giá"),
        choices=[SelectChoice(*item) for item in LEVEL_LABELS.items()],
        validators=[selected()],
        validate_choice=False,
    )
    submission_opens_on = day_field(_l("Bắt đầu nhận hồ sơ"))
    submission_closes_on = day_field(_l("Hết hạn nộp hồ sơ"))
    scoring_starts_on = day_field(_l("Bắt đầu chấm điểm"))
    scoring_ends_on = day_field(_l("Kết thúc chấm điểm"))
    submit = SubmitField(_l("Lưu"))

    def values(self) -> dict:
        """The keyword arguments of `open_round` / `update_round`."""
        return {name: self[name].data for name in ROUND_FIELDS}


ROUND_FIELDS = (
    "name",
    "year",
    "rulebook_code",
    "level_code",
    "submission_opens_on",
    "submission_closes_on",
    "scoring_starts_on",
    "scoring_ends_on",
)
