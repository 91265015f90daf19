import pytest

from tests.integration.registry.issued import Issuer


@pytest.fixture
def issuer(app):
    return Issuer()
