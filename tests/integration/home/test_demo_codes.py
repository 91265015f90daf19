"""The demo's units and the official list: Ninh Bình has its real code; Xã Thượng Kiệm and
Tỉnh Thái Bình, merged on 01/07/2025, have none, and no code is invented for their dossiers."""

import pytest
from sqlalchemy import select

from evalapp.demo.data import DEMO_PASSWORD
from evalapp.dossiers.models import Dossier, DossierState
from evalapp.extensions import db
from evalapp.rounds.models import EvaluationRound
from evalapp.units.models import AdministrativeUnit, DivisionType


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    return result


def unit(code: str) -> AdministrativeUnit:
    return db.session.scalar(select(AdministrativeUnit).where(AdministrativeUnit.code == code))


def test_the_demo_province_has_its_official_code_and_keeps_its_own(demo, runner, app):
    ninh_binh, thuong_kiem, thai_binh = unit("NB"), unit("NB-KS-TK"), unit("TB")
    assert ninh_binh.official_code == "37" and ninh_binh.division_type is DivisionType.PROVINCE
    assert thuong_kiem.official_code is None and thai_binh.official_code is None

    filed = db.session.scalars(
        select(Dossier)
        .join(Dossier.round)
        .where(EvaluationRound.rulebook_code == "26-2026", Dossier.state != DossierState.DRAFT)
    ).all()
    assert filed and all(dossier.product_code is None for dossier in filed)
    client = app.test_client()
    client.post(
        "/auth/login", data={"email": "thuky.ninhbinh@evalapp-demo.vn", "password": DEMO_PASSWORD}
    )
    page = client.get(f"/dossiers/{filed[0].id}").text
    assert "Xã Thượng Kiệm chưa có mã đơn vị hành chính chính thức" in page

    result = runner.invoke(args=["units", "sync"])
    assert "created: 3354, updated: 0, unchanged: 1" in result.output  # Ninh Bình
    db.session.expire_all()
    assert unit("NB").official_code == "37" and unit("37") is None  # no second Ninh Bình
    assert unit("NB-KS").official_code is None and unit("NB-KS-TK").parent == unit("NB-KS")
