from sqlalchemy import select

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.units.models import AdministrativeUnit, Office, UnitLevel
from tests.factories import make_unit
from tests.integration.forms import form_defaults


def login_admin(auth, make_user):
    auth.login(make_user(Role.ADMIN))


def test_admin_builds_the_unit_hierarchy(client, auth, make_user):
    login_admin(auth, make_user)
    client.post(
        "/admin/units/new",
        data={
            "code": "TW",
            "name": "Trung ương",
            "level": "central",
            "parent": "",
            "is_active": "y",
        },
    )
    central = db.session.scalar(select(AdministrativeUnit).where(AdministrativeUnit.code == "TW"))
    response = client.post(
        "/admin/units/new",
        data={
            "code": "NB",
            "name": "Tỉnh Ninh Bình",
            "level": "province",
            "parent": central.id,
            "is_active": "y",
        },
        follow_redirects=True,
    )
    assert "Đã lưu đơn vị Tỉnh Ninh Bình." in response.text
    province = db.session.scalar(select(AdministrativeUnit).where(AdministrativeUnit.code == "NB"))
    assert province.parent == central and province.level is UnitLevel.PROVINCE
    client.post(
        f"/admin/units/{province.id}/offices/new",
        data={"name": "Văn phòng Điều phối nông thôn mới tỉnh"},
    )
    assert db.session.scalar(select(Office.name).where(Office.unit_id == province.id)) == (
        "Văn phòng Điều phối nông thôn mới tỉnh"
    )


def test_a_province_must_sit_under_the_central_level(client, auth, make_user):
    login_admin(auth, make_user)
    other_province = make_unit("Tỉnh Khác")
    db.session.commit()
    response = client.post(
        "/admin/units/new",
        data={
            "code": "NB",
            "name": "Tỉnh Ninh Bình",
            "level": "province",
            "parent": other_province.id,
        },
    )
    assert "Đơn vị cấp này không thể trực thuộc đơn vị đã chọn." in response.text
    response = client.post(
        "/admin/units/new",
        data={"code": "NB", "name": "Tỉnh Ninh Bình", "level": "province", "parent": ""},
    )
    assert "Đơn vị cấp này phải trực thuộc một đơn vị cấp trên." in response.text


def test_unit_codes_are_unique_and_plain(client, auth, make_user):
    login_admin(auth, make_user)
    province = make_unit("Tỉnh A", code="NB")
    db.session.commit()
    response = client.post(
        "/admin/units/new",
        data={"code": "NB", "name": "Tỉnh B", "level": "province", "parent": province.parent_id},
    )
    assert "Mã đơn vị NB đã được dùng." in response.text
    response = client.post(
        "/admin/units/new",
        data={
            "code": "Ninh Bình",
            "name": "Tỉnh B",
            "level": "province",
            "parent": province.parent_id,
        },
    )
    assert "Chỉ dùng chữ không dấu" in response.text


def test_a_unit_cannot_be_moved_under_its_own_descendant(client, auth, make_user):
    login_admin(auth, make_user)
    province = make_unit("Tỉnh A")
    district = make_unit("Huyện B", UnitLevel.DISTRICT, parent=province)
    commune = make_unit("Xã C", UnitLevel.COMMUNE, parent=district)
    db.session.commit()
    response = client.post(
        f"/admin/units/{district.id}",
        data={
            "code": district.code,
            "name": district.name,
            "level": "commune",
            "parent": commune.id,
        },
    )
    assert "không thể trực thuộc" in response.text


def test_unit_list_shows_units_and_offices(client, auth, make_user):
    from tests.factories import make_office

    login_admin(auth, make_user)
    district = make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, code="NB-KS")
    make_office(district, "Phòng Nông nghiệp huyện Kim Sơn")
    db.session.commit()
    page = client.get("/admin/units/").text
    assert "Huyện Kim Sơn" in page and "NB-KS" in page
    assert "Phòng Nông nghiệp huyện Kim Sơn" in page


def test_saving_a_unit_unchanged_keeps_its_parent(client, auth, make_user):
    province = make_unit("Tỉnh Giữ Nguyên", code="GN")
    commune = make_unit("Xã Giữ Nguyên", UnitLevel.COMMUNE, parent=province, code="GN-X")
    db.session.commit()
    login_admin(auth, make_user)
    page = client.get(f"/admin/units/{commune.id}").get_data(as_text=True)

    sent = form_defaults(page, holding="code")
    response = client.post(f"/admin/units/{commune.id}", data=sent, follow_redirects=True)

    assert sent["parent"] == str(province.id)
    assert "Đã lưu đơn vị Xã Giữ Nguyên." in response.text
    db.session.refresh(commune)
    assert commune.parent == province and commune.level is UnitLevel.COMMUNE


def test_the_unit_list_pages_keep_the_filter_and_a_plain_title(client, auth, make_user):
    import re

    province = make_unit("Tỉnh Thử Trang", code="TT")
    for number in range(130):
        make_unit(
            f"Xã Thử Trang {number:03d}",
            UnitLevel.COMMUNE,
            parent=province,
            code=f"TT-{number:03d}",
        )
    db.session.commit()
    login_admin(auth, make_user)
    first = client.get("/admin/units/", query_string={"q": "thu trang", "level": "commune"}).text
    assert "130 đơn vị." in first and first.count('class="official-code"') == 100
    assert "Xã Thử Trang 000" in first and "Xã Thử Trang 100" not in first
    title = re.search(r"<title>(.*?)</title>", first, re.S).group(1)
    assert "Đơn vị hành chính" in title and "<" not in title and "page=" not in title
    link = re.search(r'href="(/admin/units/\?[^"]*page=2[^"]*)"', first).group(1)
    assert "q=thu+trang" in link and "level=commune" in link
    second = client.get(link.replace("&amp;", "&")).text
    assert second.count('class="official-code"') == 30 and "Xã Thử Trang 129" in second
