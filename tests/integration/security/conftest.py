import pytest

from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import make_unit
from tests.integration.dossiers.conftest import kim_son, login  # noqa: F401 - fixtures
from tests.integration.test_access import world  # noqa: F401 - fixture


@pytest.fixture
def province(app):
    return make_unit("Tỉnh Hà Nam Thử", code="HNT")


@pytest.fixture
def commune(province):
    commune = make_unit("Xã Hiếu Lâm", UnitLevel.COMMUNE, parent=province, code="HNT-HL")
    db.session.commit()
    return commune
