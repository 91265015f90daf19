from datetime import date

import pytest
from sqlalchemy import select

from evalapp.certificates import document, services, signing
from evalapp.certificates.models import Certificate, CertificateCounter
from evalapp.common.audit import AuditEntry
from evalapp.dossiers.models import DossierEvent
from evalapp.extensions import db
from evalapp.notifications.models import Notification
from evalapp.reports.decision_document import annex_rows
from tests.factories import make_decision
from tests.integration.certificates.conftest import agenda_result, certificate_of, make_issuing
from tests.integration.certificates.support import flat, pdf_text


def test_an_issued_decision_certifies_the_stars_recognised_at_its_level(issuing):
    issued = services.issue_certificates(issuing.decision, issuing.secretary)
    db.session.commit()

    assert [(c.product_name, c.stars, c.number) for c in issued] == [
        ("Giỏ đay Hiếu Lâm", 4, "NB-2021-0001"),
        ("Cơm cháy Cung Đình", 3, "NB-2021-0002"),
    ]
    certificate = issued[0]
    assert certificate.producer_name == "Công ty TNHH Hiếu Lâm"
    assert certificate.producer_address == "Xóm 3, Xã Thượng Kiệm, Huyện Kim Sơn, Tỉnh Ninh Bình"
    assert certificate.province_name == "Tỉnh Ninh Bình"
    assert certificate.decision_number == "123/QĐ-UBND"
    assert certificate.issued_on == certificate.decision_date == date(2021, 12, 20)
    # 36 months by Điều 147–148 BLDS 2015: the last day of validity is the corresponding day.
    assert (certificate.expires_on, certificate.printed_expires_on) == (date(2024, 12, 20), None)
    assert certificate.issuing_body == "ỦY BAN NHÂN DÂN TỈNH NINH BÌNH"
    assert certificate.signer_name == "Nguyễn Văn Ký"
    assert len(certificate.public_id) == 26 and certificate.public_id.islower()


def test_results_without_a_certificate_say_why(issuing):
    reasons = {row.result.stars: row.reason for row in services.eligibility(issuing.decision)}
    assert reasons[4] == reasons[3] == ""
    assert reasons[2] == "Đạt 2 sao, dưới 3 sao: không cấp giấy chứng nhận."
    assert "5 sao do Hội đồng cấp Trung ương công nhận" in reasons[5]


def test_issuing_again_issues_nothing_twice(issued):
    assert services.issue_certificates(issued.decision, issued.secretary) == []
    db.session.commit()
    assert db.session.scalar(select(db.func.count(Certificate.id))) == 2


def test_the_sequence_continues_per_unit_and_year_and_never_repeats(app):
    first = make_issuing()
    services.issue_certificates(first.decision, first.secretary)
    more = agenda_result(first.session, first.organisation, "Nem chua Kim Sơn", 4, 5)
    second_decision = make_decision(first.round, [more], "200/QĐ-UBND")
    new_year = agenda_result(first.session, first.organisation, "Rượu Kim Sơn", 3, 6)
    next_year = make_decision(first.round, [new_year], "5/QĐ-UBND", signed_on=date(2022, 2, 1))
    other = make_issuing(code="TB", name="Tỉnh Thái Bình")

    assert [c.number for c in services.issue_certificates(second_decision, first.secretary)] == [
        "NB-2021-0003"
    ]
    assert [c.number for c in services.issue_certificates(next_year, first.secretary)] == [
        "NB-2022-0001"
    ]
    assert [c.number for c in services.issue_certificates(other.decision, other.secretary)] == [
        "TB-2021-0001",
        "TB-2021-0002",
    ]
    db.session.commit()
    counter = db.session.get(CertificateCounter, (first.province.id, 2021))
    assert counter.last == 3
    numbers = db.session.scalars(select(Certificate.number)).all()
    assert len(numbers) == len(set(numbers)) == 6


def test_a_revoked_number_is_not_reused(issued):
    certificate = certificate_of(issued, 4)
    certificate.revoked_on, certificate.revoked_reason = date(2022, 1, 1), "Thử"
    more = agenda_result(issued.session, issued.organisation, "Nem chua Kim Sơn", 4, 5)
    decision = make_decision(issued.round, [more], "201/QĐ-UBND")
    assert services.issue_certificates(decision, issued.secretary)[0].number == "NB-2021-0003"


def test_a_draft_decision_issues_no_certificate(app):
    issuing = make_issuing(issued=False, number=None)
    with pytest.raises(services.CertificateError, match="chưa được ban hành"):
        services.issue_certificates(issuing.decision, issuing.secretary)


def test_issuing_records_the_event_audits_and_tells_the_producer(issued):
    certificate = certificate_of(issued, 4)
    events = db.session.scalars(
        select(DossierEvent).where(
            DossierEvent.dossier_id == certificate.dossier_id,
            DossierEvent.action == "certificate_issued",
        )
    ).all()
    assert [event.details["number"] for event in events] == ["NB-2021-0001"]
    audited = db.session.scalars(
        select(AuditEntry.object_id).where(AuditEntry.action == "certificate.issued")
    ).all()
    assert str(certificate.id) in audited
    notes = db.session.scalars(
        select(Notification).where(Notification.user_id == issued.producer.id)
    ).all()
    (note,) = [note for note in notes if "NB-2021-0001" in note.body]
    assert "Giỏ đay Hiếu Lâm" in note.body
    assert note.link == f"/results/dossiers/{certificate.dossier_id}"


def test_a_renewal_supersedes_the_certificate_it_renews(issued):
    old = certificate_of(issued, 4)
    renewal = agenda_result(issued.session, issued.organisation, "Giỏ đay Hiếu Lâm", 4, 5)
    renewal.dossier.previous_certificate_id = old.id
    decision = make_decision(issued.round, [renewal], "300/QĐ-UBND", signed_on=date(2024, 11, 2))
    new = services.issue_certificates(decision, issued.secretary)[0]
    db.session.commit()
    assert old.superseded_by_id == new.id
    assert new.number == "NB-2024-0001"


def test_the_secretary_issues_from_the_decision_page(issuing, client, auth):
    auth.login(issuing.secretary)
    url = f"/certificates/decisions/{issuing.decision.id}"
    page = client.get(url).get_data(as_text=True)
    assert "Hạng 5 sao do Hội đồng cấp Trung ương công nhận" in page
    assert "Đủ điều kiện, chưa cấp" in page

    response = client.post(f"{url}/issue", data={"confirmed": "1"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Đã cấp 2 giấy chứng nhận." in page
    assert "NB-2021-0001" in page and "NB-2021-0002" in page

    # Nothing left to issue: nothing to confirm either.
    page = client.post(f"{url}/issue", follow_redirects=True).get_data(as_text=True)
    assert "Không có giấy chứng nhận mới nào cần cấp." in page


def test_an_unconfirmed_issue_allocates_no_number_and_says_who_is_certified(issuing, client, auth):
    auth.login(issuing.secretary)
    response = client.post(f"/certificates/decisions/{issuing.decision.id}/issue")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="confirmation"' in page
    assert "Cấp giấy chứng nhận theo Quyết định số 123/QĐ-UBND" in page
    assert "2 giấy chứng nhận được cấp, ngày cấp 20/12/2021" in page
    assert "số đã cấp không thể thu lại hay dùng lại" in page
    assert "Công ty TNHH Hiếu Lâm, sản phẩm Giỏ đay Hiếu Lâm (4 sao)" in page
    assert "Xác nhận cấp giấy chứng nhận" in page and 'name="confirmed" value="1"' in page
    assert db.session.scalars(select(Certificate)).all() == []
    assert db.session.scalars(select(CertificateCounter)).all() == []


def test_an_unconfirmed_issue_of_an_unissued_decision_says_why_at_once(issuing, client, auth):
    draft = make_decision(issuing.round, [], None, issued=False)
    db.session.commit()
    auth.login(issuing.secretary)
    response = client.post(f"/certificates/decisions/{draft.id}/issue", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Quyết định chưa được ban hành" in page and 'id="confirmation"' not in page


def test_the_unit_list_filters_by_status_year_and_decision(issued, client, auth):
    certificate = certificate_of(issued, 3)
    certificate.revoked_on, certificate.revoked_reason = date(2022, 3, 1), "Vi phạm"
    db.session.commit()
    auth.login(issued.secretary)
    page = client.get("/certificates/").get_data(as_text=True)
    assert "NB-2021-0001" in page and "NB-2021-0002" in page
    page = client.get("/certificates/?status=revoked").get_data(as_text=True)
    assert "NB-2021-0002" in page and "NB-2021-0001" not in page
    page = client.get("/certificates/?year=2020").get_data(as_text=True)
    assert "NB-2021-0001" not in page and "Chưa có giấy chứng nhận nào." in page
    page = client.get(f"/certificates/?decision={issued.decision.id}").get_data(as_text=True)
    assert "NB-2021-0001" in page


def test_without_its_signing_key_a_server_issues_nothing_and_says_why(app, issuing, tmp_path):
    app.config["CERTIFICATE_SIGNING_KEY"] = str(tmp_path / "absent.pem")
    app.config["CERTIFICATE_SIGNING_KEY_CREATE"] = False
    with pytest.raises(services.CertificateError, match="chưa có khóa ký"):
        services.issue_certificates(issuing.decision, issuing.secretary)
    db.session.rollback()
    assert db.session.scalars(select(Certificate)).all() == []


def test_the_certificate_prints_the_address_of_the_decisions_annex(issuing):
    """The annex and the certificate of the same day name the same place, district included."""
    certificate = services.issue_certificates(issuing.decision, issuing.secretary)[0]
    db.session.commit()
    row = next(r for r in annex_rows(issuing.decision) if r.product == "Giỏ đay Hiếu Lâm")
    assert row.address == "Xóm 3, Xã Thượng Kiệm, Huyện Kim Sơn, Tỉnh Ninh Bình"
    assert certificate.producer_address == row.address
    assert row.address in flat(pdf_text(document.certificate_pdf(certificate)))
    assert services.signature_valid(certificate) is True


def test_a_certificate_issued_earlier_keeps_the_address_it_was_signed_with(issued):
    """Facts are frozen at issue: an older certificate, issued without the district, prints
    and verifies exactly as before."""
    certificate = certificate_of(issued, 4)
    certificate.producer_address = "Xóm 3, Xã Thượng Kiệm, Tỉnh Ninh Bình"  # as issued then
    certificate.signature = signing.sign(signing.facts_of(certificate), signing.load_signing_key())
    db.session.commit()
    before = document.printed_facts(certificate)
    services.issue_certificates(issued.decision, issued.secretary)  # nothing is issued again
    db.session.commit()
    db.session.refresh(certificate)
    assert certificate.producer_address == "Xóm 3, Xã Thượng Kiệm, Tỉnh Ninh Bình"
    assert document.printed_facts(certificate) == before
    text = flat(pdf_text(document.certificate_pdf(certificate)))
    assert "Xóm 3, Xã Thượng Kiệm, Tỉnh Ninh Bình" in text and "Huyện Kim Sơn" not in text
    assert services.signature_valid(certificate) is True
