from __future__ import annotations

import pytest

from evalapp.auth.models import Role
from evalapp.units.models import UnitLevel
from tests.factories import make_unit, make_user


@pytest.fixture
def province(app):
    return make_unit("Tỉnh Ninh Bình", code="NB")


@pytest.fixture
def secretary(province):
    return make_user(Role.SECRETARY, unit=province, full_name="Thư ký Tỉnh")


@pytest.fixture
def signed_in(auth, secretary):
    auth.login(secretary)
    return secretary


@pytest.fixture
def district(province):
    return make_unit("Huyện Kim Sơn", UnitLevel.DISTRICT, parent=province, code="NB-KS")
