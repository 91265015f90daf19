"""The re-evaluation filing window (26/2026 Điều 7.6.a) when a producer starts or submits a
re-evaluation dossier, and the late filing the transition allows (Điều 12.3)."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from evalapp.common.time import local_today
from evalapp.common.uploads import check_upload
from evalapp.demo.forms import fill_forms
from evalapp.demo.products import COI_2026
from evalapp.dossiers import drafting, services, submission
from evalapp.dossiers.models import Dossier, DossierState, RegistrationType
from evalapp.dossiers.rules import checklist_items
from evalapp.extensions import db
from tests.factories import make_organisation, make_producer, make_product
from tests.integration.dossiers.conftest import pdf_file
from tests.integration.registry.issued import Issuer


class Holder:
    def __init__(self, world, expires_on: date) -> None:
        self.world = world
        self.organisation = make_organisation(commune=world["commune"])
        self.producer = make_producer(self.organisation, full_name="Phạm Thị Hiếu")
        self.product = make_product(self.organisation, "Giỏ cói", "26-2026", "IV.1", "IV")
        self.certificate = Issuer(world["province"]).certificate(
            self.organisation, product_name="Giỏ cói", expires_on=expires_on
        )
        db.session.commit()

    def start(self) -> Dossier:
        return services.start_dossier(
            self.product,
            self.world["round"],
            RegistrationType.RE_EVALUATION,
            self.certificate.number,
            self.producer,
        )


def window_message(expiry: date) -> str:
    return (
        f"Hồ sơ đánh giá lại chỉ nộp từ {expiry - timedelta(days=180):%d/%m/%Y} đến "
        f"{expiry - timedelta(days=120):%d/%m/%Y} (Điều 7.6 Quyết định 26/2026/QĐ-TTg)."
    )


@pytest.mark.parametrize("days_before", [180, 120])
def test_a_re_evaluation_starts_on_the_windows_first_and_last_day(province_2026, days_before):
    holder = Holder(province_2026, local_today() + timedelta(days=days_before))
    dossier = holder.start()
    assert dossier.previous_certificate_id == holder.certificate.id


@pytest.mark.parametrize("days_before", [181, 119])
def test_a_re_evaluation_outside_the_window_is_refused_with_the_window(
    province_2026, login, days_before
):
    expiry = local_today() + timedelta(days=days_before)
    holder = Holder(province_2026, expiry)
    with pytest.raises(services.DossierError) as refused:
        holder.start()
    assert str(refused.value) == window_message(expiry)
    db.session.rollback()
    response = login(holder.producer).post(
        "/dossiers/new",
        data={
            "product": holder.product.id,
            "round": province_2026["round"].id,
            "registration_type": "re_evaluation",
            "previous_certificate": holder.certificate.number,
        },
    )
    assert window_message(expiry) in response.text
    assert db.session.scalar(select(Dossier).where(Dossier.product_id == holder.product.id)) is None


def test_a_first_time_registration_is_not_held_to_the_window(province_2026):
    holder = Holder(province_2026, local_today() + timedelta(days=30))
    dossier = services.start_dossier(
        holder.product, province_2026["round"], RegistrationType.FIRST_TIME, "", holder.producer
    )
    assert dossier.state is DossierState.DRAFT


def test_submitting_after_the_window_closed_is_refused(province_2026, login, monkeypatch):
    """Started on the 150th day before expiry, submitted on the 119th."""
    expiry = local_today() + timedelta(days=150)
    province_2026["round"].submission_closes_on = local_today() + timedelta(days=60)
    holder = Holder(province_2026, expiry)
    dossier = holder.start()
    for item in checklist_items(dossier):
        if item.required:
            upload = check_upload(pdf_file(f"{item.code}.pdf"), ["pdf"], 10)
            services.attach_document(dossier, item.code, upload, holder.producer)
    services.save_self_assessment(dossier, COI_2026, holder.producer)
    fill_forms(dossier, holder.producer)
    db.session.commit()
    monkeypatch.setattr(submission, "local_today", lambda: expiry - timedelta(days=119))
    response = login(holder.producer).post(
        f"/dossiers/{dossier.id}/submit",
        data={"declaration_name": "Phạm Thị Hiếu", "declaration": "y"},
    )
    assert window_message(expiry) in response.text
    db.session.refresh(dossier)
    assert dossier.state is DossierState.DRAFT and dossier.receipt_code is None
    # On the 120th day it goes through.
    monkeypatch.setattr(submission, "local_today", lambda: expiry - timedelta(days=120))
    services.submit_dossier(dossier, holder.producer)
    assert dossier.state is DossierState.SUBMITTED


def test_older_rulebooks_keep_no_window(kim_son):
    certificate = Issuer(kim_son.province).certificate(
        kim_son.organisation, expires_on=local_today() + timedelta(days=10)
    )
    db.session.commit()
    dossier = services.start_dossier(
        kim_son.product,
        kim_son.round,
        RegistrationType.RE_EVALUATION,
        certificate.number,
        kim_son.producer,
    )
    assert dossier.previous_certificate_id == certificate.id


@pytest.mark.parametrize(("day", "allowed"), [(date(2026, 9, 1), True), (date(2026, 9, 2), False)])
def test_a_window_closed_before_the_decision_allows_a_late_filing_up_to_expiry(
    province_2026, monkeypatch, day, allowed
):
    """Valid through 1/9/2026: the window (5/3–4/5/2026) closed before 26/2026 took effect on
    22/5/2026; Điều 12.3 lets the holder file late, up to the expiry day."""
    round_ = province_2026["round"]
    round_.submission_opens_on, round_.submission_closes_on = date(2026, 5, 22), date(2026, 9, 30)
    holder = Holder(province_2026, date(2026, 9, 1))
    monkeypatch.setattr(drafting, "local_today", lambda: day)
    if allowed:
        assert holder.start().previous_certificate_id == holder.certificate.id
        return
    with pytest.raises(services.DossierError, match="chậm nhất đến hết ngày hết hạn 01/09/2026"):
        holder.start()


def test_the_new_dossier_form_shows_the_window_of_each_certificate(province_2026, login):
    """Before any refusal: the producer reads when each certificate may be re-filed."""
    expiry = local_today() + timedelta(days=300)
    holder = Holder(province_2026, expiry)
    page = (
        login(holder.producer)
        .get(
            "/dossiers/new?registration_type=re_evaluation"
            f"&previous_certificate={holder.certificate.number}"
        )
        .get_data(as_text=True)
    )
    window = (
        f"Hồ sơ đánh giá lại nộp từ {expiry - timedelta(days=180):%d/%m/%Y} đến "
        f"{expiry - timedelta(days=120):%d/%m/%Y} (Điều 7.6.a)"
    )
    assert f"Giấy chứng nhận số {holder.certificate.number}: {window}" in page
