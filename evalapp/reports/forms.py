from flask_babel import lazy_gettext as _l
from wtforms import SelectChoice, SelectMultipleField, StringField, SubmitField, widgets
from wtforms.validators import ValidationError

from evalapp.common.forms import Form, day_field, max_length, optional, required, strip
from evalapp.reports.services import DraftValues
from evalapp.results.wording import class_label


def result_choice(result) -> SelectChoice:
    dossier = result.dossier
    label = f"{dossier.product.name} — {dossier.organisation.name} — {class_label(result.outcome, result.stars)}"
    return SelectChoice(result.id, label)


class ResultChoices(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class DecisionForm(Form):
    """A draft decision: who issues and signs it, which results it approves; on an existing
    draft also its number and date, which may stay empty until it is issued."""

    issuing_body = StringField(
        _l("Cơ quan ban hành"), validators=[required(), max_length(255)], filters=[strip]
    )
    place = StringField(
        _l("Địa danh"),
        description=_l("Ghi ở dòng “<địa danh>, ngày … tháng … năm …”."),
        validators=[required(), max_length(100)],
        filters=[strip],
    )
    signer_title = StringField(
        _l("Chức vụ người ký"), validators=[optional(), max_length(200)], filters=[strip]
    )
    signer_name = StringField(
        _l("Họ tên người ký"), validators=[optional(), max_length(200)], filters=[strip]
    )
    number = StringField(
        _l("Số quyết định"),
        validators=[optional(), max_length(60)],
        filters=[strip],
        render_kw={"placeholder": "123/QĐ-UBND"},
    )
    signed_on = day_field(_l("Ngày ký"))
    results = ResultChoices(_l("Kết quả được phê duyệt"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Lưu dự thảo"))

    def __init__(self, candidates, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {result.id: result for result in candidates}
        self.results.choices = [result_choice(result) for result in candidates]
        self.signed_on.validators = [optional()]
        self.signed_on.flags.required = False

    def validate_results(self, field):
        if any(value not in self.candidates for value in field.data or []):
            raise ValidationError(_l("Vui lòng chọn một giá trị trong danh sách."))

    def values(self) -> DraftValues:
        return DraftValues(
            issuing_body=self.issuing_body.data or "",
            place=self.place.data or "",
            signer_name=self.signer_name.data or "",
            signer_title=self.signer_title.data or "",
            number=self.number.data or "",
            signed_on=self.signed_on.data,
        )

    def chosen(self) -> list:
        return [self.candidates[value] for value in self.results.data or []]


class IssueForm(Form):
    number = StringField(
        _l("Số quyết định"),
        validators=[required(), max_length(60)],
        filters=[strip],
        render_kw={"placeholder": "123/QĐ-UBND"},
    )
    signed_on = day_field(_l("Ngày ký"))
    submit = SubmitField(_l("Ghi nhận quyết định đã ban hành"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "issue")  # the page's draft form has `number` too
        super().__init__(*args, **kwargs)
