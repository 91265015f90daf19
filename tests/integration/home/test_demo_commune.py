"""The demo's 26/2026 commune stage as the people in it see it: Xã Kim Sơn's officer has Làn cói
(mẫu) on the desk with the working days left (Điều 7.2: 15 working days from filing), its product
code and its forms; the forwarded Thảm cói (mẫu) has the commune's Mẫu 03 and five labelled
samples sent on with it; the council member scoring Giỏ đay Hiếu Lâm reads the producer's
description and evidence under each criterion, and the advisory group holds the samples."""

from io import BytesIO

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from evalapp.common.time import local_today
from evalapp.councils.models import AgendaItem
from evalapp.demo.data import DEMO_PASSWORD
from evalapp.demo.products import COI_CLAIMS_2026, GIO_DAY_CLAIMS_2026
from evalapp.dossiers.commune import received_on
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.producers.models import Product
from evalapp.rules.working_days import deadline_after_receipt, working_days_between
from evalapp.samples.models import SampleHolder
from evalapp.samples.queries import samples_of

OFFICER = "canbo.xakimson@evalapp-demo.vn"


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result


def login(app, email: str):
    client = app.test_client()
    response = client.post("/auth/login", data={"email": email, "password": DEMO_PASSWORD})
    assert response.status_code == 302, email
    return client


def dossier_of(product_name: str) -> Dossier:
    query = select(Dossier).join(Dossier.product).where(Product.name == product_name)
    return db.session.scalars(query.order_by(Dossier.id.desc())).first()


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    return " ".join(page.extract_text() for page in PdfReader(BytesIO(response.data)).pages)


def test_the_commune_officer_has_lan_coi_on_the_desk_with_its_working_days_left(demo, app):
    lan_coi = dossier_of("Làn cói đan tay (mẫu)")
    assert lan_coi.state is DossierState.SUBMITTED
    assert lan_coi.current_unit.name == "Xã Kim Sơn"
    filed_on, today = received_on(lan_coi), local_today()
    deadline = deadline_after_receipt(filed_on, 15)
    assert 0 < working_days_between(filed_on, today) <= 5  # filed a few working days ago
    left = working_days_between(today, deadline)
    assert left > 5

    officer = login(app, OFFICER)
    queue = officer.get("/dossiers/intake").text
    assert "Làn cói đan tay (mẫu)" in queue
    assert f"Còn {left} ngày làm việc (hạn {deadline:%d/%m/%Y})" in queue

    # The dossier's page: its product code and the commune's registration number (Xã Kim Sơn,
    # 14638, under Ninh Bình, 37), the producer's description and evidence of some criteria.
    page = officer.get(f"/dossiers/{lan_coi.id}").text
    # The commune's 12th product of the year: the re-evaluation (`demo.written`), 3 in the
    # decided round (`demo.ministry`), then 8.
    assert f"37-14638-012-{filed_on.year}" in page
    assert lan_coi.commune_registration_number in page
    assert lan_coi.commune_registration_number.endswith(f"-012/PĐK-37-14638-{filed_on.year}")

    for description, evidence in COI_CLAIMS_2026.values():
        assert description in page
        assert all(f"{code}.pdf" in page for code in evidence)

    # Mẫu 01 and Mẫu 02, as the producer filled them, print for the commune.
    form_01 = pdf_text(officer.get(f"/dossiers/{lan_coi.id}/registration/form_01.pdf"))
    assert "Làn cói đan tay" in form_01 and "HTX Cói Kim Sơn" in form_01
    form_02 = pdf_text(officer.get(f"/dossiers/{lan_coi.id}/registration/form_02.pdf"))
    assert "BÁO CÁO TỰ ĐÁNH GIÁ VỀ SẢN PHẨM" in form_02 and "Vũ Thị Cói" in form_02
    assert len(lan_coi.claims) == len(COI_CLAIMS_2026)


def test_the_forwarded_dossier_has_its_mau_03_and_five_labelled_samples_sent_on(demo, app):
    tham_coi = dossier_of("Thảm cói trải sàn (mẫu)")
    assert tham_coi.state is DossierState.FORWARDED
    officer = login(app, OFFICER)
    page = officer.get(f"/dossiers/{tham_coi.id}").text
    assert "Báo cáo đánh giá (Mẫu số 03)" in page and tham_coi.product_code in page
    report = " ".join(pdf_text(officer.get(f"/dossiers/{tham_coi.id}/mau-03.pdf")).split())
    assert "Thảm cói trải sàn" in report and "Kim Sơn" in report
    assert "Đã kiểm tra thực tế tại xã" in report

    samples = samples_of(tham_coi)
    assert len(samples) == 5
    assert {s.current.holder for s in samples} == {SampleHolder.SECRETARIAT}
    assert {s.moves[0].holder for s in samples} == {SampleHolder.COMMUNE}
    page = officer.get(f"/samples/dossiers/{tham_coi.id}").text
    assert all(sample.label_code in page for sample in samples)
    assert "Cơ quan thường trực (cấp tỉnh)" in page and "Nhãn mẫu có mã QR" in page
    labels = pdf_text(officer.get(f"/samples/dossiers/{tham_coi.id}/labels.pdf"))
    assert all(sample.label_code in labels for sample in samples)


def test_the_member_reads_the_claims_and_evidence_on_the_sheet(demo, app):
    gio_day = dossier_of("Giỏ đay Hiếu Lâm")
    [item] = db.session.scalars(select(AgendaItem).where(AgendaItem.dossier_id == gio_day.id))
    member = login(app, "thanhvien5.kimson@evalapp-demo.vn")
    sheet = member.get(f"/scoring/items/{item.id}").text
    for description, evidence in GIO_DAY_CLAIMS_2026.values():
        assert description in sheet
        assert all(f"{code}.pdf" in sheet for code in evidence)

    # The session's samples are with the advisory group, which sees them.
    assert {s.current.holder for s in samples_of(gio_day)} == {SampleHolder.ADVISORY_GROUP}
    advisory = login(app, "tuvan.kimson@evalapp-demo.vn")
    page = advisory.get(f"/samples/dossiers/{gio_day.id}").text
    assert "Tổ tư vấn Hội đồng" in page


def test_the_commune_officer_has_an_organisation_to_verify(demo, app):
    """Issue 13, item 9: a demo household business registered itself and awaits verification."""
    client = login(app, OFFICER)

    queue = client.get("/producers/staff/verification").text

    assert "Hộ kinh doanh Thêu ren Văn Lâm (dữ liệu mẫu)" in queue
    assert "Đã tải lên" in queue
