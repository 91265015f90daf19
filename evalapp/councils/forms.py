from datetime import UTC

from flask_babel import lazy_gettext as _l
from flask_babel import to_utc
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import ValidationError

from evalapp.common.forms import (
    FilterForm,
    Form,
    day_field,
    day_time_field,
    email,
    max_length,
    optional,
    required,
    selected,
    strip,
)
from evalapp.councils.models import SESSION_MODE_LABELS, Position, SessionMode

NOT_LISTED = _l("Vui lòng chọn một giá trị trong danh sách.")


class CouncilForm(Form):
    name = StringField(
        _l("Tên hội đồng"),
        default=_l("Hội đồng đánh giá, phân hạng sản phẩm OCOP"),
        validators=[required(), max_length(255)],
    )
    decision_number = StringField(
        _l("Số quyết định thành lập"),
        validators=[required(), max_length(60)],
        render_kw={"placeholder": "123/QĐ-UBND"},
    )
    decision_date = day_field(_l("Ngày quyết định"))
    submit = SubmitField(_l("Thành lập hội đồng"))


class MemberForm(Form):
    """Seat one of `candidates` (active staff of the unit with a council role) at a position."""

    # Unknown choices are refused in Vietnamese below (WTForms' own message is English).
    user_id = SelectField(_l("Người được cử"), validators=[selected()], validate_choice=False)
    position = SelectField(
        _l("Chức danh trong hội đồng"),
        validators=[selected()],
        validate_choice=False,
    )
    submit = SubmitField(_l("Thêm vào hội đồng"))

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {str(user.id): user for user in candidates}
        self.user_id.choices = [SelectChoice("", _l("— Chọn —"))] + [
            SelectChoice(key, f"{user.full_name} ({user.email})")
            for key, user in self.candidates.items()
        ]
        self.position.choices = [SelectChoice(p.value, p.label) for p in Position]

    def validate_user_id(self, field):
        if field.data not in self.candidates:
            raise ValidationError(NOT_LISTED)

    def validate_position(self, field):
        if field.data not in {p.value for p in Position}:
            raise ValidationError(NOT_LISTED)

    @property
    def user(self):
        return self.candidates[self.user_id.data]


class InviteMemberForm(Form):
    """Someone without an account: it is created and they set a password from the e-mail."""

    full_name = StringField(
        _l("Họ và tên"),
        validators=[required(), max_length(200)],
        filters=[strip],
    )
    email = EmailField(
        _l("Email"),
        validators=[required(), email(), max_length(254)],
        filters=[strip],
    )
    position = SelectField(
        _l("Chức danh trong hội đồng"),
        default=Position.MEMBER.value,
        validators=[selected()],
        validate_choice=False,
    )
    submit = SubmitField(_l("Gửi lời mời"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "invite")  # the page's other member form has `position` too
        super().__init__(*args, **kwargs)
        # Chair, vice-chair and secretary accounts come from an administrator (issue 13); the
        # service refuses them too, with the message saying whom to ask.
        self.position.choices = [
            SelectChoice(p.value, p.label) for p in (Position.MEMBER, Position.ADVISORY)
        ]

    def validate_position(self, field):
        if field.data not in {p.value for p in Position}:
            raise ValidationError(NOT_LISTED)


class SessionForm(Form):
    title = StringField(_l("Tên phiên họp"), validators=[required(), max_length(255)])
    starts_at = day_time_field(
        _l("Thời điểm họp"), description=_l("Giờ Việt Nam, nhập theo dạng dd/mm/yyyy HH:MM.")
    )
    place = StringField(_l("Địa điểm"), validators=[optional(), max_length(255)])
    is_online = BooleanField(_l("Họp trực tuyến"))
    mode = RadioField(
        _l("Hình thức đánh giá"),
        choices=[
            SelectChoice(SessionMode.MEETING.value, SESSION_MODE_LABELS[SessionMode.MEETING]),
            SelectChoice(
                SessionMode.WRITTEN.value,
                _l("Lấy ý kiến bằng văn bản (hồ sơ đánh giá, phân hạng lại, Điều 7.6.d)"),
            ),
        ],
        default=SessionMode.MEETING.value,  # a form without the choice plans a meeting
        validate_choice=False,
    )
    submit = SubmitField(_l("Lên lịch phiên họp"))

    def validate_mode(self, field):
        if field.data not in {mode.value for mode in SessionMode}:
            raise ValidationError(NOT_LISTED)

    def values(self) -> dict:
        """The keyword arguments of `schedule_session`; the time typed in the user's zone, in UTC."""
        return {
            "title": self.title.data,
            "starts_at": to_utc(self.starts_at.data).replace(tzinfo=UTC),
            "place": self.place.data or "",
            "is_online": self.is_online.data,
            "mode": SessionMode(self.mode.data),
        }


class AgendaForm(Form):
    dossier_id = SelectField(_l("Hồ sơ"), validators=[selected()], validate_choice=False)
    submit = SubmitField(_l("Đưa vào chương trình"))

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.dossier_id.choices = [SelectChoice("", _l("— Chọn hồ sơ —"))] + [
            SelectChoice(str(d.id), f"{d.receipt_code} — {d.product.name} — {d.organisation.name}")
            for d in candidates
        ]


class AttendanceForm(Form):
    # The service ignores ids that are not seats of the council.
    present = SelectMultipleField(_l("Có mặt"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Lưu điểm danh"))


class DeclarationForm(Form):
    has_conflict = RadioField(
        _l("Khai báo"),
        choices=[
            SelectChoice("no", _l("Tôi không có xung đột lợi ích với hồ sơ này")),
            SelectChoice("yes", _l("Tôi có xung đột lợi ích")),
        ],
        validators=[selected()],
        validate_choice=False,
    )
    reason = TextAreaField(
        _l("Lý do (nếu có xung đột lợi ích)"),
        validators=[optional(), max_length(2000)],
        render_kw={"rows": 2},
    )
    submit = SubmitField(_l("Gửi khai báo"))

    def validate_has_conflict(self, field):
        if field.data not in {"no", "yes"}:
            raise ValidationError(NOT_LISTED)

    @property
    def conflict(self) -> bool:
        return self.has_conflict.data == "yes"


class RemoteWindowForm(Form):
    opens_at = day_time_field(_l("Bắt đầu chấm từ xa"))
    closes_at = day_time_field(_l("Kết thúc chấm từ xa"))
    submit = SubmitField(_l("Mở chấm điểm từ xa"))

    def window(self) -> tuple:
        """The two moments typed in Vietnam time, as aware UTC datetimes."""
        return tuple(
            to_utc(field.data).replace(tzinfo=UTC) for field in (self.opens_at, self.closes_at)
        )


class MeetingRequestForm(Form):
    reason = TextAreaField(
        _l("Lý do đề nghị họp"),
        validators=[required(), max_length(2000)],
        filters=[strip],
        render_kw={"rows": 2},
    )
    submit = SubmitField(_l("Đề nghị họp trực tiếp"))


class WeekFilterForm(FilterForm):
    when = SelectField(
        _l("Thời gian"),
        choices=[SelectChoice("", _l("Tất cả phiên họp")), SelectChoice("week", _l("Tuần này"))],
        validators=[optional()],
    )
