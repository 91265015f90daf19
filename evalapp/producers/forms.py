from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    EmailField,
    MultipleFileField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import EqualTo, Regexp

from evalapp.common.forms import (
    FilterForm,
    Form,
    email,
    max_length,
    min_length,
    optional,
    required,
    selected,
    strip,
)
from evalapp.producers.models import LEGAL_FORM_LABELS, LegalForm
from evalapp.producers.services import MAX_PHOTOS, PHOTO_MAX_MB, OrganisationDetails
from evalapp.producers.verification import DOCUMENT_MAX_MB

TAX_CODE_PATTERN = r"^\d{10}(-\d{3})?$"
PHONE_PATTERN = r"^\+?[0-9 .\-]{8,20}$"


NOT_IN_LIST = _l("Vui lòng chọn một giá trị trong danh sách.")
REGISTRATION_DOCUMENT = _l("Giấy chứng nhận đăng ký (doanh nghiệp, hợp tác xã hoặc hộ kinh doanh)")
REGISTRATION_DOCUMENT_HELP = _l(
    "PDF, JPG hoặc PNG, tối đa %(mb)d MB. Cán bộ xã/phường hoặc cơ quan thường trực OCOP tỉnh "
    "đối chiếu giấy này trước khi chủ thể được nộp hồ sơ.",
    mb=DOCUMENT_MAX_MB,
)
DOCUMENT_ACCEPT = "application/pdf,image/jpeg,image/png"


def coerce_int(value):
    return int(value) if value not in (None, "") else None


class OrganisationForm(Form):
    name = StringField(
        _l("Tên chủ thể (tổ chức, hộ kinh doanh)"),
        validators=[required(), max_length(255)],
        filters=[strip],
    )
    legal_form = SelectField(
        _l("Loại hình"),
        choices=[SelectChoice(form.value, label) for form, label in LEGAL_FORM_LABELS.items()],
        validators=[selected()],
        invalid_choice_message=NOT_IN_LIST,
    )
    tax_code = StringField(
        _l("Mã số thuế / mã số đăng ký kinh doanh"),
        description=_l("10 chữ số, hoặc 13 chữ số dạng 0123456789-001 cho đơn vị phụ thuộc."),
        validators=[
            required(),
            Regexp(
                TAX_CODE_PATTERN,
                message=_l("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số."),
            ),
        ],
        filters=[strip],
    )
    address = StringField(
        _l("Địa chỉ trụ sở (số nhà, đường, thôn/xóm)"),
        validators=[required(), max_length(255)],
        filters=[strip],
    )
    # Chosen first so that the commune list holds one province's communes, not all 3,321; the
    # "pick" button reloads the form with them (scripts press it when the province changes).
    province = SelectField(
        _l("Tỉnh / thành phố"),
        coerce=coerce_int,
        validators=[optional()],
        validate_choice=False,
    )
    pick_province = SubmitField(_l("Hiện các xã/phường của tỉnh"))
    commune = SelectField(
        _l("Xã / phường (theo tỉnh, thành phố)"),
        coerce=coerce_int,
        validators=[selected()],
        invalid_choice_message=NOT_IN_LIST,
        invalid_value_message=NOT_IN_LIST,
    )
    representative_name = StringField(
        _l("Người đại diện theo pháp luật"),
        validators=[required(), max_length(200)],
        filters=[strip],
    )
    representative_title = StringField(
        _l("Chức vụ người đại diện"), validators=[optional(), max_length(100)], filters=[strip]
    )
    phone = StringField(
        _l("Số điện thoại"),
        validators=[
            required(),
            Regexp(PHONE_PATTERN, message=_l("Số điện thoại không hợp lệ.")),
        ],
        filters=[strip],
    )
    contact_email = EmailField(
        _l("Email liên hệ của chủ thể"),
        validators=[required(), email(), max_length(254)],
        filters=[strip],
    )
    submit = SubmitField(_l("Lưu"))

    def details(self, commune) -> OrganisationDetails:
        return OrganisationDetails(
            name=self.name.data,
            legal_form=LegalForm(self.legal_form.data),
            tax_code=self.tax_code.data,
            address=self.address.data,
            commune=commune,
            representative_name=self.representative_name.data,
            representative_title=self.representative_title.data or "",
            phone=self.phone.data,
            email=self.contact_email.data,
        )


def password_field(label):
    return PasswordField(label, validators=[required(), min_length(12), max_length(200)])


class RegistrationForm(OrganisationForm):
    full_name = StringField(
        _l("Họ và tên người đăng ký"), validators=[required(), max_length(200)], filters=[strip]
    )
    email = EmailField(
        _l("Email đăng nhập"),
        description=_l("Chúng tôi gửi liên kết xác nhận đến địa chỉ này."),
        validators=[required(), email(), max_length(254)],
        filters=[strip],
    )
    password = password_field(_l("Mật khẩu (tối thiểu 12 ký tự)"))
    confirm = PasswordField(
        _l("Nhập lại mật khẩu"),
        validators=[required(), EqualTo("password", message=_l("Hai mật khẩu không khớp."))],
    )
    registration_document = FileField(
        REGISTRATION_DOCUMENT,
        description=REGISTRATION_DOCUMENT_HELP,
        render_kw={"accept": DOCUMENT_ACCEPT},
    )
    statement = TextAreaField(
        _l("Nội dung khiếu nại và cách liên hệ"),
        description=_l(
            "Vì sao mã số thuế này là của tổ chức bạn; số điện thoại, địa chỉ để cán bộ liên hệ."
        ),
        validators=[optional(), max_length(5000)],
        filters=[strip],
    )
    submit = SubmitField(_l("Đăng ký"))
    file_dispute = SubmitField(_l("Khiếu nại quyền sử dụng mã số thuế"))


class DocumentForm(Form):
    registration_document = FileField(
        REGISTRATION_DOCUMENT,
        description=REGISTRATION_DOCUMENT_HELP,
        validators=[FileRequired(message=_l("Vui lòng chọn tệp giấy chứng nhận đăng ký."))],
        render_kw={"accept": DOCUMENT_ACCEPT},
    )
    submit = SubmitField(_l("Gửi để xác minh"))


class VerifyForm(Form):
    submit = SubmitField(_l("Xác minh chủ thể"))


class DecisionForm(Form):
    reason = TextAreaField(_l("Lý do"), validators=[required(), max_length(2000)], filters=[strip])
    submit = SubmitField(_l("Ghi quyết định"))


class InviteForm(Form):
    full_name = StringField(
        _l("Họ và tên"), validators=[required(), max_length(200)], filters=[strip]
    )
    email = EmailField(
        _l("Email"), validators=[required(), email(), max_length(254)], filters=[strip]
    )
    submit = SubmitField(_l("Gửi lời mời"))


class SetPasswordForm(Form):
    password = password_field(_l("Mật khẩu mới (tối thiểu 12 ký tự)"))
    confirm = PasswordField(
        _l("Nhập lại mật khẩu"),
        validators=[required(), EqualTo("password", message=_l("Hai mật khẩu không khớp."))],
    )
    submit = SubmitField(_l("Đặt mật khẩu và đăng nhập"))


class ProductForm(Form):
    name = StringField(
        _l("Tên sản phẩm"), validators=[required(), max_length(255)], filters=[strip]
    )
    subgroup = SelectField(
        _l("Nhóm / phân nhóm sản phẩm"),
        validators=[selected()],
        invalid_choice_message=NOT_IN_LIST,
    )
    description = TextAreaField(
        _l("Mô tả sản phẩm"), validators=[optional(), max_length(5000)], filters=[strip]
    )
    photos = MultipleFileField(
        _l("Ảnh sản phẩm"),
        description=_l(
            "JPG, PNG; tối đa %(mb)d MB mỗi ảnh, tối đa %(n)d ảnh.", mb=PHOTO_MAX_MB, n=MAX_PHOTOS
        ),
        render_kw={"accept": "image/jpeg,image/png"},
    )
    submit = SubmitField(_l("Lưu sản phẩm"))


class RemovePhotoForm(Form):
    submit = SubmitField(_l("Xóa ảnh"))


class ResendForm(Form):
    submit = SubmitField(_l("Gửi lại email xác nhận"))


class OrganisationFilterForm(FilterForm):
    class Meta:
        csrf = False

    q = StringField(_l("Tìm theo tên hoặc mã số thuế"), validators=[optional(), max_length(100)])
