"""A session's results as a download (issue 18, item 2): the rows of the session's results page,
with what the viewer may see of each (a member conflicted on a dossier sees no figure of it)."""

from __future__ import annotations

from flask_babel import gettext as _

from evalapp.common.exports import Column
from evalapp.results.pages import SessionRow
from evalapp.results.wording import class_label


def figure(row: SessionRow, name: str):
    return row.figures.get(name) if row.visible and row.figures else None


def class_of(row: SessionRow) -> str:
    if not row.visible or not row.figures:
        return ""
    return class_label(row.figures.get("outcome"), row.figures.get("stars"))


def session_result_columns() -> list[Column]:
    return [
        Column(_("TT"), lambda row: row.item.position, 6),
        Column(_("Mã hồ sơ"), lambda row: row.item.dossier.receipt_code, 18),
        Column(_("Mã số sản phẩm"), lambda row: row.item.dossier.product_code, 18),
        Column(_("Sản phẩm"), lambda row: row.item.dossier.product.name, 36),
        Column(_("Tình trạng"), lambda row: row.stage_label, 22),
        Column(_("Điểm"), lambda row: figure(row, "score"), 10),
        Column(_("Hạng sao"), lambda row: figure(row, "stars"), 10),
        Column(_("Kết quả"), class_of, 20),
    ]
