"""The demo producers' Mẫu số 01 and 02 (26/2026 Phụ lục III), filled as a producer fills them
on the registration page: what the organisation and the product say, and a few lines of their
own for the report."""

from __future__ import annotations

from evalapp.auth.models import User
from evalapp.common.time import local_today
from evalapp.dossiers.models import Dossier, Gender
from evalapp.dossiers.registration import FORM_01, FORM_02, prefill, save_form
from evalapp.dossiers.registration_forms import FORM_01_FIELDS, FORM_02_FIELDS
from evalapp.dossiers.rules import needs_registration_forms

REPORT = {
    "representative_gender": Gender.FEMALE,
    "representative_ethnicity": "Kinh",
    "has_business_registration": True,
    "has_quality_declaration": True,
    "ip_trademark": True,
    "history": "Thành lập từ tổ hợp tác của thôn; đăng ký kinh doanh và mở rộng sản xuất (mẫu).",
    "organisation_structure": "Giám đốc, tổ sản xuất, tổ kinh doanh (mẫu).",
    "raw_materials_and_technology": "Nguyên liệu của các hộ liên kết trong xã (mẫu).",
    "quality_changes": "Bao bì mới, nhãn song ngữ, công bố tiêu chuẩn cơ sở (mẫu).",
    "markets": "Các tỉnh lân cận và bán trực tuyến (mẫu).",
    "business_results": "Doanh thu và lợi nhuận tăng hai năm liền (mẫu).",
    "business_plan": "Mở rộng vùng nguyên liệu và thị trường (mẫu).",
}


def fill_forms(dossier: Dossier, producer: User) -> None:
    """Both forms, where the round's rulebook asks for them."""
    if not needs_registration_forms(dossier):
        return
    values = prefill(dossier) | {
        "signing_place": dossier.organisation.commune.name,
        "signed_on": local_today(),
        "representative_residence": dossier.organisation.address,
        "established_on": dossier.organisation.created_at.date(),
    }
    values |= REPORT
    save_form(dossier, FORM_01, {name: values.get(name) for name in FORM_01_FIELDS}, producer)
    save_form(dossier, FORM_02, {name: values.get(name) for name in FORM_02_FIELDS}, producer)
