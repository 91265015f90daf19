import pytest
from flask import Flask
from flask_babel import Babel


@pytest.fixture
def vietnamese():
    """A request in Vietnamese on a bare app with Flask-Babel: messages come out as users see them."""
    app = Flask(__name__)
    app.config.update(BABEL_DEFAULT_LOCALE="vi")
    Babel(app)
    with app.test_request_context():
        yield
