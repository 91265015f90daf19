"""Upgrade and re-evaluation dossiers linked to the certificate they build on."""

from datetime import date

import pytest
from sqlalchemy import select

from evalapp.dossiers import services
from evalapp.dossiers.models import Dossier, RegistrationType
from evalapp.extensions import db
from tests.factories import make_organisation
from tests.integration.registry.issued import Issuer


@pytest.fixture
def earlier(kim_son):
    """The 2021 certificate of Hiếu Lâm's basket, in the register."""
    certificate = Issuer(kim_son.province).certificate(
        kim_son.organisation,
        product_name="Giỏ đay Hiếu Lâm",
        issued_on=date(2021, 12, 25),
        number="015/2021/GCN-OCOP-NB",
    )
    db.session.commit()
    return certificate


def start(scenario, kind: RegistrationType, number: str) -> Dossier:
    return services.start_dossier(scenario.product, scenario.round, kind, number, scenario.producer)


def test_a_re_evaluation_is_linked_to_the_certificate_it_renews(kim_son, earlier):
    dossier = start(kim_son, RegistrationType.RE_EVALUATION, " 015/2021/gcn-ocop-nb ")
    assert dossier.previous_certificate_id == earlier.id
    assert dossier.previous_certificate == "015/2021/GCN-OCOP-NB"


def test_an_old_paper_certificate_is_kept_as_text_and_the_page_says_so(kim_son, login):
    dossier = start(kim_son, RegistrationType.UPGRADE, "27/QĐ-UBND-2019")
    db.session.commit()
    assert dossier.previous_certificate == "27/QĐ-UBND-2019"
    assert dossier.previous_certificate_id is None
    page = login(kim_son.producer).get(f"/dossiers/{dossier.id}").text
    assert "27/QĐ-UBND-2019" in page
    assert "không có trong sổ đăng ký" in page


def test_the_dossier_page_links_to_the_register(kim_son, earlier, login):
    dossier = start(kim_son, RegistrationType.RE_EVALUATION, earlier.number)
    db.session.commit()
    page = login(kim_son.producer).get(f"/dossiers/{dossier.id}").text
    assert f'href="/verify/{earlier.public_id}"' in page
    assert "không có trong sổ đăng ký" not in page


def test_another_organisations_certificate_is_refused(kim_son, login):
    other = Issuer(kim_son.province).certificate(
        make_organisation(name="Hợp tác xã Khác"), number="099/2022/GCN-OCOP-NB"
    )
    db.session.commit()
    with pytest.raises(services.DossierError, match="được cấp cho một chủ thể khác"):
        start(kim_son, RegistrationType.RE_EVALUATION, other.number)
    db.session.rollback()
    client = login(kim_son.producer)
    response = client.post(
        "/dossiers/new",
        data={
            "product": kim_son.product.id,
            "round": kim_son.round.id,
            "registration_type": "re_evaluation",
            "previous_certificate": other.number,
        },
    )
    assert "được cấp cho một chủ thể khác" in response.text
    assert db.session.scalar(select(Dossier).where(Dossier.round_id == kim_son.round.id)) is None


def test_a_first_time_registration_links_nothing(kim_son, earlier):
    dossier = start(kim_son, RegistrationType.FIRST_TIME, earlier.number)
    assert dossier.previous_certificate_id is None


def test_changing_the_details_relinks(kim_son, earlier, login):
    dossier = start(kim_son, RegistrationType.UPGRADE, "cũ-trên-giấy")
    db.session.commit()
    client = login(kim_son.producer)
    client.post(
        f"/dossiers/{dossier.id}/details",
        data={"registration_type": "re_evaluation", "previous_certificate": earlier.number},
    )
    db.session.expire_all()
    assert dossier.previous_certificate_id == earlier.id
    assert dossier.registration_type is RegistrationType.RE_EVALUATION
    client.post(
        f"/dossiers/{dossier.id}/details",
        data={"registration_type": "first_time", "previous_certificate": ""},
    )
    db.session.expire_all()
    assert dossier.previous_certificate_id is None


def test_the_reminders_link_opens_a_prefilled_re_evaluation(kim_son, earlier, login):
    client = login(kim_son.producer)
    page = client.get(
        "/dossiers/new",
        query_string={
            "registration_type": "re_evaluation",
            "previous_certificate": earlier.number,
        },
    ).text
    assert f'value="{earlier.number}"' in page
    assert '<option selected value="re_evaluation">' in page


def test_the_details_form_refuses_another_organisations_certificate(kim_son, login):
    other = Issuer(kim_son.province).certificate(
        make_organisation(name="Hợp tác xã Khác"), number="098/2022/GCN-OCOP-NB"
    )
    dossier = start(kim_son, RegistrationType.UPGRADE, "cũ-trên-giấy")
    db.session.commit()
    response = login(kim_son.producer).post(
        f"/dossiers/{dossier.id}/details",
        data={"registration_type": "re_evaluation", "previous_certificate": other.number},
    )
    assert "được cấp cho một chủ thể khác" in response.text
    db.session.expire_all()
    assert dossier.previous_certificate == "cũ-trên-giấy"
    assert dossier.previous_certificate_id is None
    assert dossier.registration_type is RegistrationType.UPGRADE
