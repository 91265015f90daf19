import pytest

from evalapp.api import tokens
from evalapp.auth.models import Role
from evalapp.certificates import services
from evalapp.extensions import db
from evalapp.units.models import UnitLevel
from tests.factories import make_unit, make_user
from tests.integration.certificates.conftest import make_issuing


class Provinces:
    """Ninh Bình and Thái Bình, each with a round, four results and their certificates (3★ to
    5★), and a token for Ninh Bình's portal and one for the ministry."""

    def __init__(self):
        self.ninh_binh = make_issuing()
        self.thai_binh = make_issuing(number="7/QĐ-UBND", code="TB", name="Tỉnh Thái Bình")
        for issuing in (self.ninh_binh, self.thai_binh):
            services.issue_certificates(issuing.decision, issuing.secretary)
        self.admin = make_user(Role.ADMIN)
        self.ministry = make_unit("Bộ Nông nghiệp và Môi trường", UnitLevel.CENTRAL, code="BNN")
        self.token_record, self.token = tokens.issue(
            self.ninh_binh.province, "Cổng OCOP Ninh Bình", by=self.admin
        )
        _, self.ministry_token = tokens.issue(self.ministry, "Hệ thống quốc gia", by=self.admin)
        db.session.commit()


@pytest.fixture
def provinces(app):
    return Provinces()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}
