"""Finding a commune by name, with or without accents, among the 3,321 official ones."""

import pytest
from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, UnitLevel
from evalapp.units.queries import search_communes
from evalapp.units.sync import sync_official_units
from tests.factories import make_unit


@pytest.fixture
def official(app):
    make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    sync_official_units()
    db.session.commit()


def province(code: str) -> AdministrativeUnit:
    return db.session.scalar(
        select(AdministrativeUnit).where(AdministrativeUnit.official_code == code)
    )


@pytest.mark.parametrize("typed", ["gia vien", "GIA   VIEN", "Gia Vien"])
def test_a_commune_is_found_without_accents(official, typed):
    names = [unit.name for unit in search_communes(typed)]
    assert names == ["Phường Gia Viên", "Xã Gia Viễn"]  # Hải Phòng's, Ninh Bình's


@pytest.mark.parametrize("typed", ["Gia Viễn", "  GIA   VIỄN ", "xã gia viễn"])
def test_accents_typed_put_the_exact_name_first(official, typed):
    names = [unit.name for unit in search_communes(typed)]
    assert names[0] == "Xã Gia Viễn"


def test_the_search_may_keep_to_one_province(official):
    everywhere = {unit.name for unit in search_communes("kim son", limit=50)}
    in_ninh_binh = search_communes("kim son", province("37").id)
    assert {unit.name for unit in in_ninh_binh} == {"Xã Kim Sơn"}
    assert len(everywhere) >= 1 and all(u.province().official_code == "37" for u in in_ninh_binh)
    assert search_communes("gia vien", province("01").id) == []  # not in Hà Nội


def test_an_official_code_finds_its_commune(official):
    assert [unit.name for unit in search_communes("14464")] == ["Xã Gia Viễn"]


def test_nothing_typed_finds_nothing(official):
    assert search_communes("   ") == []


def test_the_type_ahead_answers_signed_in_users(official, client, auth, make_user):
    auth.login(make_user(Role.PRODUCER))
    answer = client.get("/units/communes.json", query_string={"q": "Gia Viễn"}).get_json()
    assert answer["results"][:1] == [
        {
            "id": answer["results"][0]["id"],
            "name": "Xã Gia Viễn",
            "official_code": "14464",
            "province": "Tỉnh Ninh Bình",
        }
    ]
    ninh_binh = province("37").id
    answer = client.get(
        "/units/communes.json", query_string={"q": "Kim Sơn", "province": ninh_binh}
    ).get_json()
    assert [row["name"] for row in answer["results"]] == ["Xã Kim Sơn"]


def test_hand_entered_communes_under_a_district_are_found_too(app):
    province_unit = make_unit("Tỉnh Thử", code="TT")
    district = make_unit("Huyện Thử", UnitLevel.DISTRICT, parent=province_unit, code="TT-H")
    make_unit("Xã Thượng Kiệm", UnitLevel.COMMUNE, parent=district, code="TT-H-X")
    db.session.commit()
    found = search_communes("thuong kiem", province_unit.id)
    assert [unit.name for unit in found] == ["Xã Thượng Kiệm"]
