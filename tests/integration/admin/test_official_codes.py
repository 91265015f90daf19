"""The administrator gives a unit its official code: only one of the official list is taken."""

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.units.models import DivisionType, UnitLevel
from tests.factories import make_unit


def unit_data(unit, **changes) -> dict:
    data = {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level.value,
        "parent": unit.parent_id or "",
        "official_code": "",
        "is_active": "y",
    }
    return {**data, **changes}


def test_an_official_commune_code_is_saved_with_its_type(client, auth, make_user):
    commune = make_unit("Xã Gia Viễn", UnitLevel.COMMUNE, code="NB-GV")
    db.session.commit()
    auth.login(make_user(Role.ADMIN))
    response = client.post(
        f"/admin/units/{commune.id}",
        data=unit_data(commune, official_code="14464"),
        follow_redirects=True,
    )
    assert "Đã lưu đơn vị Xã Gia Viễn." in response.text
    db.session.refresh(commune)
    assert commune.official_code == "14464" and commune.division_type is DivisionType.COMMUNE
    assert "<code>14464</code>" in response.text  # on the unit list
    form = client.get(f"/admin/units/{commune.id}").text
    assert 'value="14464"' in form and "Loại đơn vị theo danh mục chính thức: Xã." in form


def test_a_commune_code_not_in_the_official_list_is_refused(client, auth, make_user):
    commune = make_unit("Xã Thử", UnitLevel.COMMUNE, code="X-THU")
    db.session.commit()
    auth.login(make_user(Role.ADMIN))
    response = client.post(
        f"/admin/units/{commune.id}", data=unit_data(commune, official_code="99999")
    )
    assert "Mã 99999 không có trong danh mục đơn vị hành chính cấp xã chính thức" in response.text
    assert 'value="Xã Thử"' in response.text  # what was typed is kept
    db.session.refresh(commune)
    assert commune.official_code is None
    # A province code is not a commune's, and a district has none.
    response = client.post(
        f"/admin/units/{commune.id}", data=unit_data(commune, official_code="37")
    )
    assert "Mã 37 không có trong danh mục đơn vị hành chính cấp xã chính thức" in response.text
    district = make_unit("Huyện Thử", UnitLevel.DISTRICT, code="H-THU")
    db.session.commit()
    response = client.post(
        f"/admin/units/{district.id}", data=unit_data(district, official_code="37")
    )
    assert "Chỉ đơn vị cấp tỉnh và cấp xã có mã đơn vị hành chính chính thức." in response.text


def test_an_official_code_belongs_to_one_unit(client, auth, make_user):
    first = make_unit("Tỉnh Ninh Bình", code="NB")
    first.official_code = "37"
    second = make_unit("Tỉnh Ninh Bình (trùng)", code="NB2")
    db.session.commit()
    auth.login(make_user(Role.ADMIN))
    response = client.post(f"/admin/units/{second.id}", data=unit_data(second, official_code="37"))
    assert "Mã chính thức 37 đã được gán cho đơn vị Tỉnh Ninh Bình." in response.text


def test_the_unit_list_is_searched_and_paged_once_the_official_list_is_in(client, auth, make_user):
    from evalapp.units.sync import sync_official_units

    make_unit("Trung ương", UnitLevel.CENTRAL, code="TW")
    sync_official_units()
    db.session.commit()
    auth.login(make_user(Role.ADMIN))
    first = client.get("/admin/units/").text
    assert "3356 đơn vị." in first and first.count('class="official-code"') == 100
    found = client.get("/admin/units/", query_string={"q": "gia vien", "level": "commune"}).text
    assert "Xã Gia Viễn" in found and "<code>14464</code>" in found and "2 đơn vị." in found
    assert "Xã" in found  # the official type under the level
    by_code = client.get("/admin/units/", query_string={"q": "37"}).text
    assert "Tỉnh Ninh Bình" in by_code and "1 đơn vị." in by_code
    form = client.get("/admin/units/new").text
    assert "Tỉnh Ninh Bình (37)" in form and "Xã Gia Viễn" not in form  # no commune as parent
