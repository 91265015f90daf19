"""Object-level checks: the role lets a user in, the certificate's unit and owner decide."""

from evalapp.extensions import db
from tests.factories import make_organisation, make_producer
from tests.integration.certificates.conftest import certificate_of, make_issuing


def test_another_units_secretary_is_refused(issued, client, auth):
    certificate = certificate_of(issued, 4)
    other = make_issuing(code="TB", name="Tỉnh Thái Bình")
    auth.login(other.secretary)
    decision = f"/certificates/decisions/{issued.decision.id}"
    assert client.get(decision).status_code == 403
    assert client.post(f"{decision}/issue").status_code == 403
    assert client.get(f"/certificates/{certificate.id}").status_code == 403
    assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 403
    assert client.post(f"/certificates/{certificate.id}/revoke").status_code == 403
    page = client.get("/certificates/").get_data(as_text=True)
    assert "NB-2021-0001" not in page


def test_another_producer_cannot_download_it(issued, client, auth):
    certificate = certificate_of(issued, 4)
    stranger = make_producer(make_organisation(name="Hợp tác xã Khác"))
    db.session.commit()
    auth.login(stranger)
    assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 403


def test_the_owning_producer_downloads_but_sees_no_secretariat_page(issued, client, auth):
    certificate = certificate_of(issued, 4)
    auth.login(issued.producer)
    assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 200
    assert client.get(f"/certificates/{certificate.id}").status_code == 403


def test_the_chair_of_the_scoring_council_sees_the_certificate_page(issued, client, auth):
    certificate = certificate_of(issued, 4)
    auth.login(issued.chair)
    page = client.get(f"/certificates/{certificate.id}").get_data(as_text=True)
    assert "Giỏ đay Hiếu Lâm" in page and "Đề nghị thu hồi" in page
    assert client.get(f"/certificates/{certificate.id}.pdf").status_code == 403


def test_the_outcome_panel_shows_the_producer_its_certificate(issued, app):
    from flask import render_template

    certificate = certificate_of(issued, 4)
    with app.test_request_context("/"):
        html = render_template("certificates/_outcome_panel.html", certificate=certificate)
        empty = render_template("certificates/_outcome_panel.html", certificate=None)
    assert "NB-2021-0001" in html and f"/certificates/{certificate.id}.pdf" in html
    assert "Hết hiệu lực" in html  # issued 2021: expired by now
    assert empty.strip() == ""


def test_the_decision_panel_links_to_the_certificates(issued, app):
    from flask import render_template

    with app.test_request_context("/"):
        html = render_template("certificates/_decision_panel.html", decision=issued.decision)
    assert f"/certificates/decisions/{issued.decision.id}" in html


def test_the_producer_finds_the_certificate_on_its_outcome_page(issued, client, auth):
    certificate = certificate_of(issued, 4)
    auth.login(issued.producer)
    page = client.get(f"/results/dossiers/{certificate.dossier_id}").get_data(as_text=True)
    assert "NB-2021-0001" in page and f"/certificates/{certificate.id}.pdf" in page
