"""The intake list as a download (issue 18, item 2): the columns the list shows, its deadlines
in words, and the commune a report is grouped by."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from evalapp.common.exports import Column
from evalapp.dossiers.commune import commune_badge, received_on
from evalapp.dossiers.cut_offs import cut_off_badge
from evalapp.dossiers.models import Dossier
from evalapp.dossiers.queries import deadline_badge
from evalapp.dossiers.re_evaluation import clock_lines


def intake_columns(dossiers: list[Dossier], today: date) -> list[Column]:
    """`dossiers`: the rows about to be written (the 26/2026 Điều 7.6.g clocks are read for all
    of them at once)."""
    clocks = clock_lines(dossiers, today)

    def deadline(dossier: Dossier) -> str:
        badge = commune_badge(dossier, today) or deadline_badge(dossier, today)
        return badge.label if badge else ""

    def cut_off(dossier: Dossier) -> str:
        badge = cut_off_badge(dossier, today)
        return badge.label if badge else ""

    def organisation_commune(dossier: Dossier) -> str:
        commune = dossier.organisation.commune
        return commune.name if commune else ""

    return [
        Column(_("Mã hồ sơ"), lambda d: d.receipt_code, 18),
        Column(_("Mã số sản phẩm"), lambda d: d.product_code, 18),
        Column(
            _("Phiếu đăng ký số"),
            lambda d: d.province_registration_number or d.commune_registration_number,
            16,
        ),
        Column(_("Sản phẩm"), lambda d: d.product.name, 36),
        Column(_("Chủ thể"), lambda d: d.organisation.name, 36),
        Column(_("Xã, phường"), organisation_commune, 24),
        Column(_("Đợt đánh giá"), lambda d: d.round.name, 30),
        Column(_("Ngày nộp"), received_on, 14),
        Column(_("Trạng thái"), lambda d: d.state.label, 22),
        Column(_("Thời hạn"), deadline, 30),
        Column(_("Thời gian đánh giá lại (Điều 7.6.g)"), lambda d: clocks.get(d.id, ("",))[0], 30),
        Column(_("Điều 5 (thời điểm đề xuất, quyết định)"), cut_off, 34),
    ]
