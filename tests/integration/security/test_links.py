"""Links that leave the site (e-mails, invitation tokens, QR codes) are built from
`PUBLIC_BASE_URL`, never from the request's Host header (issue 13, item 3)."""

import segno

from evalapp.auth.models import Role
from evalapp.common.mail import outbox_messages
from evalapp.common.urls import absolute_url
from tests.conftest import TEST_PASSWORD
from tests.factories import make_organisation, make_user
from tests.integration.dossiers.conftest import complete, start, submitted

PUBLIC = "https://ocop.ninhbinh.gov.vn"
HOSTILE = "http://evil.example"


def hostile_client(app, user):
    """A client whose every request carries `Host: evil.example`."""
    client = app.test_client()
    response = client.post(
        "/auth/login",
        data={"email": user.email, "password": TEST_PASSWORD},
        base_url=HOSTILE,
    )
    assert response.status_code == 302
    return client


def links_in(app) -> list[str]:
    return [
        word
        for message in outbox_messages(app)
        for word in message.get_content().split()
        if word.startswith("http")
    ]


def test_absolute_url_ignores_the_request_host(app):
    app.config["PUBLIC_BASE_URL"] = PUBLIC + "/"
    with app.test_request_context("/", base_url=HOSTILE):
        assert absolute_url("dossiers.show", dossier_id=7) == f"{PUBLIC}/dossiers/7"
    assert (
        absolute_url("registry.public_key", format="pem")
        == f"{PUBLIC}/verify/public-key?format=pem"
    )


def test_absolute_url_keeps_a_path_prefix(app):
    app.config["PUBLIC_BASE_URL"] = "https://so-nn.gov.vn/ocop"
    with app.test_request_context("/", base_url=HOSTILE):
        assert absolute_url("dossiers.show", dossier_id=7) == "https://so-nn.gov.vn/ocop/dossiers/7"


def test_an_invitation_token_mailed_during_a_hostile_request_points_at_the_public_site(
    app, province, commune
):
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    organisation = make_organisation(commune)
    secretary = make_user(Role.SECRETARY, unit=province)
    client = hostile_client(app, secretary)

    response = client.post(
        f"/producers/organisations/{organisation.id}/invite",
        data={"full_name": "Phạm Thị Mời", "email": "moi.nguoi@vi-du.vn"},
        base_url=HOSTILE,
    )

    assert response.status_code == 302
    links = links_in(app)
    assert any("/producers/invitation/" in link for link in links), links
    assert links and all(link.startswith(PUBLIC + "/") for link in links), links


def test_a_dossier_e_mail_sent_during_a_hostile_request_points_at_the_public_site(app, kim_son):
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    dossier = complete(start(kim_son), kim_son)
    client = hostile_client(app, kim_son.producer)

    response = client.post(
        f"/dossiers/{dossier.id}/submit",
        data={"declaration_name": "Phạm Thị Hiếu", "declaration": "y"},
        base_url=HOSTILE,
    )

    assert response.status_code == 302
    links = links_in(app)
    assert f"{PUBLIC}/dossiers/{dossier.id}" in links
    assert not [link for link in links if "evil.example" in link]


def test_the_receipt_qr_code_encodes_the_public_address(app, kim_son):
    app.config["PUBLIC_BASE_URL"] = PUBLIC
    dossier = submitted(kim_son)
    client = hostile_client(app, kim_son.producer)

    html = client.get(f"/dossiers/{dossier.id}/receipt", base_url=HOSTILE).text

    expected = segno.make(f"{PUBLIC}/dossiers/{dossier.id}", error="m").svg_data_uri(scale=4)
    assert expected in html
