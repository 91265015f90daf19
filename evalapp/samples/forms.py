from flask_babel import lazy_gettext as _l
from wtforms import (
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.validators import NumberRange

from evalapp.common.forms import Form, day_field, max_length, optional, required, selected
from evalapp.samples.models import HOLDER_LABELS


class ReceiveSamplesForm(Form):
    count = IntegerField(
        _l("Số sản phẩm mẫu nhận"),
        validators=[required(), NumberRange(min=0, max=99, message=_l("Từ 0 đến 99."))],
    )
    description = TextAreaField(
        _l("Mô tả mẫu"),
        description=_l("Quy cách đóng gói, số lô, khối lượng hoặc thể tích mỗi mẫu."),
        validators=[required(), max_length(500)],
    )
    received_on = day_field(_l("Ngày nhận mẫu"))
    received_by_name = StringField(_l("Người nhận mẫu"), validators=[required(), max_length(200)])


class SampleChoices(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class MoveSamplesForm(Form):
    samples = SampleChoices(_l("Mẫu"), coerce=int, validate_choice=False)
    holder = SelectField(
        _l("Chuyển đến"),
        choices=[SelectChoice(holder.value, label) for holder, label in HOLDER_LABELS.items()],
        validators=[selected()],
    )
    lab_name = StringField(
        _l("Tên phòng kiểm nghiệm"),
        description=_l("Khi gửi mẫu đi kiểm nghiệm."),
        validators=[optional(), max_length(200)],
    )
    moved_on = day_field(_l("Ngày chuyển"))
    note = TextAreaField(_l("Ghi chú"), validators=[optional(), max_length(500)])
