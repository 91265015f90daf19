"""With the 3,321 official communes loaded, a producer picks the province first, then the
commune from that province's list; it works without scripts (the pick button reloads)."""

import pytest
from sqlalchemy import select

from evalapp.extensions import db
from evalapp.producers.models import Organisation
from evalapp.units.models import AdministrativeUnit, UnitLevel
from evalapp.units.sync import sync_official_units
from tests.factories import make_unit
from tests.integration.producers.test_registration import form_data


def official(code: str) -> AdministrativeUnit:
    return db.session.scalar(
        select(AdministrativeUnit).where(AdministrativeUnit.official_code == code)
    )


@pytest.fixture
def official_units(app):
    make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    sync_official_units()
    db.session.commit()


def test_the_province_is_chosen_before_the_commune(client, official_units):
    page = client.get("/producers/register").text
    assert "— Chọn tỉnh/thành phố trước —" in page and "Xã Gia Viễn" not in page
    assert ">Tỉnh Ninh Bình</option>" in page

    ninh_binh, gia_vien = official("37"), official("14464")
    data = {**form_data(gia_vien, province=str(ninh_binh.id)), "commune": ""}
    picked = client.post("/producers/register", data={**data, "pick_province": "1"}).text
    assert ">Xã Gia Viễn</option>" in picked and ">Phường Ba Đình</option>" not in picked
    assert 'value="Hợp tác xã Đay Hiếu Lâm"' in picked  # nothing typed is lost
    assert "is-invalid" not in picked  # picking is not saving

    response = client.post("/producers/register", data={**data, "commune": str(gia_vien.id)})
    assert response.status_code == 302
    organisation = db.session.scalars(select(Organisation)).one()
    assert (organisation.commune, organisation.province) == (gia_vien, ninh_binh)


def test_a_commune_of_another_province_is_refused(client, official_units):
    data = form_data(official("00004"), province=str(official("37").id))
    page = client.post("/producers/register", data=data).text
    assert "Vui lòng chọn một giá trị trong danh sách." in page
    assert db.session.scalars(select(Organisation)).first() is None
