from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, SelectChoice, SelectField, SubmitField, TextAreaField
from wtforms.validators import NumberRange

from evalapp.certificates.models import CERTIFICATE_STATUS_LABELS, CertificateStatus
from evalapp.common.forms import max_length, optional, required
from evalapp.rounds.forms import day_field


class CertificateFilterForm(FlaskForm):
    class Meta:
        csrf = False

    status = SelectField(
        _l("Tình trạng"),
        choices=[SelectChoice("", _l("Tất cả"))]
        + [SelectChoice(s.value, CERTIFICATE_STATUS_LABELS[s]) for s in CertificateStatus],
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


class RevocationRequestForm(FlaskForm):
    reason = TextAreaField(_l("Lý do thu hồi"), validators=[required(), max_length(2000)])
    effective_on = day_field(_l("Thu hồi từ ngày"))
    submit = SubmitField(_l("Đề nghị thu hồi"))
