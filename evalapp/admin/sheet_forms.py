from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField, SubmitField, ValidationError

from evalapp.common.forms import Form, day_field, max_length, optional, strip


class ImportForm(Form):
    rulebook = SelectField(_l("Bộ tiêu chí"))
    sheet_file = FileField(
        _l("Tệp phiếu (XLSX theo mẫu, hoặc JSON theo định dạng của ứng dụng)"),
        validators=[FileRequired(message=_l("Vui lòng chọn tệp phiếu."))],
    )
    legal_basis = StringField(
        _l("Căn cứ pháp lý (số, ngày văn bản ban hành phiếu)"),
        validators=[optional(), max_length(500)],
        filters=[strip],
    )
    effective_from = day_field(_l("Áp dụng từ ngày"), needed=False)
    effective_until = day_field(_l("Áp dụng đến ngày"), needed=False)
    submit = SubmitField(_l("Kiểm tra và lưu bản nháp"))

    def validate_effective_until(self, field):
        start = self.effective_from.data
        if field.data and start and field.data < start:
            raise ValidationError(_l("Ngày hết áp dụng phải sau ngày bắt đầu áp dụng."))
