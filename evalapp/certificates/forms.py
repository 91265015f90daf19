from flask_babel import lazy_gettext as _l
from wtforms import (
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import NumberRange

from evalapp.certificates.models import CERTIFICATE_STATUS_LABELS, CertificateStatus
from evalapp.common.forms import (
    FilterForm,
    Form,
    day_field,
    filled,
    max_length,
    optional,
    required,
    strip,
)


class CertificateFilterForm(FilterForm):
    class Meta:
        csrf = False

    status = SelectField(
        _l("Tình trạng"),
        choices=[SelectChoice("", _l("Tất cả"))]
        + [SelectChoice(s.value, CERTIFICATE_STATUS_LABELS[s]) for s in CertificateStatus]
        + [SelectChoice("expiring", _l("Sắp hết hạn (đến kỳ nộp hồ sơ đánh giá lại)"))],
        validators=[optional()],
    )
    year = IntegerField(
        _l("Năm cấp"),
        invalid_value_message=_l("Năm phải là một số."),
        validators=[optional(), NumberRange(min=2019, max=2100, message=_l("Năm không hợp lệ."))],
    )
    decision = SelectField(
        _l("Quyết định"), validators=[optional()], validate_choice=False, coerce=str
    )


class RevocationRequestForm(Form):
    """The request. `ground`, `conclusion_reference` and `conclusion_on` are shown and checked
    (by the service, which names the article) only under a rulebook that regulates revocation
    (26/2026 Điều 8); `set_grounds` fills the choices from it."""

    ground = SelectField(
        _l("Căn cứ thu hồi"), validators=[optional()], validate_choice=False, coerce=str
    )
    conclusion_reference = StringField(
        _l("Kết luận làm căn cứ (số hiệu, cơ quan)"), validators=[optional(), max_length(200)]
    )
    conclusion_on = day_field(_l("Ngày của kết luận"), needed=False)
    reason = TextAreaField(_l("Lý do thu hồi"), validators=[required(), max_length(2000)])
    effective_on = day_field(_l("Thu hồi từ ngày"))
    submit = SubmitField(_l("Đề nghị thu hồi"))

    def set_grounds(self, grounds, label) -> None:
        self.ground.choices = [SelectChoice("", _l("— Chọn một trường hợp —"))] + [
            SelectChoice(ground.code, label(ground)) for ground in grounds
        ]


class RevocationApprovalForm(Form):
    """The approval of a request under 26/2026: who signs the revocation decision it issues
    (Điều 8.3.c), proposed from the decision that recognised the product."""

    signer_title = StringField(
        _l("Chức vụ người ký"), validators=[filled(), max_length(200)], filters=[strip]
    )
    signer_name = StringField(
        _l("Họ tên người ký"), validators=[filled(), max_length(200)], filters=[strip]
    )
    submit = SubmitField(_l("Phê duyệt thu hồi"))
