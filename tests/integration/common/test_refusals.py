"""One refusal type: every feature's error is a `Refusal`, and `show_refusal` puts its message
next to the field it names, or flashes it."""

import pytest
from flask import get_flashed_messages, render_template_string, request
from flask_wtf import FlaskForm
from wtforms import StringField

from evalapp.auth.services import AccountError
from evalapp.certificates.services import CertificateError
from evalapp.common.access import public
from evalapp.common.refusals import ABOVE_FORM, Refusal, show_refusal
from evalapp.common.uploads import UploadRejected
from evalapp.councils.services import CouncilError
from evalapp.dossiers.services import DossierError
from evalapp.extensions import db
from evalapp.producers.services import ProducerError
from evalapp.reports.services import ReportsError
from evalapp.results.services import ResultsError
from evalapp.rounds.services import RoundError
from evalapp.scoring.offline import ImportRefused
from evalapp.scoring.services import ScoringError, SheetChanged
from evalapp.units.models import AdministrativeUnit, UnitLevel
from evalapp.units.services import UnitError

FEATURE_ERRORS = [
    AccountError,
    CertificateError,
    CouncilError,
    DossierError,
    ImportRefused,
    ProducerError,
    ReportsError,
    ResultsError,
    RoundError,
    ScoringError,
    SheetChanged,
    UnitError,
    UploadRejected,
]

PAGE = """
<ul id="flashed">{% for message in get_flashed_messages() %}<li>{{ message }}</li>{% endfor %}</ul>
<ul id="above">{% for error in form.form_errors %}<li>{{ error }}</li>{% endfor %}</ul>
{{ form.name() }}<ul id="name">{% for error in form.name.errors %}<li>{{ error }}</li>{% endfor %}</ul>
{{ form.code() }}
"""


class ProductForm(FlaskForm):
    name = StringField()
    code = StringField()


@pytest.mark.parametrize("error_class", FEATURE_ERRORS, ids=lambda cls: cls.__name__)
def test_every_feature_error_is_a_refusal(error_class):
    assert issubclass(error_class, Refusal)


def test_a_feature_error_keeps_its_message_and_field():
    error = DossierError("Tên sản phẩm đã được dùng.", field="name")

    assert (str(error), error.field) == ("Tên sản phẩm đã được dùng.", "name")


@pytest.fixture
def post(app):
    """POST name and code to a page whose service refuses as `refusal` (built from the form's
    data); the page re-renders the form after `show_refusal`."""

    @public
    def refusing_view():
        form = ProductForm()
        if form.validate_on_submit():
            try:
                raise Refusal(**refusal_of(form))
            except Refusal as refusal:
                show_refusal(refusal, form, fallback=request.args.get("fallback"))
        return render_template_string(PAGE, form=form, get_flashed_messages=get_flashed_messages)

    def refusal_of(form):
        return {"message": f"Mã {form.code.data} đã có.", "field": request.args.get("field")}

    app.add_url_rule("/refusing", "refusing", refusing_view, methods=["GET", "POST"])
    client = app.test_client()

    def send(**query):
        response = client.post(
            "/refusing", query_string=query, data={"name": "Mắm tôm Ba Làng", "code": "SP-07"}
        )
        assert response.status_code == 200
        return response.get_data(as_text=True)

    return send


def test_a_refusal_naming_a_field_goes_next_to_it_and_the_typed_values_stay(post):
    page = post(field="name")

    assert '<ul id="name"><li>Mã SP-07 đã có.</li></ul>' in page
    assert '<ul id="flashed"></ul>' in page
    assert 'value="Mắm tôm Ba Làng"' in page
    assert 'value="SP-07"' in page


def test_a_refusal_without_a_field_is_flashed(post):
    page = post()

    assert '<ul id="flashed"><li>Mã SP-07 đã có.</li></ul>' in page
    assert '<ul id="name"></ul>' in page
    assert 'value="Mắm tôm Ba Làng"' in page


def test_a_field_the_form_does_not_have_is_flashed(post):
    page = post(field="tax_code")

    assert '<ul id="flashed"><li>Mã SP-07 đã có.</li></ul>' in page


def test_a_refusal_without_a_field_goes_to_the_fallback_when_the_page_names_one(post):
    assert '<ul id="name"><li>Mã SP-07 đã có.</li></ul>' in post(fallback="name")
    assert '<ul id="above"><li>Mã SP-07 đã có.</li></ul>' in post(fallback=ABOVE_FORM)


def test_a_refusal_undoes_the_requests_changes(app):
    unit = AdministrativeUnit(code="XX", name="Xã thử", level=UnitLevel.COMMUNE)
    db.session.add(unit)
    with app.test_request_context():
        show_refusal(UnitError("Không thể lưu."))
        assert get_flashed_messages(with_categories=True) == [("danger", "Không thể lưu.")]
    assert unit not in db.session
