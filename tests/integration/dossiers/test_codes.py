"""26/2026 codes: the product code `(T)-(X)-(STT)-năm` given when the dossier is filed with the
commune, and the registration form's numbers of Mẫu 01 given by the commune and the province."""

from evalapp.common.time import local_today
from evalapp.common.uploads import check_upload
from evalapp.demo.forms import fill_forms
from evalapp.demo.products import COI_2026
from evalapp.dossiers import services
from evalapp.dossiers.models import RegistrationType
from evalapp.dossiers.numbering import PRODUCT, next_number
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    hand_over_samples,
    make_organisation,
    make_producer,
    make_product,
    make_unit,
)
from tests.integration.dossiers.conftest import pdf_file

REQUIRED_26 = ["mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"]
MET = {
    code: {"met": True, "note": "Đã xem xét tại xã: phù hợp."}
    for code in ("local_origin", "local_labour", "idea_origin", "local_identity")
}


def filed_draft(world, commune=None, name="Giỏ cói"):
    """A complete draft of a new product of a new producer in the commune, ready to submit."""
    organisation = make_organisation(commune=commune or world["commune"])
    producer = make_producer(organisation)
    product = make_product(organisation, name, "26-2026", "IV.1", "IV")
    db.session.commit()
    dossier = services.start_dossier(
        product, world["round"], RegistrationType.FIRST_TIME, "", producer
    )
    for code in REQUIRED_26:
        services.attach_document(
            dossier, code, check_upload(pdf_file(f"{code}.pdf"), ["pdf"], 10), producer
        )
    services.save_self_assessment(dossier, COI_2026, producer)
    fill_forms(dossier, producer)
    services.sign_declaration(dossier, "Phạm Thị Hiếu", producer)
    return dossier, producer


def filed(world, commune=None, name="Giỏ cói"):
    dossier, producer = filed_draft(world, commune, name)
    services.submit_dossier(dossier, producer)
    db.session.commit()
    return dossier, producer


def test_the_commune_numbers_its_products_1_2_3_in_the_year(province_2026):
    year = local_today().year
    codes = [filed(province_2026, name=f"Sản phẩm {n}")[0] for n in range(3)]
    assert [d.product_code for d in codes] == [f"37-14464-{n:03d}-{year}" for n in (1, 2, 3)]
    assert [d.commune_registration_number for d in codes] == [
        f"{n:04d}-{n:03d}/PĐK-37-14464-{year}" for n in (1, 2, 3)
    ]
    assert all(d.commune_registration_on == local_today() for d in codes)
    other = make_unit("Xã Gia Hưng", UnitLevel.COMMUNE, parent=province_2026["province"])
    other.official_code = "14482"
    assert filed(province_2026, commune=other)[0].product_code == f"37-14482-001-{year}"
    # Another year starts again at 1; a number once given is never given again.
    assert next_number(province_2026["commune"], year + 1, PRODUCT) == 1
    assert next_number(province_2026["commune"], year, PRODUCT) == 4


def test_the_province_numbers_the_form_again_when_its_intake_receives_it(province_2026, login):
    world = province_2026
    dossier, producer = filed(world)
    year = local_today().year
    hand_over_samples(dossier, world["officer"])
    services.forward_dossier(dossier, MET, "", world["officer"])
    db.session.commit()
    secretary = login(world["secretary"])
    assert secretary.post(f"/dossiers/{dossier.id}/receive").status_code == 302
    db.session.refresh(dossier)
    assert dossier.province_registration_number == f"0001-001/PĐK-37-14464-{year}"
    assert dossier.province_registration_on == local_today()
    assert dossier.events[-1].details["province_registration_number"] == (
        dossier.province_registration_number
    )

    page = secretary.get(f"/dossiers/{dossier.id}").text
    assert f"37-14464-001-{year}" in page
    assert f"0001-001/PĐK-37-14464-{year}" in page  # the commune's, and the province's
    assert "Phiếu đăng ký số (cơ quan quản lý OCOP cấp tỉnh)" in page
    queue = secretary.get("/dossiers/intake").text
    assert f"37-14464-001-{year}" in queue
    assert f"37-14464-001-{year}" in secretary.get("/dossiers/intake?q=14464-001").text
    receipt = login(producer).get(f"/dossiers/{dossier.id}/receipt").text
    assert f"37-14464-001-{year}" in receipt and "Mã số sản phẩm" in receipt


def test_a_commune_without_official_code_gets_no_invented_code(province_2026, login):
    hand_entered = make_unit("Xã Mới Lập", UnitLevel.COMMUNE, parent=province_2026["province"])
    dossier, producer = filed(province_2026, commune=hand_entered)
    assert dossier.product_code is None and dossier.commune_registration_number is None
    page = login(producer).get(f"/dossiers/{dossier.id}").text
    assert "Xã Mới Lập chưa có mã đơn vị hành chính chính thức" in page
    assert "flask units sync" in page


def test_rounds_under_older_rules_have_no_codes(province_2026, login):
    province_2026["round"].rulebook_code = "148-1489-2025"
    db.session.commit()
    from evalapp.dossiers.numbering import missing_official_code

    commune = make_unit("Xã Khác", UnitLevel.COMMUNE, parent=province_2026["province"])
    organisation = make_organisation(commune=commune)
    dossier = services.start_dossier(
        make_product(organisation, "Nước mắm", "148-1489-2025", "1.3a", "1"),
        province_2026["round"],
        RegistrationType.FIRST_TIME,
        "",
        make_producer(organisation),
    )
    assert missing_official_code(dossier) is None
