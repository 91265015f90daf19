"""A district round under 1048 (Kim Sơn style) and a provincial round under 1489, ready to use."""

from dataclasses import dataclass
from datetime import date, datetime
from io import BytesIO

import pytest
from werkzeug.datastructures import FileStorage

from evalapp.auth.models import Role
from evalapp.demo.clock import replay
from evalapp.demo.forms import fill_forms
from evalapp.dossiers import services
from evalapp.dossiers.models import RegistrationType
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import (
    make_organisation,
    make_producer,
    make_product,
    make_round,
    make_unit,
    make_user,
)
from tests.unit.rules.test_hand_computed import HIEU_LAM_A, HIEU_LAM_B, HIEU_LAM_DECOR_C

HIEU_LAM_CHOICES = {**HIEU_LAM_A, **HIEU_LAM_B, **HIEU_LAM_DECOR_C}
REQUIRED_1048 = [
    "phieu_dang_ky",
    "phuong_an_kinh_doanh",
    "gioi_thieu_to_chuc",
    "dang_ky_kinh_doanh",
    "anh_san_pham_mau",
]
REQUIRED_1489 = ["phieu_dang_ky", "bao_cao_tu_danh_gia", "anh_san_pham_mau"]


def pdf_bytes(text: str = "OCOP") -> bytes:
    """A one-page PDF saying `text`, with the cross-reference table every PDF writer puts in
    (uploads are read by pypdf, which needs one)."""
    body = f"BT /F1 12 Tf 72 712 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>",
        b"<</Length " + str(len(body)).encode() + b">>stream\n" + body + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj%sendobj\n" % (number, obj)
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def pdf_file(name: str = "Đơn đăng ký.pdf", text: str = "OCOP") -> FileStorage:
    return FileStorage(BytesIO(pdf_bytes(text)), filename=name, content_type="application/pdf")


@dataclass
class Scenario:
    province: object
    desk: object  # the unit whose secretariat runs the round
    commune: object
    organisation: object
    producer: object
    secretary: object
    commune_officer: object
    round: object
    product: object
    required: list


@pytest.fixture
def kim_son(app):
    province = make_unit("Tỉnh Ninh Bình", code="NB")
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province, code="NB-KS")
    commune = make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district, code="NB-KS-TK")
    organisation = make_organisation(commune=commune, name="Công ty TNHH Hiếu Lâm")
    round_ = make_round(district, level_code="district", name="Đợt đánh giá OCOP huyện Kim Sơn")
    scenario = Scenario(
        province,
        district,
        commune,
        organisation,
        make_producer(organisation, full_name="Phạm Thị Hiếu"),
        make_user(Role.SECRETARY, unit=district, full_name="Trần Thị Thu"),
        make_user(Role.COMMUNE_OFFICER, unit=commune),
        round_,
        make_product(organisation, "Giỏ đay Hiếu Lâm"),
        REQUIRED_1048,
    )
    db.session.commit()
    return scenario


@pytest.fixture
def ninh_binh_2025(app):
    central = make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    province = make_unit("Tỉnh Ninh Bình", parent=central, code="NB")
    commune = make_unit("Xã Kim Sơn", UnitLevel.COMMUNE, parent=province, code="NB-X")
    organisation = make_organisation(commune=commune, name="HTX Nước mắm Thử")
    # Open in spring 2026: its dossiers are filed before 22/5/2026 and finish under 148 and 1489
    # (26/2026 Điều 12.2); see `filed_on`.
    round_ = make_round(
        province,
        rulebook_code="148-1489-2025",
        name="Đợt đánh giá OCOP tỉnh 2025",
        year=2026,
        submission_opens_on=date(2026, 3, 1),
        submission_closes_on=date(2026, 6, 30),
        scoring_starts_on=date(2026, 7, 1),
        scoring_ends_on=date(2026, 7, 15),
    )
    scenario = Scenario(
        province,
        province,
        commune,
        organisation,
        make_producer(organisation),
        make_user(Role.SECRETARY, unit=province),
        make_user(Role.COMMUNE_OFFICER, unit=commune),
        round_,
        make_product(organisation, "Nước mắm cốt", "148-1489-2025", "1.3a", "1"),
        REQUIRED_1489,
    )
    db.session.commit()
    return scenario


def start(scenario: Scenario):
    dossier = services.start_dossier(
        scenario.product, scenario.round, RegistrationType.FIRST_TIME, "", scenario.producer
    )
    db.session.commit()
    return dossier


def complete(dossier, scenario: Scenario):
    """Every required document, the self-assessment when there is a sheet, the declaration."""
    from evalapp.common.uploads import check_upload

    for code in scenario.required:
        services.attach_document(
            dossier, code, check_upload(pdf_file(f"{code}.pdf"), ["pdf"], 10), scenario.producer
        )
    if dossier.sheet_code:
        services.save_self_assessment(dossier, HIEU_LAM_CHOICES, scenario.producer)
    fill_forms(dossier, scenario.producer)  # Mẫu 01 and 02, where the rulebook asks for them
    services.sign_declaration(dossier, "Phạm Thị Hiếu", scenario.producer)
    db.session.commit()
    return dossier


def filed_on(day: date, scenario: Scenario):
    """The scenario's dossier, started and submitted on `day` (the application's clock replayed)."""
    with replay(datetime(day.year, day.month, day.day, 9, 0)):
        return submitted(scenario)


def submitted(scenario: Scenario):
    dossier = complete(start(scenario), scenario)
    services.submit_dossier(dossier, scenario.producer)
    db.session.commit()
    return dossier


@pytest.fixture
def login(app):
    """A logged-in test client for a user."""
    from tests.conftest import TEST_PASSWORD

    def as_user(user):
        client = app.test_client()
        response = client.post("/auth/login", data={"email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.text
        return client

    return as_user


@pytest.fixture
def province_2026(app):
    """A province and a commune with their official codes, and the province's 26/2026 round."""
    central = make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    province = make_unit("Tỉnh Ninh Bình", parent=central, code="NB")
    province.official_code = "37"
    commune = make_unit("Xã Gia Viễn", UnitLevel.COMMUNE, parent=province, code="NB-GV")
    commune.official_code = "14464"
    round_ = make_round(province, rulebook_code="26-2026", name="Đợt OCOP tỉnh 2026")
    secretary = make_user(Role.SECRETARY, unit=province)
    officer = make_user(Role.COMMUNE_OFFICER, unit=commune)
    db.session.commit()
    return {
        "province": province,
        "commune": commune,
        "round": round_,
        "secretary": secretary,
        "officer": officer,
    }
