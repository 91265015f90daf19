"""Staff searches ignore accents and case as the registry does, every typed word found in the
names (or codes) of the row, served by the same folded index (issue 17)."""

import pytest

from evalapp.auth.models import Role
from evalapp.extensions import db
from tests.factories import make_organisation, make_user
from tests.integration.dossiers.conftest import submitted


@pytest.mark.parametrize("typed", ["gio day", "GIỎ ĐAY", "day  hieu", "Giỏ"])
def test_the_intake_finds_a_product_without_its_accents(login, kim_son, typed):
    submitted(kim_son)
    secretary = login(kim_son.secretary)
    assert "Giỏ đay Hiếu Lâm" in secretary.get("/dossiers/intake", query_string={"q": typed}).text
    assert "Giỏ đay Hiếu Lâm" not in secretary.get("/dossiers/intake?q=gio+bac").text


def test_the_intake_finds_a_dossier_by_its_receipt_code_and_a_word_of_its_product(login, kim_son):
    dossier = submitted(kim_son)
    secretary = login(kim_son.secretary)
    code = dossier.receipt_code
    assert code and "Giỏ đay Hiếu Lâm" in secretary.get(f"/dossiers/intake?q={code.lower()}").text
    both = secretary.get(f"/dossiers/intake?q={code}+day").text
    assert "Giỏ đay Hiếu Lâm" in both


def test_the_producer_s_own_dossiers_are_searched_the_same_way(login, kim_son):
    submitted(kim_son)
    assert "Giỏ đay Hiếu Lâm" in login(kim_son.producer).get("/dossiers/?q=gio+day").text


def test_organisations_are_found_by_name_without_accents_or_by_tax_code(login, kim_son):
    make_organisation(kim_son.commune, name="HTX Nước mắm Vạn Phần", tax_code="2900123456")
    db.session.commit()
    secretary = login(kim_son.secretary)
    page = secretary.get("/producers/staff/organisations?q=nuoc+mam").text
    assert "HTX Nước mắm Vạn Phần" in page and "Công ty TNHH Hiếu Lâm" not in page
    assert "HTX Nước mắm Vạn Phần" in secretary.get("/producers/staff/organisations?q=0123").text


def test_users_are_found_by_name_without_accents_or_by_email(login):
    make_user(Role.PRODUCER, full_name="Phạm Thị Hiếu", email="hieu@vi-du.vn")
    admin = make_user(Role.ADMIN, full_name="Quản Trị", email="quantri@vi-du.vn")
    client = login(admin)
    assert "Phạm Thị Hiếu" in client.get("/admin/users?q=pham+hieu").text
    assert "Phạm Thị Hiếu" in client.get("/admin/users?q=HIẾU@VI").text
    assert "Phạm Thị Hiếu" not in client.get("/admin/users?q=pham+thu").text
