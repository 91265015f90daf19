"""Validators with messages in the user's language (WTForms ships no Vietnamese)."""

from flask_babel import lazy_gettext as _l
from wtforms import validators


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
