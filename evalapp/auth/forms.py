from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import EqualTo

from evalapp.common.forms import Form, email, max_length, required, strip


class LoginForm(Form):
    email = EmailField(
        _l("Email"), validators=[required(), email(), max_length(254)], filters=[strip]
    )
    password = PasswordField(_l("Mật khẩu"), validators=[required(), max_length(200)])
    submit = SubmitField(_l("Đăng nhập"))


class ChangePasswordForm(Form):
    current_password = PasswordField(_l("Mật khẩu hiện tại"), validators=[required()])
    new_password = PasswordField(_l("Mật khẩu mới"), validators=[required(), max_length(200)])
    confirm_password = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[required(), EqualTo("new_password", message=_l("Hai mật khẩu không khớp."))],
    )
    submit = SubmitField(_l("Đổi mật khẩu"))


class ForgotPasswordForm(Form):
    email = EmailField(
        _l("Email"), validators=[required(), email(), max_length(254)], filters=[strip]
    )
    submit = SubmitField(_l("Gửi liên kết đặt lại mật khẩu"))


class ResetPasswordForm(Form):
    new_password = PasswordField(_l("Mật khẩu mới"), validators=[required(), max_length(200)])
    confirm_password = PasswordField(
        _l("Nhập lại mật khẩu mới"),
        validators=[required(), EqualTo("new_password", message=_l("Hai mật khẩu không khớp."))],
    )
    submit = SubmitField(_l("Đặt mật khẩu mới"))
