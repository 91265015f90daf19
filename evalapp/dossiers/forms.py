from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired

from evalapp.common.forms import (
    FilterForm,
    Form,
    day_field,
    max_length,
    optional,
    required,
    selected,
)
from evalapp.dossiers.models import (
    REGISTRATION_LABELS,
    STATE_LABELS,
    DossierState,
    RegistrationType,
)

INTAKE_QUEUE_LABELS = {
    "to_receive": _l("Chờ tiếp nhận, xem xét"),
    "to_check": _l("Chờ kiểm tra"),
    "supplement": _l("Chờ chủ thể bổ sung"),
}

REGISTRATION_CHOICES = [
    SelectChoice(kind.value, REGISTRATION_LABELS[kind]) for kind in RegistrationType
]


def coerce_int(value):
    return int(value) if value not in (None, "") else None


class NewDossierForm(Form):
    product = SelectField(
        _l("Sản phẩm"), coerce=coerce_int, validators=[selected()], validate_choice=False
    )
    round = SelectField(
        _l("Đợt đánh giá"), coerce=coerce_int, validators=[selected()], validate_choice=False
    )
    product_class = SelectField(
        _l("Nhóm sản phẩm theo quyết định của đợt đánh giá"),
        description=_l("Để trống nếu sản phẩm đã được phân nhóm theo đúng quyết định này."),
        validate_choice=False,
    )
    registration_type = SelectField(_l("Hình thức đăng ký"), choices=REGISTRATION_CHOICES)
    previous_certificate = StringField(
        _l("Số giấy chứng nhận OCOP trước đó"),
        description=_l("Bắt buộc khi đăng ký nâng hạng hoặc đánh giá lại."),
        validators=[optional(), max_length(100)],
    )
    submit = SubmitField(_l("Tạo hồ sơ"))


class DetailsForm(Form):
    registration_type = SelectField(_l("Hình thức đăng ký"), choices=REGISTRATION_CHOICES)
    previous_certificate = StringField(
        _l("Số giấy chứng nhận OCOP trước đó"), validators=[optional(), max_length(100)]
    )
    submit = SubmitField(_l("Lưu thông tin"))


class SubmitForm(Form):
    declaration_name = StringField(
        _l("Họ tên người cam đoan"), validators=[required(), max_length(200)]
    )
    declaration = BooleanField(
        _l("Tôi xin cam đoan những thông tin kê khai và tài liệu trong hồ sơ là đúng sự thật."),
        validators=[DataRequired(message=_l("Vui lòng đánh dấu ô cam đoan."))],
    )
    submit = SubmitField(_l("Nộp hồ sơ"))


class ResubmitForm(Form):
    message = TextAreaField(
        _l("Ghi chú gửi cơ quan thường trực"), validators=[optional(), max_length(2000)]
    )
    submit = SubmitField(_l("Gửi hồ sơ đã bổ sung"))


class ReasonForm(Form):
    reason = TextAreaField(_l("Lý do"), validators=[required(), max_length(2000)])


class SupplementForm(Form):
    """The secretariat's supplement request; the items and reasons are the checklist's verdicts."""

    message = TextAreaField(_l("Lời nhắn cho chủ thể"), validators=[optional(), max_length(2000)])
    due_on = day_field(
        _l("Hạn nộp bổ sung"),
        needed=False,
        description=_l(
            "Không bắt buộc: Quyết định 26/2026/QĐ-TTg không quy định thời hạn bổ sung hồ sơ."
        ),
    )


class DossierFilterForm(FilterForm):
    class Meta:
        csrf = False

    q = StringField(_l("Tìm theo sản phẩm hoặc mã hồ sơ"), validators=[optional(), max_length(100)])
    state = SelectField(
        _l("Trạng thái"),
        choices=[SelectChoice("", _l("Tất cả trạng thái"))]
        + [SelectChoice(state.value, STATE_LABELS[state]) for state in DossierState],
        validators=[optional()],
    )
    # The intake's work queues (the home page's cards link here); the producer's list ignores it.
    queue = SelectField(
        _l("Việc đang chờ"),
        choices=[SelectChoice("", _l("Tất cả việc"))]
        + [SelectChoice(key, label) for key, label in INTAKE_QUEUE_LABELS.items()],
        validators=[optional()],
    )


# The intake queue's default filter: the dossiers that wait for the secretariat.
PENDING = "pending"


class IntakeFilterForm(DossierFilterForm):
    """The intake queue opens on the dossiers awaiting the secretariat; "Tất cả trạng thái"
    lists every state, and so does a search typed without choosing a state (a receipt code or
    a product is looked for wherever its dossier stands)."""

    state = SelectField(
        _l("Trạng thái"),
        choices=[
            SelectChoice(PENDING, _l("Đang chờ xử lý")),
            SelectChoice("", _l("Tất cả trạng thái")),
        ]
        + [SelectChoice(state.value, STATE_LABELS[state]) for state in DossierState],
        default=PENDING,
        validators=[optional()],
    )

    def __init__(self, formdata, **kwargs):
        super().__init__(formdata, **kwargs)
        if "state" not in formdata and self.q.data:
            self.state.data = ""
