"""Crafted input gets a 404 or a page with a message, never a 500 (issue 13, item 6): ids beyond
the integer range, huge pages, unknown enum values, NUL and other control characters."""

import pytest
from sqlalchemy import func, select

from evalapp.auth.models import Role
from evalapp.extensions import db
from evalapp.producers.models import Product
from tests.factories import make_organisation, make_producer, make_user
from tests.integration.dossiers.conftest import submitted

HUGE = "9" * 30
CONTROL_MESSAGE = "ký tự điều khiển"
NUL_MESSAGE = "ký tự NUL"


@pytest.mark.parametrize(
    "path",
    [
        f"/dossiers/{HUGE}",
        "/dossiers/2147483648",
        f"/certificates/{HUGE}",
        f"/results/items/{HUGE}",
        f"/councils/{HUGE}",
        f"/dossiers/{HUGE}/receipt",
        "/dossiers/-1",
    ],
)
def test_ids_beyond_the_integer_range_are_not_found(login, kim_son, path):
    assert login(kim_son.secretary).get(path).status_code == 404


@pytest.mark.parametrize("number", [HUGE, "2147483648", "-5", "0", "abc"])
def test_a_huge_page_number_is_never_a_server_error(client, login, kim_son, number):
    secretary = login(kim_son.secretary)
    for response in (
        client.get(f"/registry?page={number}"),
        secretary.get(f"/notifications/?page={number}"),
        secretary.get(f"/dossiers/intake?page={number}"),
        secretary.get(f"/producers/staff/organisations?page={number}"),
    ):
        assert response.status_code in (200, 404), (response.request.path, response.status_code)


@pytest.mark.parametrize("state", ["zzz", "%", "SUBMITTED", "ﬀ"])
def test_an_unknown_state_filter_is_ignored(login, kim_son, state):
    submitted(kim_son)
    page = login(kim_son.secretary).get(f"/dossiers/intake?state={state}")
    assert page.status_code == 200 and "Giỏ đay Hiếu Lâm" in page.text
    assert "Bộ lọc “Trạng thái” có giá trị không hợp lệ nên đã được bỏ qua." in page.text
    mine = login(kim_son.producer).get(f"/dossiers/?state={state}")
    assert mine.status_code == 200 and "Giỏ đay Hiếu Lâm" in mine.text


def test_unknown_role_and_status_filters_are_ignored(login, kim_son):
    admin = login(make_user(Role.ADMIN))
    assert admin.get("/admin/users?role=zzz").status_code == 200
    assert admin.get("/admin/units/?level=zzz").status_code == 200
    secretary = login(kim_son.secretary)
    assert secretary.get("/certificates/?status=zzz&year=99999999999999999999").status_code == 200


@pytest.mark.parametrize("url", ["/dossiers/?q=%00", "/dossiers/?state=%00", "/dossiers/?q=a%00b"])
def test_a_nul_byte_in_a_query_string_is_refused_with_a_message(login, kim_son, url):
    response = login(kim_son.producer).get(url)
    assert response.status_code == 400 and NUL_MESSAGE in response.text


def test_a_nul_byte_in_the_public_registry_search_is_refused(client):
    response = client.get("/registry?q=gi%00o")
    assert response.status_code == 400 and NUL_MESSAGE in response.text


def test_other_control_characters_in_a_search_are_ignored_with_a_message(login, kim_son):
    submitted(kim_son)
    page = login(kim_son.secretary).get("/dossiers/intake?q=Gi%01")
    assert page.status_code == 200 and "Giỏ đay Hiếu Lâm" in page.text
    assert "Bộ lọc “Tìm theo sản phẩm hoặc mã hồ sơ” có giá trị không hợp lệ" in page.text


@pytest.mark.parametrize("name", ["Giỏ\x00đay", "Giỏ\x01đay", "Giỏ\x1bđay", "Giỏ\u202eđay"])
def test_control_characters_in_a_text_field_are_refused_and_nothing_is_saved(
    client, auth, kim_son, name
):
    producer = make_producer(make_organisation(kim_son.commune))
    auth.login(producer)
    before = db.session.scalar(select(func.count(Product.id)))

    response = client.post(
        "/producers/products/new",
        data={"name": name, "subgroup": "I.3.c", "description": "Đan tay."},
    )

    assert response.status_code in (200, 400)
    expected = NUL_MESSAGE if "\x00" in name else CONTROL_MESSAGE
    assert expected in response.text
    assert db.session.scalar(select(func.count(Product.id))) == before


def test_tabs_and_line_breaks_stay_allowed_in_a_description(client, auth, kim_son):
    producer = make_producer(make_organisation(kim_son.commune))
    auth.login(producer)
    response = client.post(
        "/producers/products/new",
        data={"name": "Giỏ đay", "subgroup": "I.3.c", "description": "Dòng 1\r\n\tDòng 2"},
    )
    assert response.status_code == 302


def test_every_form_of_the_application_gets_the_edge_checks(app):
    from flask_wtf import FlaskForm

    from evalapp.common.forms import Form

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    forms = [form for form in subclasses(FlaskForm) if form.__module__.startswith("evalapp.")]
    assert len(forms) > 40
    assert [form for form in forms if not issubclass(form, Form)] == []


@pytest.mark.parametrize("value", [HUGE, "2147483648", "abc", "", "-3"])
def test_ids_in_query_strings_are_checked_too(login, kim_son, value):
    secretary = login(kim_son.secretary)
    assert secretary.get(f"/councils/new?round_id={value}").status_code == 404
    assert secretary.get(f"/units/communes.json?province={value}&q=a").status_code == 200
