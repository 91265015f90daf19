"""The advisory group's forms. The parts a form leaves to the service (which names the rule and
keeps what was typed) are optional here; the document review and the visit's findings are
built from the dossier's checklist and sheet, read by `document_findings` and `visit_findings`."""

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    MultipleFileField,
    SelectChoice,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)

from evalapp.advisory.models import FINDING_LABELS
from evalapp.common.forms import FilterForm, Form, day_field, max_length, optional, required

# A visit's form offers this many rows of (criterion, finding).
VISIT_FINDING_ROWS = 6


class AssignForm(Form):
    dossier = SelectField(_l("Hồ sơ"), coerce=int, validate_choice=False)
    member = SelectField(_l("Thành viên Tổ tư vấn"), coerce=int, validate_choice=False)
    submit = SubmitField(_l("Phân công"))


class CsrfOnly(Form):
    """A button with nothing to fill (the fields are read by the view from the checklist)."""


class SiteVisitForm(Form):
    visited_on = day_field(_l("Ngày khảo sát"), needed=False)
    place = StringField(_l("Địa điểm"), validators=[optional(), max_length(255)])
    present = TextAreaField(
        _l("Thành phần tham dự (Tổ tư vấn, đại diện chủ thể), mỗi người một dòng"),
        validators=[optional(), max_length(4000)],
    )
    note = TextAreaField(_l("Nhận xét chung"), validators=[optional(), max_length(4000)])
    photos = MultipleFileField(_l("Ảnh chụp tại cơ sở"))
    submit = SubmitField(_l("Lưu biên bản khảo sát"))


class LabTestForm(Form):
    indicators = TextAreaField(
        _l("Chỉ tiêu cần kiểm nghiệm"), validators=[optional(), max_length(2000)]
    )
    reason = TextAreaField(_l("Lý do"), validators=[optional(), max_length(2000)])
    due_on = day_field(_l("Hạn nộp kết quả"), needed=False)
    submit = SubmitField(_l("Gửi đề nghị kiểm nghiệm"))


class LabResultForm(Form):
    result_on = day_field(_l("Ngày có kết quả"), needed=False)
    passed = SelectField(
        _l("Kết luận"),
        choices=[
            SelectChoice("", _l("— Chọn —")),
            SelectChoice("yes", _l("Đạt")),
            SelectChoice("no", _l("Không đạt")),
        ],
        validators=[optional()],
    )
    note = StringField(_l("Ghi chú"), validators=[optional(), max_length(500)])
    report_file = FileField(_l("Phiếu kết quả kiểm nghiệm"))
    submit = SubmitField(_l("Ghi kết quả"))


class SupplementForm(Form):
    message = TextAreaField(
        _l("Nội dung đề nghị bổ sung"), validators=[optional(), max_length(4000)]
    )
    due_on = day_field(_l("Hạn bổ sung (nếu có)"), needed=False)
    submit = SubmitField(_l("Gửi đề nghị bổ sung"))


class ReportForm(Form):
    part_a = TextAreaField(_l("Phần A — Sản xuất và phát triển cộng đồng"), validators=[optional()])
    part_b = TextAreaField(_l("Phần B — Kinh doanh và tiếp thị"), validators=[optional()])
    part_c = TextAreaField(_l("Phần C — Chất lượng sản phẩm"), validators=[optional()])
    conclusion = TextAreaField(_l("Kết luận chung và kiến nghị"), validators=[optional()])
    save = SubmitField(_l("Lưu bản nháp"))
    send = SubmitField(_l("Gửi Chủ tịch Hội đồng"))


class ReopenForm(Form):
    reason = TextAreaField(_l("Lý do mở lại"), validators=[required(), max_length(2000)])
    submit = SubmitField(_l("Mở lại báo cáo"))


FINDING_CHOICES = [SelectChoice("", _l("— Chưa xem xét —"))] + [
    SelectChoice(f.value, label) for f, label in FINDING_LABELS.items()
]


def document_findings(form_data, codes) -> dict[str, tuple[str, str]]:
    return {
        code: (form_data.get(f"finding-{code}", ""), form_data.get(f"comment-{code}", ""))
        for code in codes
    }


def visit_findings(form_data) -> dict[str, str]:
    """{criterion code: finding} from the visit form's rows (rows without a criterion dropped)."""
    found: dict[str, str] = {}
    for row in range(VISIT_FINDING_ROWS):
        code = form_data.get(f"criterion-{row}", "").strip()
        text = form_data.get(f"finding-{row}", "")
        if code:
            found[code] = (found.get(code, "") + "\n" + text).strip()
    return found


class QueueFilterForm(FilterForm):
    show = SelectField(
        _l("Hiển thị"),
        choices=[
            SelectChoice("", _l("Tất cả hồ sơ được giao")),
            SelectChoice("to_report", _l("Chưa gửi báo cáo")),
        ],
        validators=[optional()],
    )
