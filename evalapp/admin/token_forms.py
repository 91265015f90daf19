from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField, SubmitField

from evalapp.common.forms import Form, filled, max_length, required, strip


class ApiTokenForm(Form):
    name = StringField(
        _l("Tên hệ thống sử dụng"),
        description=_l("Ví dụ: Cổng thông tin OCOP tỉnh, Hệ thống dữ liệu OCOP quốc gia."),
        validators=[filled(), max_length(120)],
        filters=[strip],
    )
    unit = SelectField(
        _l("Đơn vị"),
        description=_l("Mã của một tỉnh đọc dữ liệu của tỉnh đó; mã của Bộ đọc dữ liệu mọi tỉnh."),
        coerce=int,
        validators=[required()],
    )
    submit = SubmitField(_l("Tạo mã truy cập"))
