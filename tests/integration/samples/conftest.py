"""A 26/2026 provincial round: a handicraft (5 samples) and a community-tourism product (none),
filed with the commune, which pre-reviews them and forwards them with their samples."""

from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.common.time import local_today
from evalapp.common.uploads import check_upload
from evalapp.demo.forms import fill_forms
from evalapp.dossiers import services
from evalapp.dossiers.models import RegistrationType
from evalapp.extensions import db
from evalapp.rules import load_sheet
from evalapp.samples.models import Sample
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_organisation,
    make_producer,
    make_product,
    make_round,
    make_unit,
    make_user,
)
from tests.integration.dossiers.conftest import login, pdf_file  # noqa: F401 - the fixture

REQUIRED_26 = ["mau_01_phieu_dang_ky", "mau_02_bao_cao_tu_danh_gia"]
PRE_REVIEW = ("local_origin", "local_labour", "idea_origin", "local_identity")


@dataclass
class Province:
    province: object
    commune: object
    organisation: object
    producer: object
    secretary: object
    commune_officer: object
    round: object
    basket: object  # handicraft, class IV.1, sheet 21: 5 samples
    homestay: object  # community tourism, class VI.1, sheet 26: no sample


@pytest.fixture
def ninh_binh(app):
    central = make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    province = make_unit("Tỉnh Ninh Bình", parent=central, code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province, code="NB-KS")
    organisation = make_organisation(commune=commune, name="HTX Cói Kim Sơn")
    round_ = make_round(province, rulebook_code="26-2026", name="Đợt đánh giá OCOP tỉnh 2026")
    scenario = Province(
        province,
        commune,
        organisation,
        make_producer(organisation, full_name="Phạm Thị Hiếu"),
        make_user(Role.SECRETARY, unit=province, full_name="Trần Thị Thu"),
        make_user(Role.COMMUNE_OFFICER, unit=commune, full_name="Lê Văn Xã"),
        round_,
        make_product(organisation, "Giỏ cói đựng quà", "26-2026", "IV.1", "IV"),
        make_product(organisation, "Homestay Kim Sơn", "26-2026", "VI.1", "VI"),
    )
    db.session.commit()
    return scenario


def submitted(scenario: Province, product):
    """`product`'s dossier, filled in and filed with the commune."""
    dossier = services.start_dossier(
        product, scenario.round, RegistrationType.FIRST_TIME, "", scenario.producer
    )
    for code in REQUIRED_26:
        upload = check_upload(pdf_file(f"{code}.pdf"), ["pdf"], 10)
        services.attach_document(dossier, code, upload, scenario.producer)
    sheet = load_sheet("26-2026", dossier.sheet_code)
    choices = {leaf.code: leaf.levels[-1].code for leaf in sheet.leaves}
    services.save_self_assessment(dossier, choices, scenario.producer)
    fill_forms(dossier, scenario.producer)
    services.sign_declaration(dossier, "Phạm Thị Hiếu", scenario.producer)
    services.submit_dossier(dossier, scenario.producer)
    db.session.commit()
    return dossier


def receipt_form(count: int = 5, **changes) -> dict:
    return {
        "count": str(count),
        "description": "Hộp giấy kraft, lô 12/2026, 350 g mỗi giỏ",
        "received_on": local_today().strftime("%d/%m/%Y"),
        "received_by_name": "Lê Văn Xã",
        **changes,
    }


def pre_review_form() -> dict:
    data = {f"note-{code}": "Đã xem xét tại xã: phù hợp." for code in PRE_REVIEW}
    data["note"] = "Sản phẩm truyền thống của xã"
    return data


def samples_of(dossier) -> list:
    db.session.expire_all()
    return list(
        db.session.scalars(
            select(Sample).where(Sample.dossier_id == dossier.id).order_by(Sample.number)
        )
    )


def day(value: date) -> str:
    return value.strftime("%d/%m/%Y")
