"""The forms of Mẫu số 01 and Mẫu số 02 (26/2026 Phụ lục III) on the dossier's registration page.

Each form is saved whole or not at all; a field the producer signs for is required."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    RadioField,
    SelectChoice,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import AnyOf

from evalapp.common.forms import (
    Form,
    day_field,
    email,
    max_length,
    optional,
    required,
    selected,
    strip,
)
from evalapp.dossiers.models import GENDER_LABELS, Gender

TEXT_LIMIT = 10000


def text(label, limit: int, is_required: bool = True, **kwargs):
    validators = [required() if is_required else optional(), max_length(limit)]
    return StringField(label, validators=validators, filters=[strip], **kwargs)


def long_text(label, is_required: bool = True, **kwargs):
    validators = [required() if is_required else optional(), max_length(TEXT_LIMIT)]
    return TextAreaField(
        label, validators=validators, filters=[strip], render_kw={"rows": 4}, **kwargs
    )


class UnitFields(Form):
    """Mẫu 01 mục 1 (the same unit heads Mẫu 02 Phần I)."""

    unit_name = text(_l("Tên đơn vị"), 255)
    representative_name = text(_l("Họ tên người đại diện pháp lý"), 200)
    representative_title = text(_l("Chức vụ"), 100)
    address = text(_l("Địa chỉ liên hệ"), 255)
    phone = text(_l("Điện thoại"), 30)
    email = StringField(
        _l("Email"), validators=[required(), email(), max_length(254)], filters=[strip]
    )


class Form01(UnitFields):
    """Mẫu số 01: Phiếu đăng ký đánh giá, phân hạng sản phẩm OCOP."""

    product_name = text(_l("Tên sản phẩm"), 255)
    signing_place = text(
        _l("Nơi ký"),
        100,
        is_required=False,
        description=_l("Ví dụ: Kim Sơn (dùng cho cả hai mẫu)."),
    )
    signed_on = day_field(_l("Ngày ký"), needed=False)
    submit = SubmitField(_l("Lưu Phiếu đăng ký (Mẫu số 01)"))


GENDERS = [SelectChoice(gender.value, GENDER_LABELS[gender]) for gender in Gender]


class Form02(Form):
    """Mẫu số 02: Báo cáo tự đánh giá về sản phẩm, Phần I, II and IV (Phần III is the
    self-assessment of the criteria sheet)."""

    legal_form = text(_l("Loại hình tổ chức"), 100)
    representative_gender = RadioField(
        _l("Giới tính người đại diện pháp luật"),
        choices=GENDERS,
        validate_choice=False,
        validators=[
            selected(),
            AnyOf([g.value for g in Gender], message=_l("Vui lòng chọn một giá trị.")),
        ],
    )
    representative_ethnicity = text(_l("Dân tộc"), 50)
    representative_residence = text(_l("Địa chỉ thường trú"), 255)
    established_on = day_field(_l("Ngày thành lập/đăng ký kinh doanh"))
    registration_number = text(_l("Số giấy đăng ký (nếu có)"), 50, is_required=False)
    product_description = long_text(
        _l("Tên sản phẩm/dịch vụ, mô tả về quy cách sản phẩm, tiêu chuẩn")
    )
    has_business_registration = BooleanField(_l("a) Giấy đăng ký kinh doanh"))
    has_quality_declaration = BooleanField(_l("b) Đã công bố chất lượng sản phẩm theo quy định"))
    has_food_safety_certificate = BooleanField(
        _l(
            "Giấy chứng nhận cơ sở đủ điều kiện vệ sinh an toàn thực phẩm theo quy định của "
            "pháp luật cho sản xuất sản phẩm"
        )
    )
    has_production_certificate = BooleanField(
        _l(
            "Giấy chứng nhận cơ sở đủ điều kiện sản xuất bắt buộc theo quy định cho sản phẩm "
            "(đối với các sản phẩm bắt buộc theo quy định)"
        )
    )
    ip_trademark = BooleanField(_l("Giấy chứng nhận đăng ký nhãn hiệu"))
    ip_collective_rights = BooleanField(
        _l("Văn bản ghi nhận quyền sử dụng chỉ dẫn địa lý, nhãn hiệu tập thể, nhãn hiệu chứng nhận")
    )
    ip_patent = BooleanField(_l("Bằng sáng chế"))
    ip_industrial_design = BooleanField(_l("Bằng độc quyền kiểu dáng công nghiệp"))
    ip_copyright = BooleanField(_l("Giấy chứng nhận bản quyền tác giả"))
    ip_other = text(_l("Khác (ghi rõ)"), 255, is_required=False)
    history = long_text(
        _l("Lịch sử hình thành của chủ thể (nêu các giai đoạn hình thành và phát triển)")
    )
    organisation_structure = long_text(_l("Cơ cấu tổ chức của chủ thể"))
    raw_materials_and_technology = long_text(
        _l("Tổ chức vùng nguyên liệu, công nghệ sản xuất, sơ chế, chế biến, đóng gói sản phẩm")
    )
    quality_changes = long_text(
        _l(
            "Sự thay đổi về chất lượng sản phẩm: chất lượng, tiêu chuẩn chất lượng, bao bì, "
            "nhãn mác, hình thức đóng gói"
        )
    )
    markets = long_text(_l("Thị trường phân phối sản phẩm"))
    business_results = long_text(_l("Kết quả sản xuất, kinh doanh: doanh thu, lợi nhuận"))
    business_plan = long_text(
        _l(
            "Định hướng, kế hoạch trong thời gian tới về phát triển sản phẩm, tổ chức sản xuất, "
            "thị trường"
        ),
        is_required=False,
    )
    submit = SubmitField(_l("Lưu Báo cáo tự đánh giá (Mẫu số 02)"))


FORM_01_FIELDS = (
    "unit_name",
    "representative_name",
    "representative_title",
    "address",
    "phone",
    "email",
    "product_name",
    "signing_place",
    "signed_on",
)
FORM_02_FIELDS = tuple(
    name for name in Form02.__dict__ if not name.startswith("_") and name != "submit"
)
