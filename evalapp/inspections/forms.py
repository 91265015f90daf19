from flask_babel import lazy_gettext as _l
from wtforms import (
    MultipleFileField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)

from evalapp.common.forms import Form, day_field, max_length, optional, required
from evalapp.inspections.models import CONCLUSION_LABELS, KIND_LABELS

# The parts a form leaves to the service (it names the article and keeps what was typed) are
# optional here.


class PlanForm(Form):
    kind = SelectField(
        _l("Hình thức kiểm tra"),
        choices=[SelectChoice(kind.value, label) for kind, label in KIND_LABELS.items()],
    )
    title = StringField(_l("Tên kế hoạch"), validators=[optional(), max_length(255)])
    period = StringField(
        _l("Kỳ kiểm tra (năm hoặc giai đoạn)"), validators=[optional(), max_length(60)]
    )
    reason = TextAreaField(_l("Lý do kiểm tra đột xuất"), validators=[optional(), max_length(2000)])
    certificates = SelectMultipleField(
        _l("Giấy chứng nhận cần kiểm tra"), coerce=int, validate_choice=False
    )
    submit = SubmitField(_l("Lập kế hoạch"))


class RecordForm(Form):
    reference = StringField(_l("Số biên bản kiểm tra"), validators=[optional(), max_length(150)])
    inspected_on = day_field(_l("Ngày kiểm tra"), needed=False)
    inspectors = TextAreaField(_l("Người kiểm tra (họ tên)"), validators=[optional()])
    criteria = TextAreaField(
        _l("Việc duy trì các tiêu chí (theo từng phần A, B, C hoặc từng nội dung)"),
        validators=[optional()],
    )
    mark_use = SelectField(
        _l("Sử dụng nhãn hiệu OCOP"),
        choices=[
            SelectChoice("", _l("— Chọn —")),
            SelectChoice("correct", _l("Đúng quy định")),
            SelectChoice("incorrect", _l("Không đúng quy định")),
        ],
        validators=[optional()],
    )
    mark_note = TextAreaField(
        _l("Ghi chú về việc sử dụng nhãn hiệu"), validators=[optional(), max_length(2000)]
    )
    findings = TextAreaField(_l("Phát hiện khác"), validators=[optional()])
    conclusion = SelectField(
        _l("Kết luận"),
        choices=[SelectChoice("", _l("— Chọn —"))]
        + [SelectChoice(c.value, label) for c, label in CONCLUSION_LABELS.items()],
        validators=[optional()],
    )
    evidence = MultipleFileField(_l("Tài liệu, hình ảnh kèm theo"))
    submit = SubmitField(_l("Lưu biên bản"))


class ProposalForm(Form):
    reason = TextAreaField(
        _l("Lý do thu hồi (các sự việc làm căn cứ thu hồi)"),
        validators=[required(), max_length(2000)],
    )
    effective_on = day_field(_l("Thu hồi từ ngày"))
    submit = SubmitField(_l("Đề nghị thu hồi"))
