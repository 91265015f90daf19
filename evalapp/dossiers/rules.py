"""What the rulebook of a dossier's round says about that dossier (checklist, sheet, path)."""

from __future__ import annotations

from flask_babel import gettext as _

from evalapp.dossiers.models import Dossier
from evalapp.rules import (
    CriteriaSheet,
    DossierItem,
    EvaluationLevel,
    Rulebook,
    SheetUnavailable,
    load_rulebook,
)
from evalapp.sheets import library


def rulebook_of(dossier: Dossier) -> Rulebook:
    return load_rulebook(dossier.round.rulebook_code)


def sheet_of(dossier: Dossier) -> CriteriaSheet | None:
    """The dossier's sheet; None when its group has none, or when the sheet's file is not
    usable now (`missing_sheet` says which)."""
    if not dossier.sheet_code:
        return None
    try:
        return library.sheet_by_version_or_code(
            dossier.round.rulebook_code, dossier.sheet_code, dossier.sheet_version_id
        )
    except SheetUnavailable:
        return None


def missing_sheet(dossier: Dossier) -> str:
    """ "" when the dossier's product group has a criteria sheet in its round's rulebook; else
    why it cannot be scored (148/QĐ-TTg and 148 + 1489 ship no sheet: their Phụ lục was never
    published). Acceptance and the agenda refuse such a dossier; its result page says so."""
    if sheet_of(dossier) is not None:
        return ""
    if dossier.sheet_code:
        return _(
            "Phiếu đánh giá “%(sheet)s” của nhóm sản phẩm này đang lỗi dữ liệu nên tạm thời "
            "không dùng được; quản trị viên đã được báo. Hồ sơ chấm điểm được khi phiếu được sửa.",
            sheet=dossier.sheet_code,
        )
    group = next((name for name in reversed(product_classification(dossier)) if name), "")
    return _(
        "Nhóm sản phẩm “%(group)s” chưa có phiếu đánh giá theo %(rulebook)s: hồ sơ này không "
        "thể chấm điểm.",
        group=group or dossier.class_code or dossier.group_code or "",
        rulebook=rulebook_of(dossier).reference,
    )


def checklist_items(dossier: Dossier) -> tuple[DossierItem, ...]:
    """The documents this dossier needs: the rulebook's list for its registration type, minus
    the items its product group is exempt from (samples for services, say)."""
    checklist = rulebook_of(dossier).checklist(dossier.registration_type.value)
    if checklist is None:
        return ()
    group = dossier.group_code
    return tuple(item for item in checklist.items if group not in item.exempt_groups)


def checklist_item(dossier: Dossier, item_code: str) -> DossierItem | None:
    return next((item for item in checklist_items(dossier) if item.code == item_code), None)


def pre_review_level(rulebook: Rulebook) -> EvaluationLevel | None:
    """The commune level that pre-reviews dossiers before the province (1489/2025), if any."""
    return next((level for level in rulebook.levels if level.pre_review), None)


# The two forms of 26/2026 Phụ lục III that the producer fills in the application (Điều 6.1:
# every dossier, first time, upgrade or re-evaluation, holds Mẫu số 01 and Mẫu số 02). A rulebook
# asks for them when its checklist lists them.
REGISTRATION_FORM_ITEMS = frozenset({"mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"})
# 26/2026 Điều 6.2.d: five samples go with the dossier, none for community tourism, eco-tourism
# and tourist sites (ngành VI of Phụ lục I).
SAMPLE_COUNT = 5
NO_SAMPLE_SECTORS = frozenset({"VI"})


def needs_registration_forms(dossier: Dossier) -> bool:
    """True when the round's rulebook asks for Mẫu số 01 and 02 of 26/2026 Phụ lục III."""
    codes = {item.code for item in checklist_items(dossier)}
    return REGISTRATION_FORM_ITEMS.issubset(codes)


def sample_count(dossier: Dossier) -> int:
    return 0 if dossier.group_code in NO_SAMPLE_SECTORS else SAMPLE_COUNT


def product_classification(dossier: Dossier) -> tuple[str, str, str]:
    """Ngành, Nhóm and Phân nhóm of the dossier's class (Phụ lục I), in Vietnamese, each with its
    code; "" where the rulebook has no such level for it."""
    found = rulebook_of(dossier).product_class(dossier.class_code)
    if found is None:
        return "", "", ""
    group, subgroup = found
    sector = f"{group.code}. {group.name.vi}"
    if subgroup is None:
        return sector, "", ""
    family = subgroup.family
    family_line = f"{family.code}. {family.name.vi}" if family else ""
    return sector, family_line, f"{subgroup.code}. {subgroup.name.vi}"
