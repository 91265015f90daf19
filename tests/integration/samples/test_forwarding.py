"""26/2026 Điều 6.2.d, 7.2.b: the commune forwards a dossier to the province with its 5 samples;
without them it cannot (community tourism goes with none). The queues and the dossier page show
"n/5 mẫu" with a link to the samples."""

from evalapp.dossiers.models import DossierState
from evalapp.extensions import db
from tests.integration.samples.conftest import pre_review_form, receipt_form, submitted

MISSING = (
    "Chưa thể chuyển hồ sơ lên cấp tỉnh: hồ sơ phải kèm 5 sản phẩm mẫu (Điều 6.2.d, 7.2.b "
    "Quyết định 26/2026/QĐ-TTg), hiện đã ghi nhận 0. Hãy ghi nhận sản phẩm mẫu trước."
)


def test_the_commune_cannot_forward_without_the_five_samples(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.basket)
    officer = login(ninh_binh.commune_officer)
    assert "0/5 mẫu" in officer.get(f"/dossiers/{dossier.id}/pre-review").text
    response = officer.post(f"/dossiers/{dossier.id}/pre-review", data=pre_review_form())
    assert MISSING in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.SUBMITTED and dossier.current_unit == ninh_binh.commune
    assert dossier.pre_review is None

    officer.post(f"/samples/dossiers/{dossier.id}/receive", data=receipt_form(5))
    assert "5/5 mẫu" in officer.get(f"/dossiers/{dossier.id}/pre-review").text
    response = officer.post(
        f"/dossiers/{dossier.id}/pre-review", data=pre_review_form(), follow_redirects=True
    )
    assert "chuyển hồ sơ lên cấp trên" in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.FORWARDED and dossier.current_unit == ninh_binh.province


def test_community_tourism_is_forwarded_without_samples(ninh_binh, login):
    dossier = submitted(ninh_binh, ninh_binh.homestay)
    officer = login(ninh_binh.commune_officer)
    officer.post(f"/dossiers/{dossier.id}/pre-review", data=pre_review_form())
    db.session.refresh(dossier)
    assert dossier.state is DossierState.FORWARDED


def test_the_queues_and_the_dossier_page_count_the_samples(ninh_binh, login):
    basket = submitted(ninh_binh, ninh_binh.basket)
    homestay = submitted(ninh_binh, ninh_binh.homestay)
    officer = login(ninh_binh.commune_officer)
    queue = officer.get("/dossiers/intake").text
    link = f'href="/samples/dossiers/{basket.id}"'
    assert link in queue and "0/5 mẫu" in queue
    assert f'href="/samples/dossiers/{homestay.id}"' not in queue  # no sample to count
    page = officer.get(f"/dossiers/{basket.id}").text
    assert link in page and "0/5 mẫu" in page
    assert "Không nộp sản phẩm mẫu" in officer.get(f"/dossiers/{homestay.id}").text

    officer.post(f"/samples/dossiers/{basket.id}/receive", data=receipt_form(5))
    officer.post(f"/dossiers/{basket.id}/pre-review", data=pre_review_form())
    queue = login(ninh_binh.secretary).get("/dossiers/intake").text
    assert link in queue and "5/5 mẫu" in queue
    # The producer sees the dossier, not the samples (staff only).
    assert "/samples/" not in login(ninh_binh.producer).get(f"/dossiers/{basket.id}").text
