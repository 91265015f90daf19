"""`%` and `_` typed in a search are letters, not LIKE wildcards, in every search
(issue 13, item 7): staff organisations, intake, admin users, the producer's dossiers."""

import pytest

from evalapp.auth.models import Role
from evalapp.extensions import db
from tests.factories import make_organisation, make_user
from tests.integration.dossiers.conftest import submitted


@pytest.mark.parametrize("typed", ["%", "_", "%%", "Gi_"])
def test_wildcards_match_nothing_in_the_staff_searches(client, login, kim_son, typed):
    submitted(kim_son)  # "Giỏ đay Hiếu Lâm" of "Công ty TNHH Hiếu Lâm", in the district's intake
    make_organisation(kim_son.commune, name="HTX Mây tre")
    db.session.commit()
    secretary = login(kim_son.secretary)

    organisations = secretary.get(f"/producers/staff/organisations?q={typed}").text
    intake = secretary.get(f"/dossiers/intake?q={typed}").text

    assert "Công ty TNHH Hiếu Lâm" not in organisations and "HTX Mây tre" not in organisations
    assert "Giỏ đay Hiếu Lâm" not in intake


def test_a_literal_percent_sign_is_found(client, login, kim_son):
    make_organisation(kim_son.commune, name="HTX 100% Mây tre")
    make_organisation(kim_son.commune, name="HTX 1000 Mây tre")
    db.session.commit()
    page = login(kim_son.secretary).get("/producers/staff/organisations?q=100%25").text
    assert "HTX 100% Mây tre" in page and "HTX 1000 Mây tre" not in page


@pytest.mark.parametrize("typed", ["%", "_"])
def test_wildcards_match_nothing_in_the_producer_s_dossiers(login, kim_son, typed):
    submitted(kim_son)
    page = login(kim_son.producer).get(f"/dossiers/?q={typed}").text
    assert "Giỏ đay Hiếu Lâm" not in page
    assert "Giỏ đay Hiếu Lâm" in login(kim_son.producer).get("/dossiers/?q=Giỏ").text


@pytest.mark.parametrize("typed", ["%", "_", "%@%"])
def test_wildcards_match_nothing_in_the_admin_user_search(login, typed):
    make_user(Role.PRODUCER, full_name="Phạm Thị Hiếu", email="hieu@vi-du.vn")
    admin = make_user(Role.ADMIN, full_name="Quản Trị", email="quantri@vi-du.vn")
    page = login(admin).get(f"/admin/users?q={typed}").text
    assert "Phạm Thị Hiếu" not in page and "hieu@vi-du.vn" not in page
    assert "hieu@vi-du.vn" in login(admin).get("/admin/users?q=hieu@").text
