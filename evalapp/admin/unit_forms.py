from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, SelectField, StringField, SubmitField
from wtforms.validators import Regexp

from evalapp.admin.forms import coerce_optional_int
from evalapp.common.forms import Form, max_length, optional, required, strip

LEVEL_LABELS = {
    "central": _l("Trung ương"),
    "province": _l("Tỉnh / thành phố"),
    "district": _l("Huyện (trước 01/07/2025)"),
    "commune": _l("Xã / phường"),
}


class UnitForm(Form):
    code = StringField(
        _l("Mã đơn vị"),
        description=_l("Mã định danh của đơn vị, dùng trong mã số biên nhận hồ sơ."),
        validators=[
            required(),
            max_length(32),
            Regexp(
                r"^[A-Za-z0-9.\-]+$",
                message=_l("Chỉ dùng chữ không dấu, số, dấu chấm và gạch ngang."),
            ),
        ],
    )
    name = StringField(_l("Tên đơn vị"), validators=[required(), max_length(200)])
    official_code = StringField(
        _l("Mã đơn vị hành chính chính thức"),
        description=_l(
            "Theo Quyết định 19/2025/QĐ-TTg: tỉnh 2 chữ số (vd. 37), xã 5 chữ số (vd. 14464); "
            "dùng trong mã số sản phẩm và số phiếu đăng ký. Để trống nếu chưa có."
        ),
        validators=[
            optional(),
            Regexp(r"^\d{1,5}$", message=_l("Mã chính thức chỉ gồm chữ số (tối đa 5).")),
        ],
        filters=[strip],
    )
    level = SelectField(_l("Cấp"), choices=[SelectChoice(*item) for item in LEVEL_LABELS.items()])
    parent = SelectField(_l("Trực thuộc"), coerce=coerce_optional_int, validate_choice=False)
    is_active = BooleanField(_l("Đang hoạt động"), default=True)
    submit = SubmitField(_l("Lưu"))


class OfficeForm(Form):
    name = StringField(_l("Tên cơ quan"), validators=[required(), max_length(200)])
    submit = SubmitField(_l("Lưu"))
