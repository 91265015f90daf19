from sqlalchemy import select

from evalapp.auth.models import Role, User
from evalapp.extensions import db
from tests.conftest import TEST_PASSWORD
from tests.factories import make_office, make_unit, make_user


def signed_in_admin(auth, make_user):
    admin = make_user(Role.ADMIN, email="admin@vi-du.vn")
    auth.login(admin)
    return admin


def new_user_form(**overrides):
    data = {
        "email": "thuky@so-nn.vn",
        "full_name": "Trần Thị Thu",
        "password": "Tạm thời 2026!",
        "unit": "",
        "office": "",
        "roles": ["secretary"],
    }
    data.update(overrides)
    return data


def test_admin_creates_a_secretary_who_must_change_the_temporary_password(client, auth, make_user):
    signed_in_admin(auth, make_user)
    province = make_unit("Tỉnh Ninh Bình")
    office = make_office(province, "Văn phòng Điều phối NTM")
    db.session.commit()
    response = client.post(
        "/admin/users/new",
        data=new_user_form(unit=province.id, office=office.id),
        follow_redirects=True,
    )
    assert "Đã tạo tài khoản thuky@so-nn.vn." in response.text
    user = db.session.scalar(select(User).where(User.email == "thuky@so-nn.vn"))
    assert user.roles == {Role.SECRETARY}
    assert user.unit == province and user.must_change_password


def test_staff_role_without_a_unit_is_refused_and_the_form_kept(client, auth, make_user):
    signed_in_admin(auth, make_user)
    response = client.post("/admin/users/new", data=new_user_form())
    assert "Tài khoản cán bộ phải thuộc một đơn vị hành chính." in response.text
    assert 'value="Trần Thị Thu"' in response.text
    assert db.session.scalar(select(User).where(User.email == "thuky@so-nn.vn")) is None


def test_office_must_belong_to_the_chosen_unit(client, auth, make_user):
    signed_in_admin(auth, make_user)
    province, other = make_unit("Tỉnh A"), make_unit("Tỉnh B")
    office = make_office(other)
    db.session.commit()
    response = client.post(
        "/admin/users/new", data=new_user_form(unit=province.id, office=office.id)
    )
    assert "Cơ quan đã chọn không thuộc đơn vị đã chọn." in response.text


def test_duplicate_email_is_explained(client, auth, make_user):
    signed_in_admin(auth, make_user)
    make_user(Role.PRODUCER, email="thuky@so-nn.vn")
    response = client.post("/admin/users/new", data=new_user_form(roles=["producer"]))
    assert "Email thuky@so-nn.vn đã được dùng cho một tài khoản khác." in response.text


def test_changing_roles_ends_the_users_sessions(app, client, auth, make_user):
    signed_in_admin(auth, make_user)
    producer = make_user(Role.PRODUCER)
    their_device = app.test_client()
    their_device.post("/auth/login", data={"email": producer.email, "password": TEST_PASSWORD})
    assert their_device.get("/auth/password").status_code == 200
    province = make_unit()
    db.session.commit()
    response = client.post(
        f"/admin/users/{producer.id}",
        data={
            "full_name": producer.full_name,
            "unit": province.id,
            "office": "",
            "roles": ["producer", "council_member"],
            "is_active": "y",
        },
        follow_redirects=True,
    )
    assert "Đã lưu tài khoản" in response.text
    db.session.refresh(producer)
    assert producer.roles == {Role.PRODUCER, Role.COUNCIL_MEMBER}
    assert their_device.get("/auth/password").status_code == 302


def test_admin_cannot_lock_themselves_out(client, auth, make_user):
    admin = signed_in_admin(auth, make_user)
    response = client.post(
        f"/admin/users/{admin.id}",
        data={"full_name": admin.full_name, "unit": "", "office": "", "roles": ["admin"]},
    )
    assert "Bạn không thể tự khóa tài khoản của mình" in response.text
    db.session.refresh(admin)
    assert admin.is_active


def test_password_reset_forces_a_change_at_next_login(app, client, auth, make_user):
    signed_in_admin(auth, make_user)
    member = make_user(Role.PRODUCER)
    response = client.post(
        f"/admin/users/{member.id}/password",
        data={"new_password": "Mật khẩu tạm mới 9"},
        follow_redirects=True,
    )
    assert "Đã đặt lại mật khẩu" in response.text
    other = app.test_client()
    other.post("/auth/login", data={"email": member.email, "password": "Mật khẩu tạm mới 9"})
    assert other.get("/").headers["Location"] == "/auth/password"


def test_user_list_filters_by_text_and_role(client, auth, make_user):
    signed_in_admin(auth, make_user)
    make_user(Role.PRODUCER, full_name="Phạm Thị Hiếu")
    make_user(Role.COUNCIL_MEMBER, full_name="Vũ Văn Nam")
    page = client.get("/admin/users", query_string={"q": "hiếu"}).text
    assert "Phạm Thị Hiếu" in page and "Vũ Văn Nam" not in page
    page = client.get("/admin/users", query_string={"role": "council_member"}).text
    assert "Vũ Văn Nam" in page and "Phạm Thị Hiếu" not in page


def test_unknown_user_is_404(client, auth, make_user):
    signed_in_admin(auth, make_user)
    assert client.get("/admin/users/99999").status_code == 404


def test_after_units_sync_the_unit_list_holds_one_provinces_units_not_3321_communes(
    client, auth, make_user
):
    """The administrator picks the province first; its communes then fill the unit list, and a
    commune officer is created in one of them, typed text kept across the pick."""
    from evalapp.units.models import AdministrativeUnit
    from evalapp.units.sync import sync_official_units

    signed_in_admin(auth, make_user)
    sync_official_units()
    db.session.commit()
    ninh_binh = db.session.scalar(
        select(AdministrativeUnit).where(AdministrativeUnit.official_code == "37")
    )
    kim_son = db.session.scalar(
        select(AdministrativeUnit).where(AdministrativeUnit.official_code == "14638")
    )
    blank = client.get("/admin/users/new").text
    assert blank.count("<option") < 100  # the provinces twice and the central level, no commune
    assert "Xã Kim Sơn" not in blank and "Ninh Bình (37)" in blank

    picked = client.post(
        "/admin/users/new",
        data=new_user_form(full_name="Mai Văn Kiệm", province=ninh_binh.id, pick_province="y"),
    )
    assert picked.status_code == 200 and 'value="Mai Văn Kiệm"' in picked.text
    assert "Xã Kim Sơn (14638)" in picked.text and "Xã Gia Viễn" in picked.text
    assert "Phường Hoàn Kiếm" not in picked.text  # Hà Nội's, not Ninh Bình's
    assert db.session.scalar(select(User).where(User.email == "thuky@so-nn.vn")) is None

    created = client.post(
        "/admin/users/new",
        data=new_user_form(province=ninh_binh.id, unit=kim_son.id, roles=["commune_officer"]),
        follow_redirects=True,
    )
    assert "Đã tạo tài khoản thuky@so-nn.vn." in created.text
    user = db.session.scalar(select(User).where(User.email == "thuky@so-nn.vn"))
    assert user.unit == kim_son
    edit = client.get(f"/admin/users/{user.id}").text
    assert "Xã Kim Sơn (14638)" in edit  # the user's province is chosen again on the edit page


def test_the_account_form_has_a_plain_title_and_loads_the_commune_picker_once(client, auth):
    auth.login(make_user(Role.ADMIN))
    page = client.get("/admin/users/new").text
    title = page[page.index("<title>") : page.index("</title>")]
    assert title == "<title>Tạo tài khoản · evalapp OCOP"
    assert page.count("js/commune_picker.js") == 1
