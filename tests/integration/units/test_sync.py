"""`flask units sync` on the real official list: 34 provinces and 3,321 communes, once."""

import time

from sqlalchemy import func, select

from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, DivisionType, UnitLevel
from evalapp.units.sync import sync_official_units
from tests.factories import make_organisation, make_unit


def count(level: UnitLevel) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(AdministrativeUnit)
        .where(AdministrativeUnit.level == level, AdministrativeUnit.official_code.is_not(None))
    )


def unit_by_official_code(code: str) -> AdministrativeUnit:
    return db.session.scalar(
        select(AdministrativeUnit).where(AdministrativeUnit.official_code == code)
    )


def test_sync_loads_every_province_and_commune_once(runner):
    central = make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    db.session.commit()
    started = time.perf_counter()
    result = runner.invoke(args=["units", "sync"])
    assert result.exit_code == 0, result.output
    assert time.perf_counter() - started < 20
    assert "created: 3355, updated: 0, unchanged: 0" in result.output
    assert count(UnitLevel.PROVINCE) == 34 and count(UnitLevel.COMMUNE) == 3321
    ninh_binh = unit_by_official_code("37")
    assert ninh_binh.name == "Tỉnh Ninh Bình" and ninh_binh.division_type is DivisionType.PROVINCE
    assert ninh_binh.parent_id == central.id and ninh_binh.code == "37"
    ha_noi = unit_by_official_code("01")
    assert ha_noi.name == "Thành phố Hà Nội" and ha_noi.division_type is DivisionType.CENTRAL_CITY
    gia_vien = unit_by_official_code("14464")
    assert gia_vien.name == "Xã Gia Viễn" and gia_vien.parent_id == ninh_binh.id
    assert gia_vien.division_type is DivisionType.COMMUNE and gia_vien.code == "14464"
    assert unit_by_official_code("00004").name == "Phường Ba Đình"

    again = runner.invoke(args=["units", "sync"])
    assert "created: 0, updated: 0, unchanged: 3355" in again.output
    assert "Nothing to change" in again.output
    total = db.session.scalar(select(func.count()).select_from(AdministrativeUnit))
    assert total == 3356


def test_units_in_use_gain_their_codes_and_districts_stay(app):
    central = make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    province = make_unit("Tỉnh Ninh Binh", parent=central, code="NB")  # no accent on "Bình"
    district = make_unit("Huyện Gia Viễn", UnitLevel.DISTRICT, parent=province, code="NB-GV")
    commune = make_unit("xã gia viễn", UnitLevel.COMMUNE, parent=district, code="NB-GV-X")
    elsewhere = make_unit("Xã Gia Viễn", UnitLevel.COMMUNE, code="KHAC")  # another province
    organisation = make_organisation(commune=commune)
    taken = make_unit("Tỉnh Thử", parent=central, code="14482")  # the code of Xã Gia Hưng
    db.session.commit()
    ids = (province.id, commune.id, district.id)

    report = sync_official_units()
    db.session.commit()

    assert report.updated == 2 and report.created == 3355 - 2
    db.session.expire_all()
    assert (province.id, commune.id, district.id) == ids
    assert province.official_code == "37" and province.code == "NB"
    assert province.name == "Tỉnh Ninh Binh"  # names and codes in use are kept
    assert commune.official_code == "14464" and commune.parent_id == province.id
    assert commune.division_type is DivisionType.COMMUNE and commune.code == "NB-GV-X"
    assert organisation.commune_id == commune.id
    assert district.official_code is None and district.parent_id == province.id
    assert elsewhere.official_code is None  # same name, another province: not the same unit
    assert unit_by_official_code("14482").code == "HC14482" and taken.official_code is None


def test_provinces_without_a_single_central_unit_have_no_parent(app):
    make_unit("Trung ương A", UnitLevel.CENTRAL, code="A")
    make_unit("Trung ương B", UnitLevel.CENTRAL, code="B")
    db.session.commit()
    sync_official_units()
    assert unit_by_official_code("37").parent_id is None
