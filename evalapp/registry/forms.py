from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField, StringField
from wtforms.validators import NumberRange

from evalapp.certificates.models import CERTIFICATE_STATUS_LABELS, CertificateStatus
from evalapp.common.forms import FilterForm, max_length, optional
from evalapp.common.routing import MAX_PAGE


class LookupForm(FilterForm):
    """A certificate number typed from the paper (GET, so no CSRF token)."""

    class Meta:
        csrf = False

    number = StringField(_l("Số giấy chứng nhận"), validators=[optional(), max_length(60)])

    def __init__(self, *args, example: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.number.description = _l(
            "Ghi như trên giấy chứng nhận: mã đơn vị cấp, năm cấp và số thứ tự, ví dụ %(example)s.",
            example=example,
        )


class RegistryFilterForm(FilterForm):
    class Meta:
        csrf = False

    q = StringField(_l("Tên sản phẩm hoặc chủ thể"), validators=[optional(), max_length(100)])
    province = SelectField(_l("Tỉnh, thành phố"), validators=[optional()], validate_choice=False)
    group = SelectField(_l("Nhóm sản phẩm"), validators=[optional()], validate_choice=False)
    stars = SelectField(
        _l("Hạng sao"),
        choices=[SelectChoice("", _l("Mọi hạng sao"))]
        + [SelectChoice(str(n), _l("%(n)d sao", n=n)) for n in (3, 4, 5)],
        validators=[optional()],
    )
    status = SelectField(
        _l("Hiệu lực"),
        choices=[SelectChoice("", _l("Mọi trạng thái"))]
        + [SelectChoice(s.value, CERTIFICATE_STATUS_LABELS[s]) for s in CertificateStatus],
        validators=[optional()],
    )
    page = IntegerField(_l("Trang"), validators=[optional(), NumberRange(min=1, max=MAX_PAGE)])
