from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField

from evalapp.common.forms import Form, day_field, max_length, optional, required, strip
from evalapp.proposals.services import ApprovalValues


class ApprovalForm(Form):
    """The chair's decision approving a result from 90 points (26/2026 Điều 7.3.e)."""

    approval_number = StringField(
        _l("Số quyết định phê duyệt"), validators=[required(), max_length(60)], filters=[strip]
    )
    approved_on = day_field(_l("Ngày ký"))
    signer_name = StringField(
        _l("Họ tên Chủ tịch UBND cấp tỉnh"),
        validators=[optional(), max_length(200)],
        filters=[strip],
    )

    def values(self) -> ApprovalValues:
        return ApprovalValues(
            self.approval_number.data or "", self.approved_on.data, self.signer_name.data or ""
        )


class LetterForm(Form):
    """The province's letter proposing the product to the ministry (Điều 6.3.a)."""

    letter_number = StringField(
        _l("Số văn bản đề nghị"), validators=[required(), max_length(60)], filters=[strip]
    )
    letter_on = day_field(_l("Ngày ký văn bản"))
    round_id = SelectField(_l("Đợt đánh giá cấp trung ương"), coerce=int, choices=[])
