"""The organisation form opens with the saved values, so saving it unchanged works."""

from evalapp.extensions import db
from tests.factories import make_producer
from tests.integration.forms import form_defaults


def test_the_edit_form_shows_the_saved_commune_and_legal_form(client, auth):
    producer = make_producer()
    organisation = producer.organisation
    auth.login(producer)

    page = client.get("/producers/organisation/edit").get_data(as_text=True)
    sent = form_defaults(page, holding="tax_code")

    assert sent["commune"] == str(organisation.commune_id)
    assert sent["legal_form"] == organisation.legal_form.value
    assert sent["contact_email"] == organisation.email


def test_saving_the_form_unchanged_keeps_the_organisation(client, auth):
    producer = make_producer()
    organisation = producer.organisation
    commune, name = organisation.commune, organisation.name
    auth.login(producer)
    page = client.get("/producers/organisation/edit").get_data(as_text=True)

    response = client.post(
        "/producers/organisation/edit",
        data=form_defaults(page, holding="tax_code"),
        follow_redirects=True,
    )

    assert "Đã lưu thông tin chủ thể." in response.get_data(as_text=True)
    db.session.refresh(organisation)
    assert (organisation.commune, organisation.name) == (commune, name)
