from tests.integration.scoring.conftest import meeting  # noqa: F401
