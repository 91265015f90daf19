"""Dossiers: the commune's two papers under 26/2026 (Mẫu số 03 and the proposal letter), for the
commune, the producer and the province's secretariat once the commune has forwarded."""

from flask_login import current_user

from evalapp.auth.models import Role
from evalapp.common.access import require, roles
from evalapp.common.downloads import send_generated
from evalapp.dossiers import permissions
from evalapp.dossiers.commune_papers import letter_pdf, report_pdf
from evalapp.dossiers.views.blueprint import bp, load

paper_readers = roles(Role.COMMUNE_OFFICER, Role.PRODUCER, Role.SECRETARY)


def stem(dossier) -> str:
    return dossier.receipt_code or f"hs{dossier.id}"


@bp.route("/<int:dossier_id>/mau-03.pdf")
@paper_readers
def commune_report(dossier_id: int):
    """Báo cáo đánh giá một số nội dung của hồ sơ (26/2026 Phụ lục III Mẫu số 03)."""
    dossier = load(dossier_id)
    require(permissions.can_read_commune_papers(current_user, dossier))
    return send_generated(report_pdf(dossier), f"mau-03-{stem(dossier)}.pdf")


@bp.route("/<int:dossier_id>/van-ban-de-nghi.pdf")
@paper_readers
def proposal_letter(dossier_id: int):
    """The commune's letter proposing the province evaluate the product (26/2026 Điều 6.2.a)."""
    dossier = load(dossier_id)
    require(permissions.can_read_commune_papers(current_user, dossier))
    return send_generated(letter_pdf(dossier), f"van-ban-de-nghi-{stem(dossier)}.pdf")
