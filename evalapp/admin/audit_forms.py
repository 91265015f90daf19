"""The filters of the audit log screen (GET: the state stays in the URL)."""

from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectField, StringField

from evalapp.common.forms import FilterForm, day_field, max_length, optional, strip

# The objects the log names, in the administrator's words (others show their class name).
OBJECT_LABELS = {
    "User": _l("Tài khoản"),
    "Dossier": _l("Hồ sơ"),
    "Certificate": _l("Giấy chứng nhận"),
    "PrintJob": _l("Lần in giấy chứng nhận"),
    "ResultDecision": _l("Quyết định công nhận kết quả"),
    "AdministrativeUnit": _l("Đơn vị hành chính"),
    "Office": _l("Cơ quan"),
}


class AuditFilterForm(FilterForm):
    user = StringField(
        _l("Người thực hiện (tên hoặc email)"),
        validators=[optional(), max_length(100)],
        filters=[strip],
    )
    object_type = SelectField(_l("Loại đối tượng"), validators=[optional()])
    object_id = StringField(
        _l("Mã đối tượng"),
        validators=[optional(), max_length(60)],
        filters=[strip],
        render_kw={"inputmode": "numeric"},
    )
    action = StringField(
        _l("Hành động (ví dụ: certificates.)"),
        validators=[optional(), max_length(80)],
        filters=[strip],
    )
    since = day_field(_l("Từ ngày"), needed=False)
    until = day_field(_l("Đến ngày"), needed=False)

    def set_object_types(self, names: list[str]) -> None:
        """The types the log holds, labelled where we have a word for them."""
        self.object_type.choices = [SelectChoice("", _l("Mọi loại đối tượng"))] + [
            SelectChoice(name, OBJECT_LABELS.get(name, name)) for name in names
        ]
