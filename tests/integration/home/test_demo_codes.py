"""The demo's units and the official list: Ninh Bình (37) and Xã Kim Sơn (14638), the producers'
commune since 01/07/2025, have their real codes, so the 26/2026 dossiers filed there are numbered;
Xã Thượng Kiệm and Tỉnh Thái Bình, merged on 01/07/2025, have none."""

import re

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


def test_the_demo_units_have_their_official_codes_and_keep_their_own(demo, runner, app):
    ninh_binh, kim_son = unit("NB"), unit("NB-XKS")
    thuong_kiem, thai_binh = unit("NB-KS-TK"), unit("TB")
    assert ninh_binh.official_code == "37" and ninh_binh.division_type is DivisionType.PROVINCE
    assert kim_son.official_code == "14638" and kim_son.parent == ninh_binh
    assert thuong_kiem.official_code is None and thai_binh.official_code is None

    # Every filed 26/2026 dossier has its product code (T-X-STT-year) and the commune's number;
    # the STT runs in filing order, and the form's number points at it.
    filed = db.session.scalars(
        select(Dossier)
        .join(Dossier.round)
        .where(
            EvaluationRound.rulebook_code == "26-2026",
            EvaluationRound.level_code == "province",  # not the copy proposed to the ministry
            Dossier.state != DossierState.DRAFT,
        )
        .order_by(Dossier.submitted_at)
    ).all()
    # 1 re-evaluation of `demo.written`, 3 in the decided round of `demo.ministry`, 8 today
    assert len(filed) == 12
    for stt, dossier in enumerate(filed, start=1):
        year = dossier.commune_registration_on.year
        assert dossier.product_code == f"37-14638-{stt:03d}-{year}"
        assert re.fullmatch(
            rf"\d{{4}}-{stt:03d}/PĐK-37-14638-{year}", dossier.commune_registration_number
        )
    received = [d for d in filed if d.province_registration_number]
    assert {d.state for d in received} >= {DossierState.ACCEPTED, DossierState.RECEIVED}

    client = app.test_client()
    client.post(
        "/auth/login", data={"email": "thuky.ninhbinh@evalapp-demo.vn", "password": DEMO_PASSWORD}
    )
    page = client.get(f"/dossiers/{received[0].id}").text
    assert received[0].product_code in page
    assert received[0].province_registration_number in page
    assert "chưa có mã đơn vị hành chính chính thức" not in page

    result = runner.invoke(args=["units", "sync"])
    assert "created: 3353, updated: 0, unchanged: 2" in result.output  # Ninh Bình, Xã Kim Sơn
    db.session.expire_all()
    assert unit("NB").official_code == "37" and unit("37") is None  # no second Ninh Bình
    assert unit("14638") is None  # nor a second Xã Kim Sơn
    assert unit("NB-KS").official_code is None and unit("NB-KS-TK").parent == unit("NB-KS")
