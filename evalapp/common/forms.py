"""Validators with messages in the user's language (WTForms ships no Vietnamese)."""

import re

from flask import flash
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DateField,
    DateTimeLocalField,
    IntegerField,
    PasswordField,
    StringField,
    validators,
)
from wtforms.widgets import TextInput


def required():
    return validators.InputRequired(message=_l("Vui lòng nhập trường này."))


def filled():
    """Required, and not only spaces (a name, a title)."""
    return validators.DataRequired(message=_l("Vui lòng nhập trường này."))


def selected():
    return validators.InputRequired(message=_l("Vui lòng chọn một giá trị."))


def email():
    return validators.Email(message=_l("Địa chỉ email không hợp lệ."), check_deliverability=False)


def max_length(limit: int):
    return validators.Length(max=limit, message=_l("Tối đa %(max)d ký tự.", max=limit))


def min_length(limit: int):
    return validators.Length(min=limit, message=_l("Tối thiểu %(min)d ký tự.", min=limit))


def optional():
    return validators.Optional()


def strip(value):
    return value.strip() if isinstance(value, str) else value


# --- dates ----------------------------------------------------------------------------------------

#: The first format is the one shown (Vietnamese: 05/03/2026; one digit is accepted, 5/3/2026);
#: ISO, what a browser's own date input sends, is still read from older clients and tests.
DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
MOMENT_FORMATS = ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M"]
FIRST_YEAR = 1900  # "5/3/26" would otherwise be the year 26


class TypedDayMixin:
    """A day typed in a text box: surrounding spaces ignored, a year of four digits, and the value
    shown back in the first format once it is read (so 2026-03-05 and 5/3/2026 both come back as
    05/03/2026); text that is not a day is shown back as typed, beside its error."""

    def process_formdata(self, valuelist):
        super().process_formdata([" ".join(value.split()) for value in valuelist])
        if self.data is not None and self.data.year < FIRST_YEAR:
            self.data = None
            raise ValueError(self.invalid_value_message)

    def _value(self):
        if self.data is not None:
            return self.data.strftime(self.format[0])
        return " ".join(self.raw_data or [])


class DayField(TypedDayMixin, DateField):
    widget = TextInput()


class MomentField(TypedDayMixin, DateTimeLocalField):
    widget = TextInput()


def day_field(label, *, needed: bool = True, **kwargs):
    """A day typed as dd/mm/yyyy, with a calendar (`static/js/date_fields.js`) where JavaScript
    runs; `needed=False` where the service checks its presence (and names the rule)."""
    return DayField(
        label,
        format=DAY_FORMATS,
        invalid_value_message=_l("Ngày không hợp lệ; hãy nhập theo dạng dd/mm/yyyy."),
        validators=[required() if needed else optional()],
        render_kw={
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-date-field": "",
        },
        **kwargs,
    )


def day_time_field(label, *, needed: bool = True, **kwargs):
    """A moment typed as dd/mm/yyyy HH:MM (24-hour), in the user's time zone."""
    return MomentField(
        label,
        format=MOMENT_FORMATS,
        invalid_value_message=_l("Thời điểm không hợp lệ; hãy nhập theo dạng dd/mm/yyyy HH:MM."),
        validators=[required() if needed else optional()],
        render_kw={
            "placeholder": "dd/mm/yyyy HH:MM",
            "autocomplete": "off",
            "data-date-time-field": "",
        },
        **kwargs,
    )


# Text a person types never holds control characters other than tab and line breaks, nor the
# bidi embedding/override/isolate marks that make a name read differently from how it is stored
# ("hoso\u202efdp.exe"). NUL never reaches a form: `common.input` refuses the request first.
CONTROL_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]"
)
LARGEST_NUMBER = 2**31 - 1  # a PostgreSQL `integer`


def plain_text(form, field) -> None:
    """Refuse control characters in a text field, with a message under the field."""
    if isinstance(field.data, str) and CONTROL_CHARACTERS.search(field.data):
        raise validators.StopValidation(
            _l(
                "Nội dung có ký tự điều khiển hoặc ký tự đảo chiều văn bản (thường do dán từ "
                "tài liệu khác); vui lòng xoá ký tự đó rồi gửi lại."
            )
        )


def bounded_number(form, field) -> None:
    """Refuse a number the database cannot hold (it would be an error, not a refusal)."""
    if isinstance(field.data, int) and abs(field.data) > LARGEST_NUMBER:
        raise validators.StopValidation(_l("Số quá lớn."))


def edge_validators(field) -> list:
    """The checks every field of every form gets (issue 13, item 6)."""
    if isinstance(field, PasswordField):
        return []  # never stored as text; a password is compared, not shown
    if isinstance(field, StringField):  # also TextAreaField, EmailField, SearchField…
        return [plain_text]
    if isinstance(field, IntegerField):
        return [bounded_number]
    return []


class SavedValues:
    """A saved object seen through a form's keyword values, which win over its attributes."""

    def __init__(self, saved, values: dict):
        self._saved, self._values = saved, values

    def __getattr__(self, name):
        if name in self._values:
            return self._values[name]
        return getattr(self._saved, name)


class Form(FlaskForm):
    """The base of every form of the application: each text field refuses control characters and
    each number field a number out of the database's range, with a message, before any view code
    sees the value."""

    def process(self, formdata=None, obj=None, data=None, extra_filters=None, **kwargs):
        """`Form(obj=saved, field=value)`: the keyword wins over the saved object's attribute.
        WTForms itself prefers the attribute, so `commune=unit.id` beside `obj=` was ignored and
        the select showed no saved choice (an object, not its id)."""
        if obj is not None and kwargs:
            obj = SavedValues(obj, kwargs)
        super().process(formdata, obj, data=data, extra_filters=extra_filters, **kwargs)

    def validate(self, extra_validators=None) -> bool:
        extra = {name: edge_validators(field) for name, field in self._fields.items()}
        for name, more in (extra_validators or {}).items():
            extra[name] = [*extra.get(name, []), *more]
        return super().validate(extra_validators=extra)


class FilterForm(Form):
    """A search or filter form read from the query string (GET, no CSRF token). A value that
    does not validate — an unknown state, a page beyond the last, a control character — is
    ignored: the list shows as if the field were empty, and a message names the filter."""

    class Meta:
        csrf = False

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for field in self:
            if field.errors:
                field.data = field.default
                flash(
                    _(
                        "Bộ lọc “%(label)s” có giá trị không hợp lệ nên đã được bỏ qua.",
                        label=field.label.text,
                    ),
                    "warning",
                )
        return valid
