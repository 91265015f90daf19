from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    widgets,
)

from evalapp.auth.models import ROLE_LABELS, Role
from evalapp.common.forms import (
    FilterForm,
    Form,
    email,
    max_length,
    min_length,
    optional,
    required,
    strip,
)


class RoleChoices(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def coerce_optional_int(value):
    return int(value) if value not in (None, "", "None") else None


class UserForm(Form):
    full_name = StringField(_l("Họ và tên"), validators=[required(), max_length(200)])
    # The province first, so that the unit list holds its districts and communes, not all
    # 3,321 communes; the "pick" button reloads the form (a script presses it on change).
    province = SelectField(
        _l("Tỉnh / thành phố"), coerce=coerce_optional_int, validate_choice=False
    )
    pick_province = SubmitField(_l("Hiện các đơn vị của tỉnh"))
    unit = SelectField(_l("Đơn vị hành chính"), coerce=coerce_optional_int, validate_choice=False)
    office = SelectField(_l("Cơ quan"), coerce=coerce_optional_int, validate_choice=False)
    roles = RoleChoices(
        _l("Vai trò"), choices=[SelectChoice(role.value, ROLE_LABELS[role]) for role in Role]
    )
    is_active = BooleanField(_l("Đang hoạt động"), default=True)
    submit = SubmitField(_l("Lưu"))

    def selected_roles(self) -> set[Role]:
        return {Role(value) for value in self.roles.data or []}


class NewUserForm(UserForm):
    email = EmailField(
        _l("Email"), validators=[required(), email(), max_length(254)], filters=[strip]
    )
    password = PasswordField(
        _l("Mật khẩu tạm thời"),
        description=_l("Người dùng phải đổi mật khẩu này ở lần đăng nhập đầu tiên."),
        validators=[required(), max_length(200)],
    )


class ResetPasswordForm(Form):
    new_password = PasswordField(
        _l("Mật khẩu tạm thời mới"), validators=[required(), min_length(1)]
    )
    submit = SubmitField(_l("Đặt lại mật khẩu"))


class UserFilterForm(FilterForm):
    class Meta:
        csrf = False

    q = StringField(_l("Tìm theo tên hoặc email"), validators=[optional(), max_length(100)])
    role = SelectField(
        _l("Vai trò"),
        choices=[SelectChoice("", _l("Tất cả vai trò"))]
        + [SelectChoice(role.value, ROLE_LABELS[role]) for role in Role],
        validators=[optional()],
    )
